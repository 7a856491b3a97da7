package fi.mentoringledger.security;

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
 * {@code admin} whose password is generated now and logged once: no password is ever written in
 * code or in a default configuration.
 */
final class ConfiguredUsers implements UserDetailsService {

    private static final Logger log = LoggerFactory.getLogger(ConfiguredUsers.class);
    /** Spring's encoded form: {id}hash, such as {bcrypt}$2a$10$… or {noop}text. */
    private static final Pattern ENCODED = Pattern.compile("\\{[A-Za-z0-9_-]+}.+");

    private final Map<String, Entry> users = new LinkedHashMap<>();

    private record Entry(Caller caller, String password) {
    }

    ConfiguredUsers(List<LedgerSecurityProperties.User> configured, boolean generateAdmin) {
        for (int i = 0; i < configured.size(); i++) {
            LedgerSecurityProperties.User user = configured.get(i);
            String name = "mentoring.security.users[" + i + "]";
            if (user.username() == null || user.username().isBlank()) {
                throw new IllegalStateException(name + ".username is missing");
            }
            if (user.password() == null || !ENCODED.matcher(user.password()).matches()) {
                throw new IllegalStateException(name + ".password must be encoded the Spring way, such as "
                        + "{bcrypt}$2a$10$… (or {noop}… for a throw-away local one), never a plain password");
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
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            users.put("admin", new Entry(new Caller("admin", Set.of(Role.ADMIN), null, Set.of()), "{noop}" + password));
            log.warn("No users are configured (mentoring.security.users): generated the password of user 'admin' "
                    + "for this run only: {}", password);
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
