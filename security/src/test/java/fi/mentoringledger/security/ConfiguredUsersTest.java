package fi.mentoringledger.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** Passwords as configured: never plain outside the local run, and a generated one never in the log. */
class ConfiguredUsersTest {

    private static final LedgerSecurityProperties.User NOOP_USER = new LedgerSecurityProperties.User("olli",
            "{noop}secret", List.of(Role.ORGANISER), null, List.of("womento"));

    @Test
    void aPlainNoopPasswordStopsTheServiceOutsideTheLocalRun() {
        assertThatThrownBy(() -> new ConfiguredUsers(List.of(NOOP_USER), true, false, null))
                .hasMessageContaining("mentoring.security.users[0].password is {noop}")
                .hasMessageNotContaining("secret");
        assertThat(new ConfiguredUsers(List.of(NOOP_USER), true, true, null).loadUserByUsername("olli").getPassword())
                .isEqualTo("{noop}secret");
    }

    @Test
    void aGeneratedAdminPasswordIsShownOnTheTerminalOnly() {
        StringWriter terminal = new StringWriter();

        ConfiguredUsers users = new ConfiguredUsers(List.of(), true, false, new PrintWriter(terminal));

        Matcher shown = Pattern.compile("generated for this run: (\\S+)").matcher(terminal.toString());
        assertThat(shown.find()).as(terminal.toString()).isTrue();
        assertThat(users.loadUserByUsername("admin").getPassword()).isEqualTo("{noop}" + shown.group(1));
    }

    @Test
    void withoutUsersAndWithoutATerminalTheServiceDoesNotStart() {
        assertThatThrownBy(() -> new ConfiguredUsers(List.of(), true, false, null))
                .hasMessageContaining("configure the users");
    }
}
