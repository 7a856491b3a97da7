package fi.mentoringledger.eventstore.personaldata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedMetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import fi.mentoringledger.api.relationship.ConcernRaised;
import fi.mentoringledger.api.relationship.MeetingFormat;
import fi.mentoringledger.api.relationship.MeetingRecorded;
import fi.mentoringledger.api.relationship.Party;
import fi.mentoringledger.api.relationship.Person;
import fi.mentoringledger.api.relationship.RelationshipId;
import fi.mentoringledger.api.relationship.RelationshipPaused;
import fi.mentoringledger.api.relationship.RelationshipStarted;
import fi.mentoringledger.eventstore.EventSerialization;
import fi.mentoringledger.eventstore.PostgresTestDatabase;

/** The stored form of personal data, on a real event store schema in PostgreSQL. */
class CryptoShreddingSerializerTest {

    private static PostgresTestDatabase database;
    private static PGSimpleDataSource dataSource;
    private static JdbcClient jdbc;
    private static PersonalDataKeys keys;
    private static Serializer serializer;

    @BeforeAll
    static void eventStore() {
        database = PostgresTestDatabase.create();
        dataSource = new PGSimpleDataSource();
        dataSource.setUrl(database.jdbcUrl());
        dataSource.setUser(database.username());
        dataSource.setPassword(database.password());
        Flyway.configure().dataSource(dataSource).locations("classpath:db/eventstore").load().migrate();
        jdbc = JdbcClient.create(dataSource);
        keys = new PersonalDataKeys(jdbc);
        serializer = EventSerialization.sealingEventSerializer(jdbc, keys);
    }

    @AfterAll
    static void dropDatabase() {
        database.close();
    }

    @Test
    void namesAreStoredSealedWithTheirPersonsKeyAndReadBackPlain() {
        RelationshipStarted started = storedStart("Aino Aaltonen", "Bea Berg");

        String stored = storedText(serializer.serialize(started, byte[].class));

        assertThat(stored).doesNotContain("Aino", "Aaltonen", "Bea Berg").contains(Envelope.PREFIX)
                .contains(started.mentor().id(), started.mentee().id(), started.relationshipId().value());
        assertThat(this.<RelationshipStarted>read(serializer.serialize(started, byte[].class))).isEqualTo(started);
    }

    @Test
    void theNameOfAnErasedPersonReadsAsNullAndTheOtherNameStays() {
        RelationshipStarted started = storedStart("Cecilia Carlsson", "Daniel Dahl");
        SerializedObject<byte[]> stored = serializer.serialize(started, byte[].class);

        keys.erase(started.mentee().id(), "admin", Instant.now());

        RelationshipStarted read = read(stored);
        assertThat(read.mentee()).isEqualTo(new Person(started.mentee().id(), null));
        assertThat(read.mentor()).isEqualTo(started.mentor());
        assertThat(read.startedOn()).isEqualTo(started.startedOn());
    }

    @Test
    void thePairsPrivateTextNeedsBothKeysSoErasingEitherPersonErasesIt() {
        RelationshipStarted first = storedStart("Eero Eskola", "Fanny Fors");
        RelationshipStarted second = storedStart("Greta Grön", "Hannu Heikkinen");
        SerializedObject<byte[]> firstNotes = serializer.serialize(meeting(first, "Eero shared his salary"), byte[].class);
        SerializedObject<byte[]> secondNotes = serializer.serialize(meeting(second, "Hannu fears the layoffs"),
                byte[].class);
        assertThat(storedText(firstNotes)).doesNotContain("salary");
        assertThat(this.<MeetingRecorded>read(firstNotes).privateNotes()).isEqualTo("Eero shared his salary");

        keys.erase(first.mentor().id(), "admin", Instant.now());
        keys.erase(second.mentee().id(), "admin", Instant.now());

        MeetingRecorded firstRead = read(firstNotes);
        assertThat(firstRead.privateNotes()).isNull();
        assertThat(firstRead.heldOn()).isEqualTo(LocalDate.of(2026, 3, 2));
        assertThat(firstRead.tasks()).containsExactly("update the CV");
        assertThat(this.<MeetingRecorded>read(secondNotes).privateNotes()).isNull();
    }

    @Test
    void anyTextComesBackExactlyAsWrittenEvenALoneSurrogate() {
        RelationshipStarted started = storedStart("Åsa Öberg 👩‍💼", "Zoë \uD83D alone");

        RelationshipStarted read = read(serializer.serialize(started, byte[].class));

        assertThat(read.mentor().name()).isEqualTo("Åsa Öberg 👩‍💼");
        assertThat(read.mentee().name()).isEqualTo("Zoë \uD83D alone");
    }

