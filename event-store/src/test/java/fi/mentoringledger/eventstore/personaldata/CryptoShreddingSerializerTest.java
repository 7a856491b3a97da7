package fi.mentoringledger.eventstore.personaldata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
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
import org.axonframework.serialization.json.JacksonSerializer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import fi.mentoringledger.api.relationship.Agreement;
import fi.mentoringledger.api.relationship.AgreementSigned;
import fi.mentoringledger.api.relationship.ConcernRaised;
import fi.mentoringledger.api.relationship.ConcernResolved;
import fi.mentoringledger.api.relationship.EvaluationSubmitted;
import fi.mentoringledger.api.relationship.Goal;
import fi.mentoringledger.api.relationship.GoalAchieved;
import fi.mentoringledger.api.relationship.GoalsMet;
import fi.mentoringledger.api.relationship.GroundRules;
import fi.mentoringledger.api.relationship.Initiator;
import fi.mentoringledger.api.relationship.MeetingFormat;
import fi.mentoringledger.api.relationship.MeetingRecorded;
import fi.mentoringledger.api.relationship.Party;
import fi.mentoringledger.api.relationship.Person;
import fi.mentoringledger.api.relationship.RelationshipId;
import fi.mentoringledger.api.relationship.RelationshipClosed;
import fi.mentoringledger.api.relationship.RelationshipPaused;
import fi.mentoringledger.api.relationship.RelationshipStarted;
import fi.mentoringledger.api.relationship.RelationshipTerminated;
import fi.mentoringledger.api.relationship.TerminationReason;
import fi.mentoringledger.eventstore.EventSerialization;
import fi.mentoringledger.eventstore.PostgresTestDatabase;
import fi.mentoringledger.eventstore.personaldata.PersonalDataKeys.PersonKey;

/** The stored form of personal data, on a real event store schema in PostgreSQL. */
class CryptoShreddingSerializerTest {

    private static PostgresTestDatabase database;
    private static PGSimpleDataSource dataSource;
    private static JdbcClient jdbc;
    private static PersonalDataKeys keys;
    private static Serializer serializer;
    /** The JSON serializer alone: what the stored form is without the sealing around it. */
    private static final Serializer plain = JacksonSerializer.builder()
            .objectMapper(EventSerialization.eventObjectMapper()).build();
    private static final ObjectMapper JSON = EventSerialization.eventObjectMapper();
    private static final KeyEncryptionKeys KEKS = TestKeyEncryptionKeys.generated();

