package fi.mentoringledger.security;

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
 */
@ConfigurationProperties("mentoring.security")
public record LedgerSecurityProperties(@DefaultValue List<User> users, @DefaultValue Claims claims,
        @DefaultValue("false") boolean formLogin) {

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
}