    @Test
    void aRelationshipWrittenWholeInOneTransactionSealsThePairsTextWithThePeopleItsStartNames() {
        RelationshipStarted started = start("Pia Pajari", "Reko Rantanen");
        TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));

        SerializedObject<byte[]> notes = transaction.execute(status -> {
            serializer.serialize(started, byte[].class);
            return serializer.serialize(meeting(started, "Reko's first salary talk"), byte[].class);
        });
        keys.erase(started.mentee().id(), "admin", Instant.now());

        assertThat(storedText(notes)).doesNotContain("salary");
        assertThat(this.<MeetingRecorded>read(notes).privateNotes()).as("sealed with the mentee's key too").isNull();
    }

    @Test
    void whoARolledBackStartNamedIsForgottenWithIt() {
        RelationshipStarted started = start("Sari Salo", "Teemu Toivonen");
        TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        transaction.executeWithoutResult(status -> {
            serializer.serialize(started, byte[].class);
            status.setRollbackOnly();
        });

        assertThatThrownBy(() -> transaction.execute(status -> serializer.serialize(meeting(started, "anything"),
                byte[].class))).hasMessageContaining("has no first event");
    }

    @Test
    void aKeyIsKeptForTheNextWritesOnlyOnceItsTransactionCommitted() {
        String personId = "p-" + UUID.randomUUID();
        TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        UUID rolledBack = transaction.execute(status -> {
            status.setRollbackOnly();
            return keys.keyToSeal(personId).keyId();
        });

        UUID committed = transaction.execute(status -> keys.keyToSeal(personId).keyId());

        assertThat(committed).as("the rolled-back key never existed: a new one is made").isNotEqualTo(rolledBack);
        assertThat(keys.keyToSeal(personId).keyId()).isEqualTo(committed);
        assertThat(keys.keyToOpen(rolledBack)).isEmpty();
    }

    @Test
    void eventsWithoutPersonalDataAreStoredAsTheyAre() {
        RelationshipPaused paused = new RelationshipPaused(RelationshipId.of("r-" + UUID.randomUUID()), "summer",
                LocalDate.of(2026, 6, 1));

        assertThat(storedText(serializer.serialize(paused, byte[].class))).contains("\"reason\":\"summer\"")
                .doesNotContain(Envelope.PREFIX);
    }

    @Test
    void textWrittenBeforeSealingExistedReadsAsItWas() {
        String relationshipId = "r-" + UUID.randomUUID();
        byte[] legacy = ("{\"relationshipId\":{\"value\":\"" + relationshipId + "\"},\"programmeId\":null,"
                + "\"mentor\":{\"id\":\"m1\",\"name\":\"Ilona Ilves\"},\"mentee\":{\"id\":\"e1\",\"name\":\"Juha Jokela\"},"
                + "\"language\":\"fi\",\"startedOn\":\"2026-01-05\"}").getBytes(StandardCharsets.UTF_8);

        RelationshipStarted read = read(new SimpleSerializedObject<>(legacy, byte[].class,
                serializer.typeForClass(RelationshipStarted.class)));

        assertThat(read.mentor().name()).isEqualTo("Ilona Ilves");
        assertThat(read.mentee().name()).isEqualTo("Juha Jokela");
    }

    @Test
    void losingTheKeyTableLosesNoEventOnlyThePersonalDataInIt() {
        RelationshipStarted started = storedStart("Kaisa Kallio", "Leo Laine");
        SerializedObject<byte[]> notes = serializer.serialize(new ConcernRaised(started.relationshipId(), "c1",
                Party.MENTEE, "Leo feels overlooked", true, LocalDate.of(2026, 3, 9)), byte[].class);
        SerializedObject<byte[]> start = serializer.serialize(started, byte[].class);
        List<Map<String, Object>> saved = jdbc.sql("SELECT key_id, person_id, secret FROM personal_data_key")
                .query().listOfRows();
        try {
            jdbc.sql("DELETE FROM personal_data_key").update();
            // a fresh reader: nothing kept in memory from before the loss
            Serializer afterLoss = EventSerialization.sealingEventSerializer(jdbc, new PersonalDataKeys(jdbc));

            RelationshipStarted startRead = afterLoss.deserialize(start);
            ConcernRaised concernRead = afterLoss.deserialize(notes);
            assertThat(startRead.mentor()).isEqualTo(new Person(started.mentor().id(), null));
            assertThat(startRead.startedOn()).isEqualTo(started.startedOn());
            assertThat(concernRead.description()).isNull();
            assertThat(concernRead.raisedBy()).isEqualTo(Party.MENTEE);
            assertThat(concernRead.organiserContacted()).isTrue();
        } finally {
            saved.forEach(key -> jdbc.sql("INSERT INTO personal_data_key (key_id, person_id, secret) VALUES (?, ?, ?)")
                    .params(key.get("key_id"), key.get("person_id"), key.get("secret")).update());
        }
    }

    @Test
    void aParticipantActorsNameIsSealedInTheMetadataAndErasedWithThem() {
        String personId = "p-" + UUID.randomUUID();
        MetaData metaData = MetaData.from(Map.of(CryptoShreddingSerializer.ACTOR, "maija.mentee",
                CryptoShreddingSerializer.ACTOR_PERSON_ID, personId, "correlationId", "c-1"));
        SerializedObject<byte[]> stored = serializer.serialize(metaData, byte[].class);
        SerializedMetaData<byte[]> asStored = new SerializedMetaData<>(stored.getData(), byte[].class);

        assertThat(storedText(stored)).doesNotContain("maija");
        assertThat(serializer.<byte[], MetaData>deserialize(asStored)).isEqualTo(metaData);

        keys.erase(personId, "admin", Instant.now());

        MetaData erased = serializer.deserialize(asStored);
        assertThat(erased.get(CryptoShreddingSerializer.ACTOR)).isNull();
        assertThat(erased.get("correlationId")).isEqualTo("c-1");
    }

    @Test
    void anOrganisersOrAdminsNameIsNotPersonalDataOfThePair() {
        MetaData metaData = MetaData.from(Map.of(CryptoShreddingSerializer.ACTOR, "olga.organiser"));

        assertThat(storedText(serializer.serialize(metaData, byte[].class))).contains("olga.organiser");
    }

    @Test
    void anErasedPersonGetsNoNewKeyAndErasingAgainKeepsTheFirstRecord() {
        String personId = "p-" + UUID.randomUUID();
        keys.keyToSeal(personId);
        PersonalDataKeys.Erasure first = keys.erase(personId, "admin", Instant.parse("2026-11-01T10:00:00Z"));

        PersonalDataKeys.Erasure again = keys.erase(personId, "other-admin", Instant.parse("2026-11-02T10:00:00Z"));

        assertThat(again).isEqualTo(first);
        assertThat(first.erasedBy()).isEqualTo("admin");
        assertThatThrownBy(() -> keys.keyToSeal(personId)).isInstanceOf(PersonErasedException.class);
        assertThat(jdbc.sql("SELECT count(*) FROM personal_data_key WHERE person_id = ?").param(personId)
                .query(Long.class).single()).isZero();
    }

    @Test
    void anEnvelopeThatWasTamperedWithIsAnErrorNotAnErasure() {
        RelationshipStarted started = storedStart("Mikko Mäki", "Nina Nurmi");
        String stored = storedText(serializer.serialize(started, byte[].class));
        int at = stored.indexOf(Envelope.PREFIX) + Envelope.PREFIX.length() + 37 + 20;
        char flipped = stored.charAt(at) == 'A' ? 'B' : 'A';
        byte[] tampered = (stored.substring(0, at) + flipped + stored.substring(at + 1)).getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> read(new SimpleSerializedObject<>(tampered, byte[].class,
                serializer.typeForClass(RelationshipStarted.class))))
                .hasStackTraceContaining("does not open");
    }

    private static RelationshipStarted start(String mentorName, String menteeName) {
        String suffix = UUID.randomUUID().toString();
        return new RelationshipStarted(RelationshipId.of("r-" + suffix), "womento-2026",
                new Person("mentor-" + suffix, mentorName), new Person("mentee-" + suffix, menteeName), "fi",
                LocalDate.of(2026, 1, 12));
    }

    /** A start stored as the relationship's first event, so that its pair is known. */
    private static RelationshipStarted storedStart(String mentorName, String menteeName) {
        RelationshipStarted started = start(mentorName, menteeName);
        SerializedObject<byte[]> payload = serializer.serialize(started, byte[].class);
        jdbc.sql("""
                        INSERT INTO domain_event_entry (global_index, event_identifier, aggregate_identifier, sequence_number,
                                                        type, time_stamp, payload_type, payload_revision, payload)
                        VALUES (nextval('domain_event_entry_seq'), :eventId, :id, 0, 'Relationship', :at, :type,
                                :revision, :payload)""")
                .param("eventId", UUID.randomUUID().toString())
                .param("id", started.relationshipId().value())
                .param("at", Instant.now().toString())
                .param("type", payload.getType().getName())
                .param("revision", payload.getType().getRevision())
                .param("payload", payload.getData())
                .update();
        return started;
    }

    private static MeetingRecorded meeting(RelationshipStarted started, String notes) {
        return new MeetingRecorded(started.relationshipId(), "m-" + UUID.randomUUID(), LocalDate.of(2026, 3, 2), 60,
                notes, List.of("update the CV"), MeetingFormat.REMOTE);
    }

    private <T> T read(SerializedObject<byte[]> stored) {
        return serializer.deserialize(stored);
    }

    private static String storedText(SerializedObject<byte[]> stored) {
        return new String(stored.getData(), StandardCharsets.UTF_8);
    }
}
