package fi.mentoringledger.command.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import fi.mentoringledger.eventstore.PostgresTestDatabase;
import fi.mentoringledger.security.TestUsers;
import fi.mentoringledger.security.TestUsers.User;
import fi.mentoringledger.testsupport.ServiceClient;

/**
 * Failed sign-ins are limited per user name and per client address: past the limit a sign-in is
 * turned away with 429 and Retry-After before any password is checked, the right password too;
 * other users keep signing in until the address has used up its own limit. (Small limits here;
 * the defaults are 10 per user and 50 per address in 5 minutes.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "mentoring.security.sign-in-limits.per-user=5",
        "mentoring.security.sign-in-limits.per-address=12",
        "mentoring.security.sign-in-limits.period=60m"})
class SignInLimitsIT {

    @RegisterExtension
    static final PostgresTestDatabase database = PostgresTestDatabase.create();
    static final User MENTOR = TestUsers.user("limited-mentor", "MENTOR", "p-limited");
    static final User MENTEE = TestUsers.user("limited-mentee", "MENTEE", "p-limited-2");

    @DynamicPropertySource
    static void useTestDatabaseAndUsers(DynamicPropertyRegistry registry) {
        database.commandServiceProperties().forEach((name, value) -> registry.add(name, () -> value));
        TestUsers.properties(TestUsers.ADMIN, MENTOR, MENTEE).forEach((name, value) -> registry.add(name, () -> value));
    }

    @LocalServerPort
    int port;

    @Test
    void guessingAPasswordIsStoppedAfterAFewFailuresAndTheAddressAfterSomeMore() throws Exception {
        List<Integer> guesses = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            guesses.add(post(basic(MENTOR.username(), "guess-" + i)).statusCode());
        }
        HttpResponse<String> rightButLimited = post(MENTOR.authorization());
        HttpResponse<String> anotherUser = post(MENTEE.authorization());

        assertThat(guesses).containsExactly(401, 401, 401, 401, 401, 429, 429, 429);
        assertThat(rightButLimited.statusCode()).isEqualTo(429);
        assertThat(rightButLimited.headers().firstValue("Retry-After").map(Long::parseLong).orElseThrow())
                .isBetween(1L, 3600L);
        assertThat(rightButLimited.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(anotherUser.statusCode()).as("another user is not held up by the mentor's failures").isEqualTo(404);

        // The address has 12 failures: 5 counted above, then unknown users one after another.
        List<Integer> sprayed = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            sprayed.add(post(basic("nobody-" + UUID.randomUUID(), "x")).statusCode());
        }
        assertThat(sprayed).containsExactly(401, 401, 401, 401, 401, 401, 401, 429);
        assertThat(post(TestUsers.ADMIN.authorization()).statusCode()).as("the address is held up now").isEqualTo(429);
    }

    private HttpResponse<String> post(String authorization) throws Exception {
        return ServiceClient.onPort(port).accepting(null).send("POST", "/api/relationships/limited-nonexistent/pause",
                null, "application/json", "{\"reason\":\"x\"}", "Authorization", authorization);
    }

    private static String basic(String username, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes());
    }
}
