package fi.mentoringledger.eventstore.personaldata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.spec.SecretKeySpec;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.node.ObjectNode;

import fi.mentoringledger.eventstore.PostgresTestDatabase;
import fi.mentoringledger.eventstore.personaldata.Envelope.Binding;
import fi.mentoringledger.eventstore.personaldata.PersonalDataKeys.PersonKey;

/**
 * The data keys in {@code personal_data_key} are stored wrapped by a key-encryption key: what a
 * reader of the table (or of a backup) finds opens nothing, a wrapped key moved to another row does
 * not unwrap, and the KEK can be rotated, keys stored plain before wrapping included.
 */
class PersonalDataKeyWrappingTest {

    private static final String KEK_1 = TestKeyEncryptionKeys.newKek();
    private static final String KEK_2 = TestKeyEncryptionKeys.newKek();
    private static final KeyEncryptionKeys ONLY_1 = TestKeyEncryptionKeys.configured(1, Map.of(1, KEK_1));
    private static final KeyEncryptionKeys ROTATED_TO_2 = TestKeyEncryptionKeys.configured(2, Map.of(1, KEK_1, 2, KEK_2));
    private static final KeyEncryptionKeys ONLY_2 = TestKeyEncryptionKeys.configured(2, Map.of(2, KEK_2));

    private static PostgresTestDatabase database;
    private static JdbcClient jdbc;

