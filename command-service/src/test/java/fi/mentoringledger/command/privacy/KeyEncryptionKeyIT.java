package fi.mentoringledger.command.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import fi.mentoringledger.command.CommandServiceApplication;
import fi.mentoringledger.eventstore.PostgresTestDatabase;
import fi.mentoringledger.eventstore.personaldata.ConfiguredKeyEncryptionKeys;
import fi.mentoringledger.eventstore.personaldata.KeyEncryptionKeys.WrappedKey;
import fi.mentoringledger.security.TestUsers;
import fi.mentoringledger.testsupport.ServiceClient;

/**
 * The command-service and its key-encryption key: it does not start without one, and on a database
 * whose keys an earlier version stored plain it wraps them when it starts, and new keys from then on.
 */
class KeyEncryptionKeyIT {

    @RegisterExtension
    static final PostgresTestDatabase database = PostgresTestDatabase.create();

    @Test
    void withoutAKeyEncryptionKeyTheServiceDoesNotStartAndSaysWhatToSet() {
        List<String> arguments = new ArrayList<>(databaseArguments());
        arguments.addAll(TestUsers.arguments().stream()
                .filter(argument -> !argument.startsWith("--mentoring.personal-data.kek."))
                .toList());

        assertThatThrownBy(() -> new SpringApplicationBuilder(CommandServiceApplication.class)
                .run(arguments.toArray(String[]::new)).close())
                .hasStackTraceContaining("no key-encryption key for personal data")
                .hasStackTraceContaining("mentoring.personal-data.kek.current")
                .hasStackTraceContaining("mentoring.personal-data.kek.keys.<version>");
    }

    @Test
    void aKeyStoredPlainByAnEarlierVersionIsWrappedWhenTheServiceStartsAndNewKeysAreWrapped() throws Exception {
        JdbcClient jdbc = JdbcClient.create(dataSource());
        // The event store as the version before wrapping left it, with a key it stored plain.
        Flyway.configure().dataSource(dataSource()).table("flyway_event_store_history")
                .locations("classpath:db/eventstore").target("2").load().migrate();
        byte[] plain = new byte[32];
        new SecureRandom().nextBytes(plain);
        UUID keyId = UUID.randomUUID();
        jdbc.sql("INSERT INTO personal_data_key (key_id, person_id, secret) VALUES (?, 'p-earlier', ?)")
                .params(keyId, plain).update();
        List<String> arguments = new ArrayList<>(databaseArguments());
        arguments.addAll(TestUsers.arguments());

        try (ConfigurableApplicationContext service = new SpringApplicationBuilder(CommandServiceApplication.class)
                .run(arguments.toArray(String[]::new))) {
            Map<String, Object> earlier = jdbc.sql("SELECT secret, kek_version FROM personal_data_key WHERE key_id = ?")
                    .param(keyId).query().singleRow();
            assertThat(earlier.get("kek_version")).isEqualTo(1);
            assertThat(ConfiguredKeyEncryptionKeys.from(TestUsers.properties())
                    .unwrap(keyId, "p-earlier", new WrappedKey(1, (byte[]) earlier.get("secret"))))
                    .as("the same data key, wrapped with the run's KEK").isEqualTo(plain);

            assertThat(start(service, "p-earlier", "p-new").statusCode()).isEqualTo(201);
            assertThat(jdbc.sql("SELECT kek_version FROM personal_data_key WHERE person_id = 'p-new'")
                    .query(Integer.class).single()).isEqualTo(1);
            assertThat(jdbc.sql("SELECT count(*) FROM personal_data_key WHERE kek_version IS NULL")
                    .query(Long.class).single()).isZero();
        }
    }

    private static HttpResponse<String> start(ConfigurableApplicationContext service, String mentor, String mentee)
            throws Exception {
        int port = ((WebServerApplicationContext) service).getWebServer().getPort();
        return ServiceClient.onPort(port).accepting(null).send("POST", "/api/relationships", TestUsers.ADMIN,
                "application/json", """
                        {"relationshipId":"kek-%s","mentor":{"id":"%s","name":"Maija"},
                         "mentee":{"id":"%s","name":"Eero"},"language":"fi"}""".formatted(UUID.randomUUID(), mentor,
                        mentee));
    }

    private static List<String> databaseArguments() {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0"));
        arguments.addAll(PostgresTestDatabase.arguments(database.commandServiceProperties()));
        return arguments;
    }

    private static PGSimpleDataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(database.jdbcUrl());
        dataSource.setUser(database.username());
        dataSource.setPassword(database.password());
        return dataSource;
    }
}
