package fi.mentoringledger.query.summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import fi.mentoringledger.api.relationship.TerminationReason;
import fi.mentoringledger.web.InvalidRequestException;
import fi.mentoringledger.query.processing.ProjectionGenerations;
import fi.mentoringledger.query.summary.Attention.Reason;
import fi.mentoringledger.security.Caller;
import fi.mentoringledger.security.Role;
import fi.mentoringledger.security.SignedIn;
import fi.mentoringledger.query.support.Journey;
import fi.mentoringledger.query.support.Projector;
import fi.mentoringledger.query.support.ReadModelDatabase;
import fi.mentoringledger.query.support.ReadModelKeys;

/** The needs-attention list, against the summary read model in PostgreSQL. */
class AttentionQueryTest {

    private static final Caller ADMIN = new Caller("admin", Set.of(Role.ADMIN), null, Set.of());
    private static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");
    private static final LocalDate TODAY = LocalDate.of(2025, 6, 30);
    /** 2025-06-29 21:30 UTC is already the 30th in Helsinki. */
    private static final Clock CLOCK = Clock.fixed(java.time.Instant.parse("2025-06-29T21:30:00Z"), HELSINKI);

    @RegisterExtension
    static final ReadModelDatabase db = ReadModelDatabase.create();
    private static SummaryProjection projection;
    private static Projector projector;
    private static RelationshipSummaries summaries;
    private static AttentionController controller;
    private static AttentionThresholds thresholds;

    @BeforeEach
    void signedInAsAdmin() {
        SignedIn.asAdmin();
    }

    @AfterEach
    void signedOut() {
        SignedIn.clear();
    }

    @BeforeAll
    static void population() {
        ReadModelKeys keys = new ReadModelKeys(db);
        projection = new SummaryProjection(db.namedJdbc(), new ProjectionGenerations(db.jdbc()), keys.sealing());
        projector = new Projector(projection);
        summaries = new RelationshipSummaries(db.jdbc(), keys.sealing());
        thresholds = new AttentionThresholds(db.jdbc(), CLOCK, 30, 60, 0);
        controller = new AttentionController(summaries, thresholds, CLOCK);
        LocalDate jan = LocalDate.of(2025, 1, 10);
        feed(new Journey("concern", "p1", LocalDate.of(2025, 6, 1))
                .raiseConcernForOrganiser("c1", LocalDate.of(2025, 6, 2)));
        feed(new Journey("resolved", "p1", LocalDate.of(2025, 6, 1))
                .raiseConcernForOrganiser("c1", LocalDate.of(2025, 6, 2)).resolveConcern("c1", LocalDate.of(2025, 6, 3)));
        feed(new Journey("kept-by-the-pair", "p1", LocalDate.of(2025, 6, 1))
                .raiseConcern("c1", LocalDate.of(2025, 6, 2)));
        feed(new Journey("one-of-two-resolved", "p1", LocalDate.of(2025, 6, 1))
                .raiseConcernForOrganiser("c1", LocalDate.of(2025, 6, 2)).raiseConcern("c2", LocalDate.of(2025, 6, 3))
                .resolveConcern("c1", LocalDate.of(2025, 6, 4)));
        feed(new Journey("paused-long", "p1", jan).agree(jan, 1).meet(jan.plusDays(5))
                .pause(TODAY.minusDays(61)));
        feed(new Journey("paused-recently", "p1", jan).agree(jan, 1).meet(jan.plusDays(5))
                .pause(TODAY.minusDays(60)));
        feed(new Journey("quiet", "p1", jan).agree(jan, 1).meet(TODAY.minusDays(31)));
        feed(new Journey("active", "p1", jan).agree(jan, 1).meet(TODAY.minusDays(30)));
        feed(new Journey("agreed-no-meeting", "p1", jan).agree(TODAY.minusDays(41), 1));
        feed(new Journey("agreed-recently", "p1", jan).agree(TODAY.minusDays(10), 1));
        feed(new Journey("started-long-ago", "p1", jan));
        feed(new Journey("met-before-agreeing", "p1", jan).meet(jan.plusDays(1)).agree(TODAY.minusDays(5), 1));
        feed(new Journey("met-before-agreeing-long-ago", "p1", jan).meet(jan.plusDays(1)).agree(jan.plusDays(2), 1));
        feed(new Journey("quiet-with-concern", "p2", jan).agree(jan, 1).meet(jan.plusDays(1))
                .raiseConcernForOrganiser("c1", jan.plusDays(2)));
        feed(new Journey("closed-with-concern", "p1", jan).agree(jan, 1).meet(jan.plusDays(1))
                .raiseConcernForOrganiser("c1", jan.plusDays(2)).close(jan.plusDays(30)));
        feed(new Journey("terminated-quiet", "p1", jan).agree(jan, 1).meet(jan.plusDays(1))
                .terminate(TerminationReason.LOST_CONTACT, jan.plusDays(3)));
    }

