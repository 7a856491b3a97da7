package fi.mentoringledger.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fi.mentoringledger.eventstore.PostgresTestDatabase;
import fi.mentoringledger.security.TestUsers;
import fi.mentoringledger.testsupport.ServiceClient;

/** The aggregate lives only in its events: a new application context rebuilds it and goes on deciding. */
class AggregateRestartIT {

    @RegisterExtension
    static final PostgresTestDatabase database = PostgresTestDatabase.create();
    static final ObjectMapper json = new ObjectMapper();

    static ConfigurableApplicationContext startService(String... more) {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0"));
        arguments.addAll(List.of(more));
        arguments.addAll(PostgresTestDatabase.arguments(database.commandServiceProperties()));
        arguments.addAll(TestUsers.arguments());
        return new SpringApplicationBuilder(CommandServiceApplication.class).run(arguments.toArray(String[]::new));
    }

    static JsonNode post(ConfigurableApplicationContext service, String path, String body, int expectedStatus)
            throws Exception {
        int port = ((WebServerApplicationContext) service).getWebServer().getPort();
        HttpResponse<String> response = ServiceClient.onPort(port).accepting(null)
                .send("POST", path, TestUsers.ADMIN, "application/json", body);
        assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(expectedStatus);
        return json.readTree(response.body());
    }

    @Test
    void aRestartedServiceRebuildsTheRelationshipFromItsStoredEvents() throws Exception {
        String id = "restart-1";
        try (ConfigurableApplicationContext first = startService()) {
            post(first, "/api/relationships", """
                    {"relationshipId":"%s","mentor":{"id":"m","name":"Mentor"},"mentee":{"id":"e","name":"Mentee"},
                     "language":"sv","startedOn":"2025-01-10"}""".formatted(id), 201);
            post(first, "/api/relationships/" + id + "/agree", """
                    {"goals":[{"goalId":"g1","description":"Network in Helsinki"}],
                     "groundRules":{"contactChannel":"Teams","meetingFrequency":"monthly"},"agreedOn":"2025-01-20"}""", 200);
            post(first, "/api/relationships/" + id + "/pause", "{\"reason\":\"parental leave\",\"pausedOn\":\"2025-02-01\"}", 200);
        }
        try (ConfigurableApplicationContext second = startService()) {
            JsonNode resumed = post(second, "/api/relationships/" + id + "/resume", "{\"resumedOn\":\"2025-04-01\"}", 200);
            assertThat(resumed.get("stage").asText()).as("resumed into the stage it was paused from").isEqualTo("AGREED");
            assertThat(resumed.get("version").asLong()).isEqualTo(3);
            post(second, "/api/relationships/" + id + "/goals/g1/achieve", "{\"achievedOn\":\"2025-04-02\"}", 200);
            post(second, "/api/relationships/" + id + "/goals/g1/achieve", "{\"achievedOn\":\"2025-04-03\"}", 409);
            post(second, "/api/relationships/" + id + "/close", "{}", 409);
        }
    }

    /**
     * The command side keeps no snapshots and reads none: its database role may not even read their
     * table (migration V6), and every load of a relationship, here with no aggregate kept between
     * commands, still succeeds. Axon's engine as auto-configured queries snapshots on each load.
     */
    @Test
    void aRelationshipIsLoadedFromItsEventsWithoutLookingForSnapshots() throws Exception {
        String id = "no-snapshots-1";
        try (ConfigurableApplicationContext service = startService("--mentoring.commands.aggregate-cache-size=0")) {
            post(service, "/api/relationships", """
                    {"relationshipId":"%s","mentor":{"id":"m","name":"Mentor"},"mentee":{"id":"e","name":"Mentee"},
                     "language":"fi","startedOn":"2025-01-10"}""".formatted(id), 201);
            post(service, "/api/relationships/" + id + "/agree", """
                    {"goals":[{"goalId":"g1","description":"Oma verkosto"}],
                     "groundRules":{"contactChannel":"Teams","meetingFrequency":"monthly"},"agreedOn":"2025-01-20"}""", 200);
            JsonNode paused = post(service, "/api/relationships/" + id + "/pause",
                    "{\"reason\":\"leave\",\"pausedOn\":\"2025-02-01\"}", 200);

            assertThat(paused.get("version").asLong()).isEqualTo(2);
        }
    }
}