    @BeforeAll
    static void eventStore() {
        database = PostgresTestDatabase.create();
        Flyway.configure().dataSource(dataSource(database)).locations("classpath:db/eventstore").load().migrate();
        jdbc = JdbcClient.create(dataSource(database));
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    /** Each test rotates or breaks keys of its own: none sees another's rows. */
    @BeforeEach
    void noKeys() {
        jdbc.sql("DELETE FROM personal_data_key").update();
    }

    @Test
    void theStoredSecretIsNotTheDataKeyAndOpensNothingWithoutTheKek() {
        PersonalDataKeys keys = new PersonalDataKeys(jdbc, ONLY_1);
        PersonKey key = keys.keyToSeal("p-aino");
        Binding binding = new Binding("r-1", "mentor.name");
        ObjectNode sealed = Envelope.seal(List.of(key), "Aino Aaltonen", binding);

        Map<String, Object> row = jdbc.sql("SELECT secret, kek_version FROM personal_data_key WHERE person_id = 'p-aino'")
                .query().singleRow();
        byte[] stored = (byte[]) row.get("secret");

        assertThat(row.get("kek_version")).isEqualTo(1);
        assertThat(Base64.getEncoder().encodeToString(stored))
                .as("the data key appears nowhere in the stored secret")
                .doesNotContain(Base64.getEncoder().encodeToString(key.secret().getEncoded()));
        assertThat(stored).isNotEqualTo(key.secret().getEncoded());
        for (int from = 0; from + 32 <= stored.length; from++) {
            PersonKey fromTheTable = new PersonKey(key.keyId(), "p-aino",
                    new SecretKeySpec(stored, from, 32, PersonalDataKeys.ALGORITHM));
            assertThatThrownBy(() -> Envelope.open(sealed, 1, binding, id -> Optional.of(fromTheTable)))
                    .as("no 32 bytes of the stored secret open the envelope").isInstanceOf(IllegalStateException.class);
        }
        assertThat(Envelope.open(sealed, 1, binding, new PersonalDataKeys(jdbc, ONLY_1)::keyToOpen))
                .as("through the KEK it opens").contains("Aino Aaltonen");
        assertThatThrownBy(() -> new PersonalDataKeys(jdbc, TestKeyEncryptionKeys.generated()).keyToOpen(key.keyId()))
                .as("another KEK under the same version is an error, not an erasure")
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(key.keyId().toString())
                .hasMessageNotContaining(Base64.getEncoder().encodeToString(stored))
                .hasNoCause();
    }

    @Test
    void aWrappedKeyMovedToAnotherPersonsRowDoesNotUnwrap() {
        PersonalDataKeys keys = new PersonalDataKeys(jdbc, ONLY_1);
        PersonKey aino = keys.keyToSeal("p-aino");
        PersonKey bea = keys.keyToSeal("p-bea");
        jdbc.sql("""
                        UPDATE personal_data_key SET secret = (SELECT secret FROM personal_data_key WHERE person_id = 'p-aino')
                         WHERE person_id = 'p-bea'""")
                .update();

        PersonalDataKeys reader = new PersonalDataKeys(jdbc, ONLY_1);
        assertThatThrownBy(() -> reader.keyToOpen(bea.keyId())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(bea.keyId().toString());
        assertThat(reader.keyToOpen(aino.keyId())).map(key -> key.secret().getEncoded())
                .contains(aino.secret().getEncoded());

        jdbc.sql("DELETE FROM personal_data_key WHERE person_id = 'p-bea'").update();
        jdbc.sql("UPDATE personal_data_key SET person_id = 'p-bea' WHERE person_id = 'p-aino'").update();
        assertThatThrownBy(() -> new PersonalDataKeys(jdbc, ONLY_1).keyToOpen(aino.keyId()))
                .as("the whole row given to another person").isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new PersonalDataKeys(jdbc, ONLY_1).keyToSeal("p-bea"))
                .as("nor is it used to seal their data").isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aKeyWrappedWithAnOlderKekOpensIsRewrappedAtStartUpAndOpensOnceThatKekIsRetired() {
        PersonKey key = new PersonalDataKeys(jdbc, ONLY_1).keyToSeal("p-aino");
        Binding binding = new Binding("r-1", "mentor.name");
        ObjectNode sealed = Envelope.seal(List.of(key), "Aino Aaltonen", binding);

        PersonalDataKeys rotated = new PersonalDataKeys(jdbc, ROTATED_TO_2);
        assertThat(Envelope.open(sealed, 1, binding, rotated::keyToOpen)).contains("Aino Aaltonen");
        rotated.keyToSeal("p-bea");
        assertThat(kekVersionOf("p-aino")).isEqualTo(1);
        assertThat(kekVersionOf("p-bea")).as("new keys are wrapped with the current KEK").isEqualTo(2);
        assertThatThrownBy(() -> new KeyRewrapAtStartup(new PersonalDataKeys(jdbc, ONLY_2), ONLY_2).run(null))
                .as("retired too early: the service refuses to start")
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("KEK versions [1]")
                .hasMessageContaining("mentoring.personal-data.kek.keys.1");
        byte[] before = secretOf("p-aino");
        new KeyRewrapAtStartup(new PersonalDataKeys(jdbc, ROTATED_TO_2), ROTATED_TO_2, false).run(null);
        assertThat(kekVersionOf("p-aino")).as("a reading service leaves the rewrapping to the writing one")
                .isEqualTo(1);
        assertThatThrownBy(() -> new KeyRewrapAtStartup(new PersonalDataKeys(jdbc, ONLY_2), ONLY_2, false).run(null))
                .as("but checks the versions all the same").isInstanceOf(IllegalStateException.class);

        new KeyRewrapAtStartup(new PersonalDataKeys(jdbc, ROTATED_TO_2), ROTATED_TO_2).run(null);

        assertThat(kekVersionOf("p-aino")).isEqualTo(2);
        assertThat(secretOf("p-aino")).isNotEqualTo(before);
        new KeyRewrapAtStartup(new PersonalDataKeys(jdbc, ONLY_2), ONLY_2).run(null);
        assertThat(Envelope.open(sealed, 1, binding, new PersonalDataKeys(jdbc, ONLY_2)::keyToOpen))
                .as("without KEK 1").contains("Aino Aaltonen");
    }

    @Test
    void rewrappingGoesThroughEveryRowInBatchesAndThenFindsNothingToDo() {
        PersonalDataKeys old = new PersonalDataKeys(jdbc, ONLY_1);
        for (int person = 0; person < 25; person++) {
            old.keyToSeal("p-" + person);
        }
        PersonalDataKeys rotated = new PersonalDataKeys(jdbc, ROTATED_TO_2);

        assertThat(rotated.rewrapWithTheCurrentKek(7)).isEqualTo(25);
        assertThat(rotated.rewrapWithTheCurrentKek(7)).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM personal_data_key WHERE kek_version = 2").query(Long.class).single())
                .isEqualTo(25);
    }

    /** A key stored plain by a version of the services before keys were wrapped, in a database migrated since. */
    @Test
    void aKeyStoredPlainBeforeKeysWereWrappedStillOpensAndIsWrappedAtStartUp() {
        try (PostgresTestDatabase earlier = PostgresTestDatabase.create()) {
            PGSimpleDataSource dataSource = dataSource(earlier);
            Flyway.configure().dataSource(dataSource).locations("classpath:db/eventstore").target("2").load().migrate();
            JdbcClient earlierJdbc = JdbcClient.create(dataSource);
            byte[] plain = new byte[32];
            new SecureRandom().nextBytes(plain);
            UUID keyId = UUID.randomUUID();
            earlierJdbc.sql("INSERT INTO personal_data_key (key_id, person_id, secret) VALUES (?, 'p-aino', ?)")
                    .params(keyId, plain).update();
            Binding binding = new Binding("r-1", "mentor.name");
            ObjectNode sealed = Envelope.seal(
                    List.of(new PersonKey(keyId, "p-aino", new SecretKeySpec(plain, PersonalDataKeys.ALGORITHM))),
                    "Aino Aaltonen", binding);
            Flyway.configure().dataSource(dataSource).locations("classpath:db/eventstore").load().migrate();

            assertThat(Envelope.open(sealed, 1, binding, new PersonalDataKeys(earlierJdbc, ONLY_1)::keyToOpen))
                    .contains("Aino Aaltonen");

            new KeyRewrapAtStartup(new PersonalDataKeys(earlierJdbc, ONLY_1), ONLY_1).run(null);

            Map<String, Object> row = earlierJdbc.sql("SELECT secret, kek_version FROM personal_data_key").query().singleRow();
            assertThat(row.get("kek_version")).isEqualTo(1);
            assertThat(Base64.getEncoder().encodeToString((byte[]) row.get("secret")))
                    .doesNotContain(Base64.getEncoder().encodeToString(plain));
            assertThat(Envelope.open(sealed, 1, binding, new PersonalDataKeys(earlierJdbc, ONLY_1)::keyToOpen))
                    .contains("Aino Aaltonen");
        }
    }

    @Test
    void erasingAWrappedKeyStillErases() {
        PersonalDataKeys keys = new PersonalDataKeys(jdbc, ONLY_1);
        PersonKey key = keys.keyToSeal("p-erased");

        keys.erase("p-erased", "admin", Instant.now());

        assertThat(new PersonalDataKeys(jdbc, ONLY_1).keyToOpen(key.keyId())).isEmpty();
        assertThat(new PersonalDataKeys(jdbc, ONLY_1).rewrapWithTheCurrentKek(10)).isZero();
    }

    private static Integer kekVersionOf(String personId) {
        return jdbc.sql("SELECT kek_version FROM personal_data_key WHERE person_id = ?").param(personId)
                .query(Integer.class).single();
    }

    private static byte[] secretOf(String personId) {
        return jdbc.sql("SELECT secret FROM personal_data_key WHERE person_id = ?").param(personId)
                .query(byte[].class).single();
    }

    private static PGSimpleDataSource dataSource(PostgresTestDatabase database) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(database.jdbcUrl());
        dataSource.setUser(database.username());
        dataSource.setPassword(database.password());
        return dataSource;
    }
}
