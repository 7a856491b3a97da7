package fi.mentoringledger.security;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code mentoring.security.*}: the users of HTTP Basic (and of the dashboard's sign-in form), the
 * claims a bearer token names the caller with, and whether this service signs browsers in with a
 * form.
 *
 * @param users     configured users; passwords in Spring's encoded form ({@code {bcrypt}$2a$…},
 *                  {@code {noop}…}), never plain
 * @param claims    where a bearer token keeps the caller's name, roles, person id and programmes
 * @param formLogin whether browsers sign in with a form (and a session, guarded against CSRF)
 * @param relay     the key of the short-lived tokens that relay a signed-in browser user to the
 *                  command-service ({@link RelayTokens})
 * @param localRun  the throw-away local run ({@code bin/run-local}): only there are {@code {noop}}
 *                  passwords accepted
 * @param signInLimits how many failed sign-ins a user name and a client address may have per period
 * @param verifiedCredentialsTtl how long a user name and password that verified are remembered, so
 *                  that a password check is not paid on every request
 */
@ConfigurationProperties("mentoring.security")
public record LedgerSecurityProperties(@DefaultValue List<User> users, @DefaultValue Claims claims,
        @DefaultValue("false") boolean formLogin, @DefaultValue Relay relay, @DefaultValue("false") boolean localRun,
        @DefaultValue SignInLimits signInLimits, @DefaultValue("60s") Duration verifiedCredentialsTtl) {

    /** One configured user. */
    public record User(String username, String password, @DefaultValue List<Role> roles, String personId,
            @DefaultValue List<String> programmes) {
    }

    /**
     * Claim names; a dotted name walks into nested objects ({@code realm_access.roles}). Roles may
     * be given as {@code ADMIN} or {@code ROLE_ADMIN}, as a list or a space- or comma-separated text.
     */
    public record Claims(@DefaultValue("preferred_username") String username, @DefaultValue("roles") String roles,
            @DefaultValue("person_id") String personId, @DefaultValue("programmes") String programmes) {
    }

    /**
     * {@code key}: base64 of at least 32 random bytes, the same in both services; none means no
     * relayed users are accepted (and none can be relayed). {@code lifetime}: how long a token is
     * valid.
     */
    public record Relay(String key, @DefaultValue("30s") Duration lifetime) {
    }

    /**
     * Failed sign-ins allowed per user name and per client address within {@code period}; they
     * come back gradually over it.
     */
    public record SignInLimits(@DefaultValue("10") int perUser, @DefaultValue("50") int perAddress,
            @DefaultValue("5m") Duration period) {
    }
}
