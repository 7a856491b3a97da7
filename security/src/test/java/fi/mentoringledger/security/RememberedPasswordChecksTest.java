package fi.mentoringledger.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/** A password that verified costs no second check for a while; a wrong one is checked, in full, every time. */
class RememberedPasswordChecksTest {

    private final AtomicInteger checks = new AtomicInteger();
    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
    private final PasswordEncoder configured = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    private final AtomicLong nanos = new AtomicLong();
    private final RememberedPasswordChecks passwords = passwords(Duration.ofMinutes(1));

    private RememberedPasswordChecks passwords(Duration ttl) {
        PasswordEncoder counting = new PasswordEncoder() {
            @Override
            public String encode(CharSequence raw) {
                return configured.encode(raw);
            }

            @Override
            public boolean matches(CharSequence raw, String encoded) {
                checks.incrementAndGet();
                return configured.matches(raw, encoded);
            }
        };
        ConfiguredUsers users = new ConfiguredUsers(List.of(new LedgerSecurityProperties.User("maija",
                "{bcrypt}" + bcrypt.encode("right"), List.of(Role.MENTOR), "p-1", List.of())), false, false, null);
        DaoAuthenticationProvider check = new DaoAuthenticationProvider(users);
        check.setPasswordEncoder(counting);
        return new RememberedPasswordChecks(check, ttl, nanos::get);
    }

    @Test
    void aVerifiedPasswordIsCheckedOnceAndSignsInAsTheSameUser() {
        var first = passwords.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("maija", "right"));
        var second = passwords.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("maija", "right"));

        assertThat(checks).hasValue(1);
        assertThat(second.isAuthenticated()).isTrue();
        assertThat(((LedgerUser) second.getPrincipal()).caller())
                .isEqualTo(new Caller("maija", Set.of(Role.MENTOR), "p-1", Set.of()));
        assertThat(second.getAuthorities()).isEqualTo(first.getAuthorities());
    }

    @Test
    void aWrongPasswordIsCheckedEveryTimeEvenAfterTheRightOne() {
        passwords.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("maija", "right"));

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> passwords.authenticate(
                    UsernamePasswordAuthenticationToken.unauthenticated("maija", "wrong")))
                    .isInstanceOf(BadCredentialsException.class);
        }

        assertThat(checks).hasValue(4);
    }

    @Test
    void aRememberedPasswordIsCheckedAgainOnceItsTimeIsOver() {
        passwords.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("maija", "right"));
        nanos.addAndGet(Duration.ofSeconds(59).toNanos());
        passwords.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("maija", "right"));
        nanos.addAndGet(Duration.ofSeconds(2).toNanos());

        passwords.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("maija", "right"));

        assertThat(checks).as("checked at first and once the minute was over, not in between").hasValue(2);
    }
}
