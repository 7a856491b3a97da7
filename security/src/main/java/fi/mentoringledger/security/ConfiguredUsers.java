package fi.mentoringledger.security;

import java.io.PrintWriter;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * The users of {@code mentoring.security.users}. Without any (and without bearer tokens), one
 * {@code admin} whose password is generated now and shown once on the terminal the service was
 * started from — never written to the log, which outlives the run and is read by more people; with
 * no terminal the service does not start. No password is ever written in code or in a default
 * configuration. {@code {noop}} passwords are plain text in memory and configuration: accepted only
 * in the local run ({@code mentoring.security.local-run}, which {@code bin/run-local} sets).
 */
final class ConfiguredUsers implements UserDetailsService {

    private static final Logger log = LoggerFactory.getLogger(ConfiguredUsers.class);
    /** Spring's encoded form: {id}hash, such as {bcrypt}$2a$10$… or {noop}text. */
    private static final Pattern ENCODED = Pattern.compile("\\{[A-Za-z0-9_-]+}.+");
    private static final String NOOP = "{noop}";

    private final Map<String, Entry> users = new LinkedHashMap<>();

    private record Entry(Caller caller, String password) {
    }

    ConfiguredUsers(List<LedgerSecurityProperties.User> configured, boolean generateAdmin, boolean localRun) {
        this(configured, generateAdmin, localRun, System.console() == null ? null : System.console().writer());
    }

    /** {@code terminal}: where a generated password is shown; null when the service has no terminal. */
    ConfiguredUsers(List<LedgerSecurityProperties.User> configured, boolean generateAdmin, boolean localRun,
            PrintWriter terminal) {
        for (int i = 0; i < configured.size(); i++) {
            LedgerSecurityProperties.User user = configured.get(i);
            String name = "mentoring.security.users[" + i + "]";
            if (user.username() == null || user.username().isBlank()) {
                throw new IllegalStateException(name + ".username is missing");
            }
            if (user.password() == null || !ENCODED.matcher(user.password()).matches()) {
                throw new IllegalStateException(name + ".password must be encoded the Spring way, such as "
                        + "{bcrypt}$2a$10$… ({noop}… only in the local run), never a plain password");
            }
            if (user.password().startsWith(NOOP) && !localRun) {
                throw new IllegalStateException(name + ".password is {noop}, a plain password: that is for the "
                        + "local run only (mentoring.security.local-run). Encode it with bcrypt: "
                        + "htpasswd -bnBC 10 \"\" 'the password' | tr -d ':\\n'");
            }
            if (user.roles().isEmpty()) {
                throw new IllegalStateException(name + ".roles is missing (ADMIN, ORGANISER, MENTOR, MENTEE)");
            }
            Caller caller = new Caller(user.username(), Set.copyOf(user.roles()), blankToNull(user.personId()),
                    Set.copyOf(user.programmes()));
            if (users.put(user.username(), new Entry(caller, user.password())) != null) {
                throw new IllegalStateException(name + ".username repeats " + user.username());
            }
        }
        if (users.isEmpty() && generateAdmin) {
            if (terminal == null) {
                throw new IllegalStateException("No users are configured (mentoring.security.users) and this service "
                        + "has no terminal to show a generated admin password on: configure the users (README, Security)");
            }
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            // Kept in memory only, for this run: {noop} is its encoded form.
            users.put("admin", new Entry(new Caller("admin", Set.of(Role.ADMIN), null, Set.of()), NOOP + password));
            terminal.printf("%nNo users are configured (mentoring.security.users): sign in as 'admin' with the password "
                    + "generated for this run: %s%n%n", password);
            terminal.flush();
            log.warn("No users are configured (mentoring.security.users): generated a password for user 'admin' for "
                    + "this run and showed it on the terminal (it is not logged)");
        }
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        Entry entry = users.get(username);
        if (entry == null) {
            throw new UsernameNotFoundException("no such user");
        }
        // A fresh object each time: Spring erases the credentials of the one it signs in with.
        return new LedgerUser(entry.caller(), entry.password());
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
