package fi.mentoringledger.command.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.NoOpEventUpcaster;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import fi.mentoringledger.api.relationship.MeetingFormat;
import fi.mentoringledger.api.relationship.MeetingRecorded;
import fi.mentoringledger.api.relationship.RelationshipId;
import fi.mentoringledger.eventstore.EventSerialization;
import fi.mentoringledger.eventstore.upcasting.MeetingRecordedFormatUpcaster;

/**
 * MeetingRecorded revision 1, as stored before meetings had a format, read through the upcaster on
 * the stored JSON, with the serializer the services use.
 */
class EventEvolutionTest {

    static final String TYPE = "fi.mentoringledger.api.relationship.MeetingRecorded";
    static final ObjectMapper JSON = EventSerialization.eventObjectMapper();
    static final JacksonSerializer SERIALIZER = JacksonSerializer.builder().objectMapper(JSON).build();
    static final MeetingRecordedFormatUpcaster UPCASTER = new MeetingRecordedFormatUpcaster();

    /** A meeting as revision 1 stored it. */
    static final String REVISION_1 = """
            {"relationshipId":{"value":"legacy-7"},"meetingId":"m-1","heldOn":"2024-05-02","durationMinutes":60,
             "privateNotes":"talked about the CV","tasks":["rewrite the summary"]}""";
    /** The same meeting as the aggregate records it today when the client names no format. */
    static final MeetingRecorded TODAY = new MeetingRecorded(RelationshipId.of("legacy-7"), "m-1", LocalDate.of(2024, 5, 2),
            60, "talked about the CV", List.of("rewrite the summary"), MeetingFormat.NOT_RECORDED);

    static DomainEventData<byte[]> stored(String type, String revision, String payload) {
        return new GenericDomainEventEntry<>("Relationship", "legacy-7", 2, "event-1", Instant.parse("2024-05-02T10:00:00Z"),
                type, revision, payload.getBytes(StandardCharsets.UTF_8),
                "{\"correlationId\":\"legacy\",\"actor\":null}".getBytes(StandardCharsets.UTF_8));
    }

    static List<IntermediateEventRepresentation> upcast(DomainEventData<byte[]> event) {
        return UPCASTER.upcast(Stream.of(new InitialEventRepresentation(event, SERIALIZER))).toList();
    }

    @Test
    void theRevisionOneFixtureIsTheShapeMeetingsWereStoredIn() throws Exception {
        ObjectNode written = (ObjectNode) JSON.readTree(JSON.writeValueAsBytes(TODAY));
        written.remove("format");
        assertThat(written).isEqualTo(JSON.readTree(REVISION_1));
    }

    @Test
    void aRevisionOneMeetingBecomesRevisionTwoWithTheFormatNotRecordedAndNothingElseChanged() throws Exception {
        List<IntermediateEventRepresentation> upcast = upcast(stored(TYPE, "1", REVISION_1));

        assertThat(upcast).hasSize(1);
        IntermediateEventRepresentation meeting = upcast.get(0);
        assertThat(meeting.getType()).isEqualTo(new SimpleSerializedType(TYPE, "2"));
        ObjectNode expected = (ObjectNode) JSON.readTree(REVISION_1);
        expected.put("format", "NOT_RECORDED");
        assertThat(meeting.getData(JsonNode.class).getData()).isEqualTo(expected);
        assertThat(meeting.getAggregateIdentifier()).contains("legacy-7");
        assertThat(meeting.getSequenceNumber()).contains(2L);
        assertThat(meeting.getMessageIdentifier()).isEqualTo("event-1");
        assertThat(meeting.getMetaData().getObject().get("correlationId")).isEqualTo("legacy");
    }

    @Test
    void revisionTwoMeetingsAndOtherEventsPassUnchanged() {
        String revision2 = REVISION_1.replace("}", ",\"format\":\"REMOTE\"}");
        assertThat(upcast(stored(TYPE, "2", revision2))).singleElement().satisfies(event -> {
            assertThat(event.getType().getRevision()).isEqualTo("2");
            assertThat(event.getData(String.class).getData()).isEqualTo(revision2);
        });
        String paused = "{\"relationshipId\":{\"value\":\"legacy-7\"},\"reason\":\"summer\",\"pausedOn\":\"2024-06-01\"}";
        assertThat(upcast(stored("fi.mentoringledger.api.relationship.RelationshipPaused", "1", paused))).singleElement()
                .satisfies(event -> assertThat(event.getData(String.class).getData()).isEqualTo(paused));
    }

    @Test
    void anUpcastMeetingEqualsTheOneTheAggregateRecordsTodayWithoutAFormat() {
        Object payload = EventStreamUtils.upcastAndDeserializeDomainEvents(Stream.of(stored(TYPE, "1", REVISION_1)),
                SERIALIZER, UPCASTER).next().getPayload();

        assertThat(payload).isEqualTo(TODAY);
    }

    @Test
    void withoutTheUpcasterARevisionOneMeetingCannotBeRead() {
        assertThatThrownBy(() -> EventStreamUtils.upcastAndDeserializeDomainEvents(Stream.of(stored(TYPE, "1", REVISION_1)),
                SERIALIZER, NoOpEventUpcaster.INSTANCE).next().getPayload())
                .hasStackTraceContaining("format");
    }
}
