package fi.mentoringledger.security;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Users for the services' tests, with passwords generated when the tests run (none is written in
 * the repository). The services get them bcrypt-encoded, at the cheapest cost, so that signing in
 * on every request does not slow the load tests down.
 */
public final class TestUsers {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final BCryptPasswordEncoder BCRYPT = new BCryptPasswordEncoder(4);

    /** The administrator every test signs in as unless it tests someone else. */
    public static final User ADMIN = user("admin", "ADMIN", null);

    private TestUsers() {
    }

    /** A user, password and all; {@code programmes} comma-separated. */
    public record User(String username, String password, String roles, String personId, String programmes) {

        /** The value of an Authorization header that signs this user in with HTTP Basic. */
        public String authorization() {
            return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password)
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    public static User user(String username, String roles, String personId, String... programmes) {
        byte[] random = new byte[18];
        RANDOM.nextBytes(random);
        return new User(username, Base64.getUrlEncoder().withoutPadding().encodeToString(random), roles, personId,
                String.join(",", programmes));
    }

    /**
     * The key of the relay tokens (RelayTokens) that every service of this test run shares, as the
     * local run's services do: generated once per run.
     */
    public static final String RELAY_KEY = randomKey();

    /**
     * The key-encryption key of the personal data keys (version 1) that every service of this test
     * run shares, so that what one wrote the other reads, and a restarted service its own data:
     * generated once per run.
     */
    public static final String PERSONAL_DATA_KEK = randomKey();

    private static String randomKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** The users as {@code mentoring.security.users[N].*} properties, the run's relay key and KEK. */
    public static Map<String, String> properties(User... users) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("mentoring.security.relay.key", RELAY_KEY);
        properties.put("mentoring.personal-data.kek.current", "1");
        properties.put("mentoring.personal-data.kek.keys.1", PERSONAL_DATA_KEK);
        for (int i = 0; i < users.length; i++) {
            String prefix = "mentoring.security.users[" + i + "].";
            User user = users[i];
            properties.put(prefix + "username", user.username());
            properties.put(prefix + "password", "{bcrypt}" + BCRYPT.encode(user.password()));
            properties.put(prefix + "roles", user.roles());
            if (user.personId() != null) {
                properties.put(prefix + "person-id", user.personId());
            }
            if (!user.programmes().isEmpty()) {
                properties.put(prefix + "programmes", user.programmes());
            }
        }
        return properties;
    }

    /** The users as command-line arguments of a service ({@code --mentoring.security.users[0].username=…}). */
    public static List<String> arguments(User... users) {
        List<String> arguments = new ArrayList<>();
        properties(users).forEach((name, value) -> arguments.add("--" + name + "=" + value));
        return arguments;
    }

    /** Only {@link #ADMIN}. */
    public static List<String> arguments() {
        return arguments(ADMIN);
    }
}