    @Test
    void listsOpenConcernsLongPausesAndPairsWithoutARecentMeetingWithTheirReasons() {
        Attention attention = controller.attention(null, null, null, null);

        assertThat(reasons(attention)).containsExactly(
                Map.entry("agreed-no-meeting", List.of(Reason.NO_RECENT_MEETING)),
                Map.entry("met-before-agreeing-long-ago", List.of(Reason.NO_RECENT_MEETING)),
                Map.entry("paused-long", List.of(Reason.PAUSED_LONG)),
                Map.entry("quiet", List.of(Reason.NO_RECENT_MEETING)),
                Map.entry("quiet-with-concern", List.of(Reason.OPEN_CONCERN, Reason.NO_RECENT_MEETING)),
                Map.entry("concern", List.of(Reason.OPEN_CONCERN)));
        assertThat(attention.inactiveDays()).isEqualTo(30);
        assertThat(attention.pausedDays()).isEqualTo(60);
        assertThat(attention.items().get(0).summary().goals()).isNull();
        assertThat(attention.items().get(2).summary().relationshipId()).isEqualTo("paused-long");
        assertThat(attention.items().get(2).summary().pausedOn()).isEqualTo(TODAY.minusDays(61));
    }

    /**
     * DOMAIN.md, "Confidentiality": a concern the pair keeps to itself does not put the
     * relationship on organisers' list (above, "kept-by-the-pair" and "one-of-two-resolved" are
     * not there); the pair itself still sees it, and its count.
     */
    @Test
    void aConcernThePairKeepsToItselfIsOnlyOnThePairsOwnList() {
        Caller mentee = new Caller("mentee", Set.of(Role.MENTEE), "mentee-kept-by-the-pair", Set.of());
        SignedIn.as(mentee);

        Attention theirs = controller.attention(null, null, null, null);

        assertThat(reasons(theirs)).containsExactly(Map.entry("kept-by-the-pair", List.of(Reason.OPEN_CONCERN)));
        assertThat(theirs.items().get(0).summary().openConcerns()).isEqualTo(1);
        assertThat(summaries.find("kept-by-the-pair", mentee).orElseThrow().openConcerns()).isEqualTo(1);
        assertThat(summaries.find("kept-by-the-pair", ADMIN).orElseThrow().openConcerns()).isZero();
        assertThat(summaries.find("one-of-two-resolved", ADMIN).orElseThrow().openConcerns()).isZero();
        assertThat(summaries.find("concern", ADMIN).orElseThrow().openConcerns()).isEqualTo(1);
    }

    @Test
    void answersEachItemAsASummaryWithItsReasons() throws Exception {
        JsonNode json = JsonMapper.builder().findAndAddModules().build().readTree(JsonMapper.builder().findAndAddModules()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build()
                .writeValueAsString(controller.attention("p2", null, null, null)));

        assertThat(json.get("inactiveDays").asInt()).isEqualTo(30);
        assertThat(json.get("pausedDays").asInt()).isEqualTo(60);
        JsonNode item = json.get("items").get(0);
        assertThat(item.get("relationshipId").asText()).isEqualTo("quiet-with-concern");
        assertThat(item.get("stage").asText()).isEqualTo("IN_PROGRESS");
        assertThat(item.get("lastMeetingOn").asText()).isEqualTo("2025-01-11");
        assertThat(item.has("goals")).isFalse();
        assertThat(item.get("reasons").toString()).isEqualTo("[\"OPEN_CONCERN\",\"NO_RECENT_MEETING\"]");
    }

