package fi.mentoringledger.eventstore.upcasting;

import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * MeetingRecorded revision 1 to 2. Revision 2 says how the pair met ({@code format}); a meeting
 * recorded before that was asked gets {@code NOT_RECORDED}, said explicitly, so that every reader
 * sees a format and reports can count the unknown ones apart. Works on the stored JSON and the
 * stored class name, which are the contract; it needs no event class.
 */
public class MeetingRecordedFormatUpcaster extends SingleEventUpcaster {

    static final String TYPE = "fi.mentoringledger.api.relationship.MeetingRecorded";
    static final SimpleSerializedType REVISION_1 = new SimpleSerializedType(TYPE, "1");
    static final SimpleSerializedType REVISION_2 = new SimpleSerializedType(TYPE, "2");
    static final String NOT_RECORDED = "NOT_RECORDED";

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return REVISION_1.equals(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(REVISION_2, JsonNode.class, payload -> {
            ObjectNode upcast = ((ObjectNode) payload).deepCopy();
            upcast.put("format", NOT_RECORDED);
            return upcast;
        });
    }
}
