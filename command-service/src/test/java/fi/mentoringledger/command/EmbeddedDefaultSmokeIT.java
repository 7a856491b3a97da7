package fi.mentoringledger.command;

import static fi.mentoringledger.testsupport.Ports.freePort;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import fi.mentoringledger.local.LocalPostgres;
import fi.mentoringledger.security.TestUsers;
import fi.mentoringledger.testsupport.ServiceClient;

/**
 * The local run's default: the embedded PostgreSQL that needs nothing installed, with the service's
 * own configuration, answering a start with 201 — and still knowing the relationship after both
 * the database and the service were restarted on the same data directory.
 */
class EmbeddedDefaultSmokeIT {

    @TempDir
    Path data;

    @Test
    void theServiceRunsOnTheEmbeddedPostgresAndKeepsItsDataAcrossRestarts() throws Exception {
        int port = freePort();
        String body = """
                {"relationshipId":"smoke-1","mentor":{"id":"m","name":"Mentor"},"mentee":{"id":"e","name":"Mentee"},
                 "language":"en"}""";
        try (LocalPostgres postgres = LocalPostgres.start(port, data);
             ConfigurableApplicationContext service = startService(postgres)) {
            assertThat(post(service, "/api/relationships", body).statusCode()).isEqualTo(201);
        }
        try (LocalPostgres postgres = LocalPostgres.start(port, data);
             ConfigurableApplicationContext service = startService(postgres)) {
            HttpResponse<String> refused = post(service, "/api/relationships/smoke-1/close", "{}");
            assertThat(refused.statusCode()).isEqualTo(409);
            assertThat(refused.body()).contains("STARTED");
        }
    }

    static ConfigurableApplicationContext startService(LocalPostgres postgres) {
        return new SpringApplicationBuilder(CommandServiceApplication.class)
                .run(Stream.concat(Stream.of("--server.port=0", "--spring.datasource.url=" + postgres.jdbcUrl()),
                        TestUsers.arguments().stream()).toArray(String[]::new));
    }

    static HttpResponse<String> post(ConfigurableApplicationContext service, String path, String body) {
        int port = ((WebServerApplicationContext) service).getWebServer().getPort();
        return ServiceClient.onPort(port).accepting(null).send("POST", path, TestUsers.ADMIN, "application/json", body);
    }
}