    @Test
    void theDaysAreParametersAndTodayIsTheProgrammesDate() {
        Attention attention = controller.attention(null, "31", "61", null);

        assertThat(reasons(attention)).containsOnlyKeys("agreed-no-meeting", "met-before-agreeing-long-ago",
                "quiet-with-concern", "concern");
        assertThat(reasons(controller.attention(null, "9", "59", null))).containsKeys("agreed-recently", "paused-recently",
                "active", "quiet");
    }

    /**
     * A programme's own thresholds, once set, apply to its list when the request gives none; a
     * request's own still win, and the list of every programme keeps the service's defaults.
     */
    @Test
    void aProgrammesOwnThresholdsApplyWhenTheRequestGivesNone() {
        feed(new Journey("paused-fifty-days", "p3", LocalDate.of(2025, 1, 10)).agree(LocalDate.of(2025, 1, 10), 1)
                .meet(LocalDate.of(2025, 1, 11)).pause(TODAY.minusDays(50)));
        assertThat(controller.attention("p3", null, null, null).items()).isEmpty();

        thresholds.set("p3", 90, 45, null, "organiser-p3");

        Attention ownThresholds = controller.attention("p3", null, null, null);
        assertThat(reasons(ownThresholds)).containsExactly(Map.entry("paused-fifty-days", List.of(Reason.PAUSED_LONG)));
        assertThat(ownThresholds.inactiveDays()).isEqualTo(90);
        assertThat(ownThresholds.pausedDays()).isEqualTo(45);
        Attention requestWins = controller.attention("p3", "30", "60", null);
        assertThat(requestWins.items()).isEmpty();
        assertThat(controller.attention("p3", null, "60", null).inactiveDays()).isEqualTo(90);
        assertThat(reasons(controller.attention(null, null, null, null))).doesNotContainKey("paused-fifty-days");
        assertThat(controller.attention(null, null, null, null).pausedDays()).isEqualTo(60);
    }

    /**
     * A pair not agreed more than {@code agreementDays} after its start is listed only where that is
     * asked for (the service's default lists no one): by the request, or by the programme's own.
     */
    @Test
    void aLateAgreementListsAPairFromTheDayAfterNDaysOnlyWhereAskedFor() {
        feed(new Journey("started-ten-days-ago", "p4", TODAY.minusDays(10)));
        feed(new Journey("started-eleven-days-ago", "p4", TODAY.minusDays(11)));
        feed(new Journey("agreed-yesterday", "p4", TODAY.minusDays(20)).agree(TODAY.minusDays(1), 1));

        Attention byDefault = controller.attention("p4", null, null, null);
        assertThat(byDefault.items()).isEmpty();
        assertThat(byDefault.agreementDays()).isNull();
        assertThat(reasons(controller.attention("p4", null, null, "10")))
                .containsExactly(Map.entry("started-eleven-days-ago", List.of(Reason.NO_AGREEMENT)));

        thresholds.set("p4", 30, 60, 9, "organiser-p4");
        Attention own = controller.attention("p4", null, null, null);
        assertThat(reasons(own)).containsOnlyKeys("started-eleven-days-ago", "started-ten-days-ago");
        assertThat(own.agreementDays()).isEqualTo(9);
        assertThat(reasons(controller.attention(null, null, null, null))).doesNotContainKey("started-ten-days-ago");
    }

    @Test
    void filtersByProgramme() {
        assertThat(reasons(controller.attention("p2", null, null, null))).containsOnlyKeys("quiet-with-concern");
        assertThat(controller.attention("nowhere", null, null, null).items()).isEmpty();
    }

    @Test
    void refusesDaysThatAreNotPositiveWholeNumbersListingEveryOffendingField() {
        assertThatThrownBy(() -> controller.attention(null, "0", "soon", null))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.problems())
                        .extracting(InvalidRequestException.FieldProblem::field)
                        .containsExactly("inactiveDays", "pausedDays"));
        assertThatThrownBy(() -> controller.attention(null, "3651", null, null)).isInstanceOf(InvalidRequestException.class);
    }

    private static Map<String, List<Reason>> reasons(Attention attention) {
        Map<String, List<Reason>> reasons = new LinkedHashMap<>();
        attention.items().forEach(item -> reasons.put(item.summary().relationshipId(), item.reasons()));
        return reasons;
    }

    private static void feed(Journey journey) {
        db.inTransaction(() -> {
            for (int i = 0; i < journey.events.size(); i++) {
                projector.apply(journey.events.get(i), i);
            }
        });
    }
}
