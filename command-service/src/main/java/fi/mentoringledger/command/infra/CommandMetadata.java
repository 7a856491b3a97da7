package fi.mentoringledger.command.infra;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

import fi.mentoringledger.api.relationship.MetadataKeys;
import fi.mentoringledger.eventstore.personaldata.CryptoShreddingSerializer;
import fi.mentoringledger.security.Caller;
import fi.mentoringledger.security.Callers;

/**
 * The metadata every command (and so every event it records) carries: the correlation id of the
 * HTTP request, so that an organiser's question "what else did this request do" has an answer,
 * and the acting user's name, which the audit history shows (sealed as personal data when the actor
 * is a mentor or mentee: see {@link CryptoShreddingSerializer}). The signed-in caller (roles, person
 * id, programmes) travels with the command only, for the aggregate to decide who may do what: it
 * is not copied onto the events.
 */
@Component
public class CommandMetadata {

    public static final String CORRELATION_HEADER = "X-Correlation-Id";

    /** Client-chosen correlation ids are echoed into logs and events: keep them short and plain. */
    private static final Pattern SAFE_CORRELATION_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** The correlation id of the current request: the client's when it is safe, else a new one. */
    public static String correlationIdFor(String requested) {
        return requested != null && SAFE_CORRELATION_ID.matcher(requested).matches()
                ? requested
                : UUID.randomUUID().toString();
    }

    public Map<String, Object> current() {
        Map<String, Object> metadata = new HashMap<>();
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        Object correlationId = request == null ? null
                : request.getAttribute(MetadataKeys.CORRELATION_ID, RequestAttributes.SCOPE_REQUEST);
        metadata.put(MetadataKeys.CORRELATION_ID, correlationId != null ? correlationId : UUID.randomUUID().toString());
        Optional<Caller> caller = Callers.current();
        metadata.put(MetadataKeys.ACTOR, caller.map(Caller::username).orElse(null));
        caller.filter(Caller::isParticipant).ifPresent(participant -> metadata.put(MetadataKeys.ACTOR_PERSON_ID, participant.personId()));
        caller.ifPresent(signedIn -> metadata.put(MetadataKeys.CALLER, signedIn));
        return metadata;
    }
}
