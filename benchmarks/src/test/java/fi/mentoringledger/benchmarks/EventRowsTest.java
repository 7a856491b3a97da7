package fi.mentoringledger.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import fi.mentoringledger.api.relationship.Agreement;
import fi.mentoringledger.api.relationship.AgreementSigned;
import fi.mentoringledger.api.relationship.Goal;
import fi.mentoringledger.api.relationship.GroundRules;
import fi.mentoringledger.api.relationship.Person;
import fi.mentoringledger.api.relationship.RelationshipId;
import fi.mentoringledger.api.relationship.RelationshipStarted;

/**
 * The seeded rows must be the rows the command-service writes. The expected strings are copied from
 * {@code domain_event_entry} rows that the running command-service wrote for the same commands.
 */
class EventRowsTest {

    @Test
    void writesAStartedEventAsTheCommandServiceStoresIt() {
        RelationshipStarted started = new RelationshipStarted(RelationshipId.of("r1"), "womento-2025",
                new Person("p1", "Maija"), new Person("p2", "Amina"), "fi", LocalDate.parse("2025-01-10"));

        EventRows.Row row = EventRows.row(started, "r1", 0, Instant.parse("2026-11-28T13:45:21.018Z"));

        assertThat(new String(row.payload(), StandardCharsets.UTF_8)).isEqualTo("""
                {"relationshipId":{"value":"r1"},"programmeId":"womento-2025","mentor":{"id":"p1","name":"Maija"},\
                "mentee":{"id":"p2","name":"Amina"},"language":"fi","startedOn":"2025-01-10"}""");
        assertThat(row.payloadType()).isEqualTo("fi.mentoringledger.api.relationship.RelationshipStarted");
        assertThat(row.payloadRevision()).isEqualTo("1");
        assertThat(row.timeStamp()).isEqualTo("2026-11-28T13:45:21.018Z");
        assertThat(new String(row.metaData(), StandardCharsets.UTF_8))
                .matches("\\{\"actor\":null,\"correlationId\":\"[0-9a-f-]{36}\"}");
    }

    @Test
    void writesNestedValuesAndNullsAsTheCommandServiceStoresThem() {
        AgreementSigned signed = new AgreementSigned(RelationshipId.of("r1"), new Agreement(
                List.of(new Goal("g1", "First job", List.of("CV")), new Goal("g2", "Network", null)),
                new GroundRules("Teams", "biweekly", null), LocalDate.parse("2025-12-31")),
                LocalDate.parse("2025-01-20"));

        EventRows.Row row = EventRows.row(signed, "r1", 1, Instant.parse("2026-11-28T13:45:22.868Z"));

        assertThat(new String(row.payload(), StandardCharsets.UTF_8)).isEqualTo("""
                {"relationshipId":{"value":"r1"},"agreement":{"goals":[{"goalId":"g1","description":"First job",\
                "milestones":["CV"]},{"goalId":"g2","description":"Network","milestones":[]}],"groundRules":\
                {"contactChannel":"Teams","meetingFrequency":"biweekly","preparation":null},"plannedEndOn":\
                "2025-12-31"},"agreedOn":"2025-01-20"}""");
    }

    @Test
    void aStoredEventWithSealedPersonalDataComparesWithTheSeededTextInItsPlace() throws Exception {
        byte[] stored = """
                {"relationshipId":{"value":"r1"},"programmeId":"womento-2025","mentor":{"id":"p1","name":\
                {"sealed":"pd2","keys":["3f1c0f0e-8f0a-4a53-9d43-0a5b0b5c1e11"],"data":"AAAA"}},"mentee":{"id":"p2",\
                "name":{"sealed":"pd2","keys":["9a4e2b1c-1d2e-4f3a-8b5c-6d7e8f9a0b1c"],"data":"BBBB"}},"language":"fi",\
                "startedOn":"2025-01-10"}""".getBytes(StandardCharsets.UTF_8);
        byte[] plain = """
                {"relationshipId":{"value":"r1"},"programmeId":null,"mentor":{"id":"p1","name":"Maija"},\
                "mentee":{"id":"p2","name":"Amina"},"language":"fi","startedOn":"2025-01-10"}""".getBytes(StandardCharsets.UTF_8);

        assertThat(new String(EventRows.withSealedAsText(stored, RelationshipStarted.class), StandardCharsets.UTF_8)).isEqualTo("""
                {"relationshipId":{"value":"r1"},"programmeId":"womento-2025","mentor":{"id":"p1","name":"sealed"},\
                "mentee":{"id":"p2","name":"sealed"},"language":"fi","startedOn":"2025-01-10"}""");
        assertThat(EventRows.withSealedAsText(plain, RelationshipStarted.class)).isSameAs(plain);
    }

    /** Lists of texts are sealed whole (security review item 11): in their place goes a list holding the text. */
    @Test
    void aSealedListOfTextsAndTextsInListedRecordsCompareAsTheSeededValuesInTheirPlace() throws Exception {
        String sealed = "{\"sealed\":\"pd2\",\"keys\":[\"3f1c0f0e-8f0a-4a53-9d43-0a5b0b5c1e11\"],\"data\":\"AAAA\"}";
        byte[] stored = ("{\"relationshipId\":{\"value\":\"r1\"},\"agreement\":{\"goals\":[{\"goalId\":\"g1\","
                + "\"description\":" + sealed + ",\"milestones\":" + sealed + "}],\"groundRules\":{\"contactChannel\":"
                + sealed + ",\"meetingFrequency\":null,\"preparation\":null},\"plannedEndOn\":null},"
                + "\"agreedOn\":\"2025-01-20\"}").getBytes(StandardCharsets.UTF_8);

        byte[] compared = EventRows.withSealedAsText(stored, AgreementSigned.class);

        assertThat(new String(compared, StandardCharsets.UTF_8)).isEqualTo("{\"relationshipId\":{\"value\":\"r1\"},"
                + "\"agreement\":{\"goals\":[{\"goalId\":\"g1\",\"description\":\"sealed\",\"milestones\":[\"sealed\"]}],"
                + "\"groundRules\":{\"contactChannel\":\"sealed\",\"meetingFrequency\":null,\"preparation\":null},"
                + "\"plannedEndOn\":null},\"agreedOn\":\"2025-01-20\"}");
        assertThat(EventRows.EVENT_JSON.writeValueAsBytes(EventRows.EVENT_JSON.readValue(compared, AgreementSigned.class)))
                .isEqualTo(compared);
    }

    @Test
    void numbersARelationshipsEventsFromZero() {
        Lifecycle.Plan plan = Lifecycle.plan("bench-1", new java.util.Random(3), LocalDate.parse("2026-11-27"));

        List<EventRows.Row> rows = EventRows.rows(plan, new java.util.Random(3));

        assertThat(rows).extracting(EventRows.Row::sequenceNumber)
                .containsExactlyElementsOf(java.util.stream.LongStream.range(0, plan.steps().size()).boxed().toList());
        assertThat(rows).allSatisfy(row -> assertThat(row.aggregateIdentifier()).isEqualTo("bench-1"));
        assertThat(rows.get(0).payloadType()).endsWith(".RelationshipStarted");
    }
}