    @BeforeAll
    static void eventStore() {
        database = PostgresTestDatabase.create();
        dataSource = new PGSimpleDataSource();
        dataSource.setUrl(database.jdbcUrl());
        dataSource.setUser(database.username());
        dataSource.setPassword(database.password());
        Flyway.configure().dataSource(dataSource).locations("classpath:db/eventstore").load().migrate();
        jdbc = JdbcClient.create(dataSource);
        keys = new PersonalDataKeys(jdbc, KEKS);
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

        assertThat(stored).doesNotContain("Aino", "Aaltonen", "Bea Berg")
                .contains(started.mentor().id(), started.mentee().id(), started.relationshipId().value());
        JsonNode name = storedJson(serializer.serialize(started, byte[].class)).at("/mentor/name");
        assertThat(name.isObject()).as("a JSON object where the text was: %s", name).isTrue();
        assertThat(name.get("sealed").asText()).isEqualTo("pd2");
        assertThat(name.get("keys")).extracting(JsonNode::asText)
                .containsExactly(keys.keyToSeal(started.mentor().id()).keyId().toString());
        assertThat(name.get("data").isTextual()).isTrue();
        assertThat(name.fieldNames()).toIterable().containsExactly("sealed", "keys", "data");
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
        assertThat(storedJson(firstNotes).at("/privateNotes/keys")).as("outer key first").extracting(JsonNode::asText)
                .containsExactly(keys.keyToSeal(first.mentee().id()).keyId().toString(),
                        keys.keyToSeal(first.mentor().id()).keyId().toString());
        assertThat(this.<MeetingRecorded>read(firstNotes).privateNotes()).isEqualTo("Eero shared his salary");

        keys.erase(first.mentor().id(), "admin", Instant.now());
        keys.erase(second.mentee().id(), "admin", Instant.now());

        MeetingRecorded firstRead = read(firstNotes);
        assertThat(firstRead.privateNotes()).isNull();
        assertThat(firstRead.heldOn()).isEqualTo(LocalDate.of(2026, 3, 2));
        assertThat(firstRead.tasks()).as("tasks are the pair's personal text, erased too").isEmpty();
        assertThat(firstRead.format()).isEqualTo(MeetingFormat.REMOTE);
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
            SerializedObject<byte[]> start = serializer.serialize(started, byte[].class);
            SerializedObject<byte[]> meeting = serializer.serialize(meeting(started, "Reko's first salary talk"),
                    byte[].class);
            // Axon writes the rows once every event of the unit of work is serialized.
            insertFirstEvent(started, start);
            return meeting;
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
    void aTransactionThatReadAKeyBeforeAnErasureDoesNotKeepItAfterwards() {
        String personId = "p-" + UUID.randomUUID();
        UUID keyId = new PersonalDataKeys(jdbc, KEKS).keyToSeal(personId).keyId();
        // An instance that has not read the key yet: it reads it in the transaction below.
        PersonalDataKeys instance = new PersonalDataKeys(jdbc, KEKS);
        TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));

        transaction.executeWithoutResult(status -> {
            assertThat(instance.keyToOpen(keyId)).isPresent();
            // This instance erases the person while the transaction still holds the key it read (the
            // same transaction here: what matters is that the read commits after the erasure).
            instance.erase(personId, "admin", Instant.now());
        });

