package fi.mentoringledger.query.summary;

import java.util.ArrayList;
import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fi.mentoringledger.query.web.ForbiddenException;
import fi.mentoringledger.query.web.RequestParameters;
import fi.mentoringledger.security.Caller;
import fi.mentoringledger.security.Callers;
import fi.mentoringledger.web.InvalidRequestException;
import fi.mentoringledger.web.InvalidRequestException.FieldProblem;

/** A programme's needs-attention thresholds: read and set by its organisers and by admins. */
@RestController
class AttentionThresholdsController {

    static final String PATH = "/api/programmes/{programmeId}/attention-thresholds";
    private static final List<String> FIELDS = List.of("inactiveDays", "pausedDays", "agreementDays");

    private final AttentionThresholds thresholds;
    private final ObjectMapper json;

    AttentionThresholdsController(AttentionThresholds thresholds, ObjectMapper json) {
        this.thresholds = thresholds;
        this.json = json;
    }

    @GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    AttentionThresholds.Thresholds thresholds(@PathVariable String programmeId) {
        return thresholds.of(programme(programmeId, Callers.require()));
    }

    @PutMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    AttentionThresholds.Thresholds set(@PathVariable String programmeId, @RequestBody(required = false) String body) {
        Caller caller = Callers.require();
        String programme = programme(programmeId, caller);
        JsonNode fields = object(body);
        List<FieldProblem> problems = new ArrayList<>();
        fields.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                problems.add(new FieldProblem(name, "is not a field of this request"));
            }
        });
        int inactive = days(fields, "inactiveDays", problems);
        int paused = days(fields, "pausedDays", problems);
        JsonNode agreement = fields.get("agreementDays");
        // left out or null: a late agreement lists no one in this programme
        Integer agreementDays = agreement == null || agreement.isNull() ? null : days(fields, "agreementDays", problems);
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        return thresholds.set(programme, inactive, paused, agreementDays, caller.username());
    }

    /**
     * The thresholds are the programme's organisers' to set (admins': any programme's); a mentor or
     * mentee works with the list as the organiser set it.
     */
    private static String programme(String programmeId, Caller caller) {
        RequestParameters parameters = new RequestParameters();
        String programme = parameters.text("programmeId", programmeId, 200);
        parameters.validate();
        if (!caller.isAdmin() && !caller.organises(programme)) {
            throw new ForbiddenException("a programme's needs-attention thresholds are for its organisers and admins");
        }
        return programme;
    }

    private JsonNode object(String body) {
        try {
            JsonNode node = body == null || body.isBlank() ? null : json.readTree(body);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (JsonProcessingException e) {
            // answered below, as any other body that is not an object
        }
        throw new InvalidRequestException("body", "must be a JSON object with inactiveDays and pausedDays");
    }

    private static int days(JsonNode fields, String name, List<FieldProblem> problems) {
        JsonNode value = fields.get(name);
        if (value == null || value.isNull()) {
            problems.add(new FieldProblem(name, "must not be null"));
            return 0;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < 1
                || value.asInt() > AttentionThresholds.MAX_DAYS) {
            problems.add(new FieldProblem(name, "must be a whole number from 1 to " + AttentionThresholds.MAX_DAYS));
            return 0;
        }
        return value.asInt();
    }
}
