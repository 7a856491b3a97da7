package fi.mentoringledger.query.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import fi.mentoringledger.api.relationship.TerminationReason;

/** Re-coded reasons (README): schemes read from configuration, refused when they would miscount. */
class ReasonSchemesTest {

    @Test
    void aSchemeIsReadFromConfigurationInTheOrderGivenAndRecodesEveryCount() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("mentoring.reason-schemes[0].name", "funder")
                .withProperty("mentoring.reason-schemes[0].categories[0].name", "Ajanpuute ja elämäntilanne")
                .withProperty("mentoring.reason-schemes[0].categories[0].reasons",
                        "LACK_OF_TIME, HEALTH_OR_FAMILY, RELOCATION")
                .withProperty("mentoring.reason-schemes[0].categories[1].name", "Pari")
                .withProperty("mentoring.reason-schemes[0].categories[1].reasons", "mismatch,CHANGE_OF_GOALS")
                .withProperty("mentoring.reason-schemes[0].categories[2].name", "Muu")
                .withProperty("mentoring.reason-schemes[0].categories[2].reasons", "LOST_CONTACT,ORGANISER_DECISION,OTHER");
        ReasonScheme scheme = new ReasonSchemes(environment).named("funder").orElseThrow();
        Map<TerminationReason, Long> byReason = new EnumMap<>(TerminationReason.class);
        long count = 1;
        for (TerminationReason reason : TerminationReason.values()) {
            byReason.put(reason, count);
            count *= 2;
        }

        Map<String, Long> recoded = scheme.recode(byReason);

        Map<String, Long> expected = new LinkedHashMap<>();
        expected.put("Ajanpuute ja elämäntilanne", byReason.get(TerminationReason.LACK_OF_TIME)
                + byReason.get(TerminationReason.HEALTH_OR_FAMILY) + byReason.get(TerminationReason.RELOCATION));
        expected.put("Pari", byReason.get(TerminationReason.MISMATCH) + byReason.get(TerminationReason.CHANGE_OF_GOALS));
        expected.put("Muu", byReason.get(TerminationReason.LOST_CONTACT)
                + byReason.get(TerminationReason.ORGANISER_DECISION) + byReason.get(TerminationReason.OTHER));
        assertThat(recoded).containsExactlyEntriesOf(expected);
        assertThat(recoded.values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(byReason.values().stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void noSchemeConfiguredIsNoScheme() {
        assertThat(new ReasonSchemes(new MockEnvironment()).all()).isEmpty();
    }

    @Test
    void aSchemeThatWouldMiscountIsRefusedAtStartNamingWhy() {
        assertRefused(List.of(scheme("funder", category("A", TerminationReason.values()).reasons().subList(0, 7))),
                "no category holds [OTHER]");
        List<TerminationReason> all = List.of(TerminationReason.values());
        assertRefused(List.of(new ReasonScheme("funder", List.of(category("A", all), category("B", List.of(TerminationReason.MISMATCH))))),
                "MISMATCH is in two categories");
        assertRefused(List.of(new ReasonScheme("funder", List.of(category("A", all.subList(0, 4)), category("A", all.subList(4, 8))))),
                "two categories are named 'A'");
        assertRefused(List.of(new ReasonScheme("funder", List.of(category(" ", all)))), "a category needs a name");
        assertRefused(List.of(new ReasonScheme("Funder 2026", List.of(category("A", all)))), "a scheme's name is");
        assertRefused(List.of(new ReasonScheme("funder", List.of())), "it has no categories");
        assertRefused(List.of(scheme("funder", all), scheme("funder", all)), "two schemes have this name");
    }

    private static void assertRefused(List<ReasonScheme> configured, String why) {
        assertThatThrownBy(() -> new ReasonSchemes(configured)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("mentoring.reason-schemes").hasMessageContaining(why);
    }

    private static ReasonScheme scheme(String name, List<TerminationReason> reasons) {
        return new ReasonScheme(name, List.of(category("A", reasons)));
    }

    private static ReasonScheme.Category category(String name, TerminationReason... reasons) {
        return category(name, List.of(reasons));
    }

    private static ReasonScheme.Category category(String name, List<TerminationReason> reasons) {
        return new ReasonScheme.Category(name, reasons);
    }
}
