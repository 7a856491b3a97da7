package fi.mentoringledger.eventstore.personaldata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import fi.mentoringledger.api.relationship.Agreement;
import fi.mentoringledger.api.relationship.AgreementSigned;
import fi.mentoringledger.api.relationship.Goal;
import fi.mentoringledger.api.relationship.GroundRules;
import fi.mentoringledger.api.relationship.Person;
import fi.mentoringledger.api.relationship.RelationshipId;
import fi.mentoringledger.api.relationship.RelationshipStarted;
import fi.mentoringledger.eventstore.EventSerialization;
import fi.mentoringledger.eventstore.PostgresTestDatabase;

/**
 * The read models' copies of personal data: sealed with the keys the events were sealed with
 * (never new ones), bound to their relationship and place, structure rather than a prefix, and
 * gone with the key.
 */
class ReadModelSealingTest {

    private static final String RELATIONSHIP = "r-1";
    private static final ObjectMapper JSON = EventSerialization.eventObjectMapper();

    private static PostgresTestDatabase database;
    private static JdbcClient jdbc;
    private PersonalDataKeys keys;
    private ReadModelSealing sealing;

    @BeforeAll
    static void eventStore() {
        database = PostgresTestDatabase.create();
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(database.jdbcUrl());
        dataSource.setUser(database.username());
        dataSource.setPassword(database.password());
        Flyway.configure().dataSource(dataSource).locations("classpath:db/eventstore").load().migrate();
        jdbc = JdbcClient.create(dataSource);
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    /** Aino mentors Bea; both have keys, made as the command side makes them with their first event. */
    @BeforeEach
    void thePairsKeys() {
        jdbc.sql("DELETE FROM personal_data_key").update();
        jdbc.sql("DELETE FROM personal_data_erasure").update();
        keys = new PersonalDataKeys(jdbc, TestKeyEncryptionKeys.generated());
        keys.keyToSeal("p-aino");
        keys.keyToSeal("p-bea");
        sealing = ((CryptoShreddingSerializer) EventSerialization.sealingEventSerializer(jdbc, keys)).readModelSealing();
        sealing.knowThePair(RELATIONSHIP, List.of("p-aino", "p-bea"));
    }

    @Test
    void aNameIsSealedWithItsPersonsKeyAndOpensOnlyInItsPlace() {
        String sealed = sealing.sealPersons("p-aino", "Aino Aaltonen", RELATIONSHIP, "summary.mentor_name");

        assertThat(sealed).doesNotContain("Aino").contains("\"sealed\":\"pd2\"");
        assertThat(sealing.openPersons(sealed, RELATIONSHIP, "summary.mentor_name")).contains("Aino Aaltonen");
        assertThatThrownBy(() -> sealing.openPersons(sealed, RELATIONSHIP, "summary.mentee_name"))
                .as("moved to another column").isInstanceOf(IllegalStateException.class).hasMessageNotContaining("Aino");
        assertThatThrownBy(() -> sealing.openPersons(sealed, "r-2", "summary.mentor_name"))
                .as("moved to another relationship").isInstanceOf(IllegalStateException.class);
    }

    @Test
    void thePairsTextNeedsBothKeysAndGoesWithEither() {
        String sealed = sealing.sealThePairs("Find a new job", RELATIONSHIP, "goal.g-1");

        assertThat(parse(sealed).get("keys")).hasSize(2);
        assertThat(sealing.openThePairs(sealed, RELATIONSHIP, "goal.g-1")).contains("Find a new job");
        assertThatThrownBy(() -> sealing.openPersons(sealed, RELATIONSHIP, "goal.g-1"))
                .as("a reader says how many layers; two layers are not one").isInstanceOf(IllegalStateException.class);

        keys.erase("p-bea", "admin", Instant.now());

        assertThat(sealing.openThePairs(sealed, RELATIONSHIP, "goal.g-1")).isEmpty();
        assertThat(sealing.sealThePairs("more text", RELATIONSHIP, "goal.g-2")).as("an erased person's text is not kept")
                .isNull();
        assertThat(sealing.sealPersons("p-bea", "Bea", RELATIONSHIP, "summary.mentee_name")).isNull();
    }

    @Test
    void theFieldsOfAnEventAreSealedInPlaceAndOpenAsTheEventWas() {
        RelationshipStarted start = new RelationshipStarted(RelationshipId.of(RELATIONSHIP), "p",
                new Person("p-aino", "Aino Aaltonen"), new Person("p-bea", "Bea Berg"), "fi", LocalDate.of(2025, 3, 4));
        AgreementSigned agreement = new AgreementSigned(RelationshipId.of(RELATIONSHIP), new Agreement(
                List.of(new Goal("g-1", "Find a new job", List.of("Update the CV"))),
                new GroundRules("video", "monthly", null), LocalDate.of(2025, 12, 31)), LocalDate.of(2025, 3, 5));
        for (Object event : List.of(start, agreement)) {
            ObjectNode original = JSON.valueToTree(event);
            ObjectNode copy = original.deepCopy();

            sealing.sealFieldsOf(copy, event.getClass(), RELATIONSHIP);
            assertThat(copy.toString()).doesNotContain("Aino", "Bea", "Find a new job", "Update the CV");
            sealing.openFieldsOf(copy, event.getClass(), RELATIONSHIP);

            assertThat(copy).isEqualTo(original);
        }
    }

    @Test
    void aPersonWithoutAKeyIsKeptAsPlainTextAndNoKeyIsMade() {
        String kept = sealing.sealPersons("p-legacy", "Leo Legacy", RELATIONSHIP, "summary.mentor_name");

        assertThat(parse(kept).get("plain").asText()).isEqualTo("Leo Legacy");
        assertThat(sealing.openPersons(kept, RELATIONSHIP, "summary.mentor_name")).contains("Leo Legacy");
        assertThat(keys.isKnown("p-legacy")).as("the reading side makes no key").isFalse();
    }

    @Test
    void aJsonStringIsACopyFromBeforeSealingAndIsNeverOpenedWhateverItSays() throws Exception {
        String envelopeLike = JSON.writeValueAsString(sealing.sealPersons("p-aino", "Aino", RELATIONSHIP, "x"));

        assertThat(sealing.openPersons(envelopeLike, RELATIONSHIP, "x")).as("a string holding an envelope's JSON")
                .contains(parse(envelopeLike).asText());
        assertThat(sealing.openPersons("\"Old Name\"", RELATIONSHIP, "x")).contains("Old Name");
    }

    private static com.fasterxml.jackson.databind.JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