        assertThat(instance.keyToOpen(keyId)).as("no key of an erased person is kept").isEmpty();
        assertThatThrownBy(() -> instance.keyToSeal(personId)).isInstanceOf(PersonErasedException.class);
    }

    @Test
    void eventsWithoutPersonalDataAreStoredAsTheyAre() {
        GoalAchieved achieved = new GoalAchieved(RelationshipId.of("r-" + UUID.randomUUID()), "g1",
                LocalDate.of(2026, 6, 1));

        assertThat(storedText(serializer.serialize(achieved, byte[].class))).contains("\"goalId\":\"g1\"")
                .doesNotContain("sealed");
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
        List<Map<String, Object>> saved = jdbc.sql("SELECT key_id, person_id, secret, kek_version FROM personal_data_key")
                .query().listOfRows();
        try {
            jdbc.sql("DELETE FROM personal_data_key").update();
            // a fresh reader: nothing kept in memory from before the loss
            Serializer afterLoss = EventSerialization.sealingEventSerializer(jdbc, new PersonalDataKeys(jdbc, KEKS));

            RelationshipStarted startRead = afterLoss.deserialize(start);
            ConcernRaised concernRead = afterLoss.deserialize(notes);
            assertThat(startRead.mentor()).isEqualTo(new Person(started.mentor().id(), null));
            assertThat(startRead.startedOn()).isEqualTo(started.startedOn());
            assertThat(concernRead.description()).isNull();
            assertThat(concernRead.raisedBy()).isEqualTo(Party.MENTEE);
            assertThat(concernRead.organiserContacted()).isTrue();
        } finally {
            saved.forEach(key -> jdbc.sql(
                            "INSERT INTO personal_data_key (key_id, person_id, secret, kek_version) VALUES (?, ?, ?, ?)")
                    .params(key.get("key_id"), key.get("person_id"), key.get("secret"), key.get("kek_version")).update());
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
        JsonNode actor = storedJson(stored).get(CryptoShreddingSerializer.ACTOR);
        assertThat(actor.isObject()).as("a JSON object where the name was: %s", actor).isTrue();
        assertThat(actor.get("sealed").asText()).isEqualTo("pd2");
        assertThat(actor.get("keys")).hasSize(1);
        assertThat(plain.<byte[], MetaData>deserialize(asStored).get(CryptoShreddingSerializer.ACTOR))
                .as("Axon's metadata reads a nested map").isInstanceOf(Map.class);
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
        ObjectNode stored = storedJson(serializer.serialize(started, byte[].class));
        ObjectNode name = (ObjectNode) stored.at("/mentor/name");
        String data = name.get("data").asText();
        name.put("data", data.substring(0, 20) + (data.charAt(20) == 'A' ? 'B' : 'A') + data.substring(21));

        assertThatThrownBy(() -> read(asStored(stored, RelationshipStarted.class)))
                .hasStackTraceContaining("does not open")
                .satisfies(failure -> assertThat(everyMessage(failure)).contains("mentor.name").doesNotContain("Mikko"));
    }

    @Test
    void anEnvelopeWithAnotherNumberOfLayersThanItsFieldIsAnError() {
        RelationshipStarted started = storedStart("Outi Oja", "Pekka Puro");
        ObjectNode start = storedJson(serializer.serialize(started, byte[].class));
        ObjectNode notes = storedJson(serializer.serialize(meeting(started, "Pekka's debts"), byte[].class));
        ObjectNode oneLayer = (ObjectNode) notes.get("privateNotes").deepCopy();
        ((ArrayNode) oneLayer.get("keys")).remove(1);
        notes.set("privateNotes", oneLayer);
        ObjectNode twoLayers = start.at("/mentor/name").deepCopy();
        ((ArrayNode) twoLayers.get("keys")).add(twoLayers.at("/keys/0").asText());
        ((ObjectNode) start.get("mentor")).set("name", twoLayers);

        assertThatThrownBy(() -> read(asStored(notes, MeetingRecorded.class))).hasMessageContaining("privateNotes")
                .hasMessageContaining("has 1 layer where its field has 2 layers");
        assertThatThrownBy(() -> read(asStored(start, RelationshipStarted.class))).hasMessageContaining("mentor.name")
                .hasMessageContaining("has 2 layers where its field has 1 layer");
    }

    /**
     * Text a participant may write that looks like a stored envelope, in every form this store has
     * used: the first ({@code pd1:} text, which the reader once opened in a loop) and today's (a JSON
     * object), made up or real, and near misses of both.
     */
    static List<String> envelopeLikeText() {
        RelationshipStarted other = storedStart("Olli Ojala", "Oona Oksanen");
        JsonNode sealedName = storedJson(serializer.serialize(other, byte[].class)).at("/mentor/name");
        PersonKey key = keys.keyToSeal(other.mentee().id());
        return List.of("pd1:", "pd1:x:y", "pd1:" + UUID.randomUUID() + ":AAAA",
                sealedName.isTextual() ? sealedName.asText() : sealedName.toString(),
                LegacySealing.seal("Oona Oksanen", key), LegacySealing.seal("pd1:x:y", key, key),
                "pd1:" + key.keyId() + ":" + "A".repeat(40), "pd2", "pd2:" + key.keyId() + ":AAAA",
                "{\"sealed\":\"pd2\",\"keys\":[\"" + key.keyId() + "\"],\"data\":\"AAAA\"}",
                "{\"sealed\":\"pd1\"}", "{}", " pd1:x:y", "PD1:x:y");
    }

    @ParameterizedTest
    @MethodSource("envelopeLikeText")
    void aNameThatLooksSealedComesBackExactlyAsWritten(String text) {
        RelationshipStarted started = storedStart(text, "Bea " + text);

        assertThat(this.<RelationshipStarted>read(serializer.serialize(started, byte[].class))).isEqualTo(started);
    }

    @ParameterizedTest
    @MethodSource("envelopeLikeText")
    void thePairsTextThatLooksSealedComesBackExactlyAsWritten(String text) {
        RelationshipStarted started = storedStart("Carla Cruz", "Dan Dahl");
        MeetingRecorded meeting = meeting(started, text);
        ConcernRaised concern = new ConcernRaised(started.relationshipId(), "c1", Party.MENTEE, text, false,
                LocalDate.of(2026, 3, 9));
        ConcernResolved resolved = new ConcernResolved(started.relationshipId(), "c1", text, LocalDate.of(2026, 3, 10));
        EvaluationSubmitted evaluation = new EvaluationSubmitted(started.relationshipId(), Party.MENTOR, 4,
                GoalsMet.PARTLY, text, LocalDate.of(2026, 9, 1));

        for (Object event : List.of(meeting, concern, resolved, evaluation)) {
            assertThat(this.<Object>read(serializer.serialize(event, byte[].class))).isEqualTo(event);
        }
    }

    @ParameterizedTest
    @MethodSource("envelopeLikeText")
    void anActorThatLooksSealedComesBackExactlyAsWritten(String text) {
        MetaData participant = MetaData.from(Map.of(CryptoShreddingSerializer.ACTOR, text,
                CryptoShreddingSerializer.ACTOR_PERSON_ID, "p-" + UUID.randomUUID()));
        MetaData organiser = MetaData.from(Map.of(CryptoShreddingSerializer.ACTOR, text));

        for (MetaData metaData : List.of(participant, organiser)) {
            SerializedObject<byte[]> stored = serializer.serialize(metaData, byte[].class);
            assertThat(serializer.<byte[], MetaData>deserialize(new SerializedMetaData<>(stored.getData(), byte[].class)))
                    .isEqualTo(metaData);
        }
    }

    @Test
    void valuesSealedInTheFirstFormStillReadWithExactlyTheirLayers() {
        RelationshipStarted started = storedStart("Elina Eklund", "Frans Forsman");
        PersonKey mentor = keys.keyToSeal(started.mentor().id());
        PersonKey mentee = keys.keyToSeal(started.mentee().id());
        String realLegacyEnvelope = LegacySealing.seal("Frans Forsman", mentee);
        ObjectNode start = storedJson(serializer.serialize(started, byte[].class));
        ((ObjectNode) start.get("mentor")).put("name", LegacySealing.seal("pd1:x:y", mentor));
        ((ObjectNode) start.get("mentee")).put("name", LegacySealing.seal("Frans Forsman", mentee));
        ObjectNode notes = storedJson(serializer.serialize(meeting(started, "anything"), byte[].class));
        notes.put("privateNotes", LegacySealing.seal("pd1:" + mentor.keyId() + ":AAAA", mentor, mentee));
        ObjectNode concern = storedJson(serializer.serialize(new ConcernRaised(started.relationshipId(), "c1",
                Party.MENTEE, "anything", false, LocalDate.of(2026, 3, 9)), byte[].class));
        concern.put("description", LegacySealing.seal(realLegacyEnvelope, mentor, mentee));
        String actor = LegacySealing.seal("pd1:frans", mentee);
        SerializedMetaData<byte[]> metaData = new SerializedMetaData<>(bytes(JSON.createObjectNode()
                .put(CryptoShreddingSerializer.ACTOR, actor)
                .put(CryptoShreddingSerializer.ACTOR_PERSON_ID, started.mentee().id())), byte[].class);

        assertThat(this.<RelationshipStarted>read(asStored(start, RelationshipStarted.class)).mentor().name())
                .isEqualTo("pd1:x:y");
        assertThat(this.<RelationshipStarted>read(asStored(start, RelationshipStarted.class)).mentee().name())
                .isEqualTo("Frans Forsman");
        assertThat(this.<MeetingRecorded>read(asStored(notes, MeetingRecorded.class)).privateNotes())
                .isEqualTo("pd1:" + mentor.keyId() + ":AAAA");
        assertThat(this.<ConcernRaised>read(asStored(concern, ConcernRaised.class)).description())
                .isEqualTo(realLegacyEnvelope);
        assertThat(serializer.<byte[], MetaData>deserialize(metaData).get(CryptoShreddingSerializer.ACTOR))
                .isEqualTo("pd1:frans");

        keys.erase(started.mentee().id(), "admin", Instant.now());

        RelationshipStarted erased = read(asStored(start, RelationshipStarted.class));
        assertThat(erased.mentee().name()).isNull();
        assertThat(erased.mentor().name()).isEqualTo("pd1:x:y");
        assertThat(this.<MeetingRecorded>read(asStored(notes, MeetingRecorded.class)).privateNotes()).isNull();
        assertThat(serializer.<byte[], MetaData>deserialize(metaData).get(CryptoShreddingSerializer.ACTOR)).isNull();
    }

    @Test
    void aStringThatIsNoWellFormedFirstFormEnvelopeIsTextFromBeforeSealing() {
        RelationshipStarted started = storedStart("Gun Grönroos", "Hilma Hakala");
        ObjectNode start = storedJson(serializer.serialize(started, byte[].class));
        ((ObjectNode) start.get("mentor")).put("name", "pd1:x:y");
        ((ObjectNode) start.get("mentee")).put("name", "pd1:");
        ObjectNode notes = storedJson(serializer.serialize(meeting(started, "anything"), byte[].class));
        notes.put("privateNotes", "pd1:not-a-key:%%%");
        SerializedMetaData<byte[]> metaData = new SerializedMetaData<>(bytes(JSON.createObjectNode()
                .put(CryptoShreddingSerializer.ACTOR, "pd1:olga")), byte[].class);

        RelationshipStarted read = read(asStored(start, RelationshipStarted.class));
        assertThat(read.mentor().name()).isEqualTo("pd1:x:y");
        assertThat(read.mentee().name()).isEqualTo("pd1:");
        assertThat(this.<MeetingRecorded>read(asStored(notes, MeetingRecorded.class)).privateNotes())
                .isEqualTo("pd1:not-a-key:%%%");
        assertThat(serializer.<byte[], MetaData>deserialize(metaData).get(CryptoShreddingSerializer.ACTOR))
                .isEqualTo("pd1:olga");
    }

    @Test
    void theFirstFormOfThePairsTextWithTooFewLayersIsAnErrorThatNamesNoText() {
        RelationshipStarted started = storedStart("Iida Ikonen", "Jari Juntunen");
        PersonKey mentor = keys.keyToSeal(started.mentor().id());
        ObjectNode notes = storedJson(serializer.serialize(meeting(started, "anything"), byte[].class));
        // Short enough for UUID.fromString to quote it, as the first reader did when it took text for an envelope.
        String secret = "pd1:Jari-earns-4100-afraid:of-losing-it";
        notes.put("privateNotes", LegacySealing.seal(secret, mentor));

        assertThatThrownBy(() -> read(asStored(notes, MeetingRecorded.class)))
                .hasStackTraceContaining("privateNotes in the form pd1: has fewer layers than the 2 layers of its field")
                .satisfies(failure -> assertThat(everyMessage(failure)).doesNotContain("Jari", "4100", "afraid", "losing"));
    }

    @Test
    void anEnvelopeMovedToAnotherFieldDoesNotOpen() {
        RelationshipStarted started = storedStart("Kalle Koskinen", "Liisa Lehto");
        ObjectNode start = storedJson(serializer.serialize(started, byte[].class));
        ((ObjectNode) start.get("mentee")).set("name", start.at("/mentor/name").deepCopy());
        ObjectNode notes = storedJson(serializer.serialize(meeting(started, "Liisa's salary"), byte[].class));
        ObjectNode concern = storedJson(serializer.serialize(new ConcernRaised(started.relationshipId(), "c1",
                Party.MENTEE, "anything", false, LocalDate.of(2026, 3, 9)), byte[].class));
        concern.set("description", notes.get("privateNotes").deepCopy());

        assertThatThrownBy(() -> read(asStored(start, RelationshipStarted.class)))
                .satisfies(failure -> assertThat(everyMessage(failure)).contains("mentee.name")
                        .doesNotContain("Kalle", "Koskinen"));
        assertThatThrownBy(() -> read(asStored(concern, ConcernRaised.class)))
                .satisfies(failure -> assertThat(everyMessage(failure)).contains("description").doesNotContain("salary"));
    }

    @Test
    void anEnvelopeMovedToAnotherRelationshipOfTheSamePeopleDoesNotOpen() {
        RelationshipStarted first = storedStart("Mari Mattila", "Niko Nieminen");
        RelationshipStarted second = storedStart(new RelationshipStarted(RelationshipId.of("r-" + UUID.randomUUID()),
                "womento-2027", first.mentor(), first.mentee(), "fi", LocalDate.of(2027, 1, 11)));
        ObjectNode notes = storedJson(serializer.serialize(meeting(first, "Niko's divorce"), byte[].class));
        ObjectNode moved = storedJson(serializer.serialize(meeting(second, "anything"), byte[].class));
        moved.set("privateNotes", notes.get("privateNotes").deepCopy());
        ObjectNode name = storedJson(serializer.serialize(second, byte[].class));
        ((ObjectNode) name.get("mentee")).set("name",
                storedJson(serializer.serialize(first, byte[].class)).at("/mentee/name").deepCopy());

        assertThatThrownBy(() -> read(asStored(moved, MeetingRecorded.class)))
                .satisfies(failure -> assertThat(everyMessage(failure)).doesNotContain("divorce"));
        assertThatThrownBy(() -> read(asStored(name, RelationshipStarted.class)))
                .satisfies(failure -> assertThat(everyMessage(failure)).doesNotContain("Niko"));
    }

    @Test
    void anActorMovedToAnotherPersonsEventDoesNotOpen() {
        String personId = "p-" + UUID.randomUUID();
        String otherId = "p-" + UUID.randomUUID();
        keys.keyToSeal(otherId);
        ObjectNode stored = storedJson(serializer.serialize(MetaData.from(Map.of(CryptoShreddingSerializer.ACTOR,
                "maija.mentee", CryptoShreddingSerializer.ACTOR_PERSON_ID, personId)), byte[].class));
        stored.put(CryptoShreddingSerializer.ACTOR_PERSON_ID, otherId);

        assertThatThrownBy(() -> serializer.deserialize(new SerializedMetaData<>(bytes(stored), byte[].class)))
                .satisfies(failure -> assertThat(everyMessage(failure)).doesNotContain("maija"));
    }

    /**
     * DOMAIN.md, "Confidentiality": every free text the pair or an organiser writes besides the
     * private text is personal data, sealed with the pair's keys and erased with either of them,
     * while the facts beside it (goal ids, dates, codes) stay.
     */
    @Test
    void thePairsPersonalTextIsSealedWhereverItIsAndErasedWithEitherPersonWhileTheFactsStay() {
        RelationshipStarted started = storedStart("Pirjo Peltonen", "Rasmus Rinne");
        RelationshipId id = started.relationshipId();
        AgreementSigned agreed = new AgreementSigned(id, new Agreement(
                List.of(new Goal("g1", "Pirjo's promotion to lead", List.of("talk to her boss", "lead a project")),
                        new Goal("g2", "Leave the burnout behind", List.of())),
                new GroundRules("Signal, not e-mail", "every other Tuesday", "Rasmus writes the agenda"),
                LocalDate.of(2026, 12, 31)), LocalDate.of(2026, 2, 1));
        MeetingRecorded meeting = new MeetingRecorded(id, "m1", LocalDate.of(2026, 3, 2), 60, "notes",
                List.of("ask about the severance package"), MeetingFormat.REMOTE);
        RelationshipPaused paused = new RelationshipPaused(id, "Rasmus's parental leave", LocalDate.of(2026, 4, 1));
        RelationshipClosed closed = new RelationshipClosed(id, LocalDate.of(2026, 10, 1), "She got the lead role", true);
        RelationshipTerminated terminated = new RelationshipTerminated(id, TerminationReason.HEALTH_OR_FAMILY,
                Initiator.MENTEE, "Rasmus's depression", LocalDate.of(2026, 5, 1));
        List<Object> events = List.of(agreed, meeting, paused, closed, terminated);
        List<SerializedObject<byte[]>> stored = events.stream().map(event -> serializer.serialize(event, byte[].class))
                .toList();

        assertThat(stored).extracting(CryptoShreddingSerializerTest::storedText).allSatisfy(text -> assertThat(text)
                .doesNotContain("promotion", "talk to her", "lead a project", "burnout", "Signal", "Tuesday",
                        "agenda", "severance", "parental", "lead role", "depression")
                .contains(id.value()));
        assertThat(storedJson(stored.get(0)).at("/agreement/goals/0/goalId").asText()).isEqualTo("g1");
        assertThat(storedJson(stored.get(0)).at("/agreement/goals/0/milestones").isObject())
                .as("a list of texts is sealed whole, its length too").isTrue();
        assertThat(stored).extracting(this::read).containsExactlyElementsOf(events);

        keys.erase(started.mentor().id(), "admin", Instant.now());

        assertThat(this.<AgreementSigned>read(stored.get(0))).isEqualTo(new AgreementSigned(id, new Agreement(
                List.of(new Goal("g1", null, List.of()), new Goal("g2", null, List.of())),
                new GroundRules(null, null, null), LocalDate.of(2026, 12, 31)), LocalDate.of(2026, 2, 1)));
        assertThat(this.<MeetingRecorded>read(stored.get(1))).isEqualTo(new MeetingRecorded(id, "m1",
                LocalDate.of(2026, 3, 2), 60, null, List.of(), MeetingFormat.REMOTE));
        assertThat(this.<RelationshipPaused>read(stored.get(2))).isEqualTo(new RelationshipPaused(id, null,
                LocalDate.of(2026, 4, 1)));
        assertThat(this.<RelationshipClosed>read(stored.get(3))).isEqualTo(new RelationshipClosed(id,
                LocalDate.of(2026, 10, 1), null, true));
        assertThat(this.<RelationshipTerminated>read(stored.get(4))).isEqualTo(new RelationshipTerminated(id,
                TerminationReason.HEALTH_OR_FAMILY, Initiator.MENTEE, null, LocalDate.of(2026, 5, 1)));
    }

    /** Nothing of anyone is in an empty list or a blank text: the facts go on after an erasure. */
    @Test
    void anEmptyListOrABlankTextIsNotSealedSoTheFactsCanBeRecordedAfterAnErasure() {
        RelationshipStarted started = storedStart("Yrjö Ylönen", "Zelda Zetterberg");
        keys.erase(started.mentee().id(), "admin", Instant.now());
        MeetingRecorded meeting = new MeetingRecorded(started.relationshipId(), "m1", LocalDate.of(2026, 3, 2), 60,
                " ", List.of(), MeetingFormat.IN_PERSON);

        SerializedObject<byte[]> stored = serializer.serialize(meeting, byte[].class);

        assertThat(this.<MeetingRecorded>read(stored)).isEqualTo(meeting);
        assertThatThrownBy(() -> serializer.serialize(new MeetingRecorded(started.relationshipId(), "m2",
                LocalDate.of(2026, 3, 2), 60, null, List.of("a task"), MeetingFormat.IN_PERSON), byte[].class))
                .isInstanceOf(PersonErasedException.class);
    }

    @Test
    void anEnvelopeMovedToAnotherGoalOfTheSameAgreementDoesNotOpen() {
        RelationshipStarted started = storedStart("Sanna Salo", "Tuomas Toivonen");
        ObjectNode agreed = storedJson(serializer.serialize(new AgreementSigned(started.relationshipId(),
                new Agreement(List.of(new Goal("g1", "Sanna's secret plan", List.of()), new Goal("g2", "other", List.of())),
                        null, null), LocalDate.of(2026, 2, 1)), byte[].class));
        ArrayNode goals = (ArrayNode) agreed.at("/agreement/goals");
        ((ObjectNode) goals.get(1)).set("description", goals.get(0).get("description").deepCopy());

        assertThatThrownBy(() -> read(asStored(agreed, AgreementSigned.class)))
                .satisfies(failure -> assertThat(everyMessage(failure)).contains("agreement.goals[1].description")
                        .doesNotContain("secret"));
    }

    /** Only names and private text were ever sealed in the first form: a goal that looks like one is text. */
    @ParameterizedTest
    @MethodSource("envelopeLikeText")
    void thePairsPersonalTextThatLooksSealedComesBackExactlyAsWritten(String text) {
        RelationshipStarted started = storedStart("Ulla Uotila", "Ville Virta");
        AgreementSigned agreed = new AgreementSigned(started.relationshipId(), new Agreement(
                List.of(new Goal("g1", text, List.of(text, "x"))), new GroundRules(text, null, text), null),
                LocalDate.of(2026, 2, 1));
        RelationshipPaused paused = new RelationshipPaused(started.relationshipId(), text, LocalDate.of(2026, 4, 1));

        for (Object event : List.of(agreed, paused)) {
            assertThat(this.<Object>read(serializer.serialize(event, byte[].class))).isEqualTo(event);
        }
    }

    @Test
    void personalTextWrittenBeforeItWasSealedReadsAsItWas() {
        RelationshipStarted started = storedStart("Wilma Wikström", "Xavier Xu");
        AgreementSigned agreed = new AgreementSigned(started.relationshipId(), new Agreement(
                List.of(new Goal("g1", "pd1:x:y", List.of("a milestone"))), new GroundRules("phone", null, null), null),
                LocalDate.of(2026, 2, 1));
        MeetingRecorded meeting = new MeetingRecorded(started.relationshipId(), "m1", LocalDate.of(2026, 3, 2), 60,
                null, List.of("a task"), MeetingFormat.REMOTE);

        for (Object event : List.of(agreed, meeting)) {
            assertThat(this.<Object>read(plain.serialize(event, byte[].class))).isEqualTo(event);
        }
    }

    private static RelationshipStarted start(String mentorName, String menteeName) {
        String suffix = UUID.randomUUID().toString();
        return new RelationshipStarted(RelationshipId.of("r-" + suffix), "womento-2026",
                new Person("mentor-" + suffix, mentorName), new Person("mentee-" + suffix, menteeName), "fi",
                LocalDate.of(2026, 1, 12));
    }

    /** A start stored as the relationship's first event, so that its pair is known. */
    private static RelationshipStarted storedStart(String mentorName, String menteeName) {
        return storedStart(start(mentorName, menteeName));
    }

    private static RelationshipStarted storedStart(RelationshipStarted started) {
        insertFirstEvent(started, serializer.serialize(started, byte[].class));
        return started;
    }

    private static void insertFirstEvent(RelationshipStarted started, SerializedObject<byte[]> payload) {
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

    private static ObjectNode storedJson(SerializedObject<byte[]> stored) {
        try {
            return (ObjectNode) JSON.readTree(stored.getData());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(JsonNode json) {
        try {
            return JSON.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stored JSON, changed by a test, as the event store would hand it to the serializer. */
    private static SerializedObject<byte[]> asStored(JsonNode payload, Class<?> type) {
        return new SimpleSerializedObject<>(bytes(payload), byte[].class, serializer.typeForClass(type));
    }

    /** All that a failure says: its messages, its causes' and their stack traces. */
    private static String everyMessage(Throwable failure) {
        StringWriter all = new StringWriter();
        failure.printStackTrace(new PrintWriter(all));
        return all.toString();
    }
}
