package fi.mentoringledger.command.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import fi.mentoringledger.api.relationship.PersonalDataErased;
import fi.mentoringledger.command.CommandServiceApplication;
import fi.mentoringledger.eventstore.PostgresTestDatabase;
import fi.mentoringledger.security.TestUsers;
import fi.mentoringledger.testsupport.ServiceClient;

/**
 * Backup and restore keep erasures (README, "Backup and restore"): the database is dumped with
 * {@code pg_dump}, a person is erased afterwards, the dump is restored into an empty database, and
 * the service started on it erases the person again from the erasure log kept outside the
 * database — as the admin who did it, at the time they did it — while everyone else's data stays.
 */
class BackupRestoreIT {

    @RegisterExtension
    static final PostgresTestDatabase live = PostgresTestDatabase.create();
    @RegisterExtension
    static final PostgresTestDatabase restored = PostgresTestDatabase.create();

    @TempDir
    static Path files;

    @Test
    void aPersonErasedAfterTheBackupStaysErasedWhenTheBackupIsRestored() throws Exception {
        Path erasureLog = files.resolve("erasure-log.jsonl");
        Path backup = files.resolve("backup.sql");
        String erasedAt;
        try (ConfigurableApplicationContext service = start(live, erasureLog)) {
            assertThat(post(service, "/api/relationships", """
                    {"relationshipId":"backup-1","mentor":{"id":"p-stays","name":"Sari Säilyvä"},
                     "mentee":{"id":"p-goes","name":"Pekka Poistuva"},"language":"fi"}""").statusCode()).isEqualTo(201);
            run("pg_dump", "--dbname=" + libpqUrl(live), "--file=" + backup);

            HttpResponse<String> erased = post(service, "/api/people/p-goes/erasure", "");
            assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
            erasedAt = jdbc(live).sql("SELECT erased_at FROM personal_data_erasure WHERE person_id = 'p-goes'")
                    .query(Timestamp.class).single().toInstant().toString();
        }
        assertThat(Files.readString(erasureLog)).contains("\"personId\":\"p-goes\"").doesNotContain("Pekka", "Poistuva");

        run("psql", "--dbname=" + libpqUrl(restored), "--quiet", "--set=ON_ERROR_STOP=1", "--file=" + backup);
        JdbcClient restoredDb = jdbc(restored);
        assertThat(keys(restoredDb, "p-goes")).as("the backup brought the erased person's key back").isOne();

        try (ConfigurableApplicationContext service = start(restored, erasureLog)) {
            assertThat(keys(restoredDb, "p-goes")).isZero();
            assertThat(keys(restoredDb, "p-stays")).isOne();
            assertThat(restoredDb.sql("SELECT erased_at FROM personal_data_erasure WHERE person_id = 'p-goes'")
                    .query(Timestamp.class).single().toInstant().toString()).as("when it was first made").isEqualTo(erasedAt);
            assertThat(erasures(restoredDb)).as("recorded in the relationship's history again").isOne();
            HttpResponse<String> again = post(service, "/api/relationships", """
                    {"relationshipId":"backup-2","mentor":{"id":"p-stays","name":"Sari Säilyvä"},
                     "mentee":{"id":"p-goes","name":"Pekka Poistuva"},"language":"fi"}""");
            assertThat(again.statusCode()).isEqualTo(409);
            assertThat(again.body()).contains("person-erased");
        }
        try (ConfigurableApplicationContext service = start(restored, erasureLog)) {
            assertThat(erasures(restoredDb)).as("a restart makes no erasure twice").isOne();
        }
    }

    private static ConfigurableApplicationContext start(PostgresTestDatabase database, Path erasureLog) {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0",
                "--mentoring.personal-data.erasure-log=" + erasureLog));
        arguments.addAll(PostgresTestDatabase.arguments(database.commandServiceProperties()));
        arguments.addAll(TestUsers.arguments());
        return new SpringApplicationBuilder(CommandServiceApplication.class).run(arguments.toArray(String[]::new));
    }

    private static HttpResponse<String> post(ConfigurableApplicationContext service, String path, String json)
            throws Exception {
        int port = ((WebServerApplicationContext) service).getWebServer().getPort();
        return ServiceClient.onPort(port).accepting(null).send("POST", path, TestUsers.ADMIN, "application/json", json);
    }

    private static long keys(JdbcClient jdbc, String personId) {
        return jdbc.sql("SELECT count(*) FROM personal_data_key WHERE person_id = :person").param("person", personId)
                .query(Long.class).single();
    }

    private static long erasures(JdbcClient jdbc) {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = 'backup-1' AND payload_type = :type")
                .param("type", PersonalDataErased.class.getName()).query(Long.class).single();
    }

    private static JdbcClient jdbc(PostgresTestDatabase database) {
        return JdbcClient.create(database.dataSource());
    }

    /** The database as PostgreSQL's own tools name it, as its owner. */
    private static String libpqUrl(PostgresTestDatabase database) {
        String url = database.jdbcUrl().substring("jdbc:".length());
        String separator = url.contains("?") ? "&" : "?";
        return url + separator + "user=" + database.username()
                + (database.password().isEmpty() ? "" : "&password=" + database.password());
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(String.join(" ", command[0])).isTrue();
        assertThat(process.exitValue()).as(command[0] + ": " + output).isZero();
    }
}
