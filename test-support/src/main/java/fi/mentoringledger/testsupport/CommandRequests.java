package fi.mentoringledger.testsupport;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import fi.mentoringledger.api.relationship.Agreement;
import fi.mentoringledger.api.relationship.AgreementAmended;
import fi.mentoringledger.api.relationship.AgreementSigned;
import fi.mentoringledger.api.relationship.ConcernRaised;
import fi.mentoringledger.api.relationship.ConcernResolved;
import fi.mentoringledger.api.relationship.EvaluationSubmitted;
import fi.mentoringledger.api.relationship.GoalAchieved;
import fi.mentoringledger.api.relationship.MeetingFormat;
import fi.mentoringledger.api.relationship.MeetingRecorded;
import fi.mentoringledger.api.relationship.RelationshipClosed;
import fi.mentoringledger.api.relationship.RelationshipPaused;
import fi.mentoringledger.api.relationship.RelationshipResumed;
import fi.mentoringledger.api.relationship.RelationshipStarted;
import fi.mentoringledger.api.relationship.RelationshipTerminated;

/**
 * The command-API request (API.md, command side) that records a given event: the one mapping from
 * the lifecycle's events to the commands that record them, for the tests that drive the
 * command-service with generated lifecycles and for the benchmark's load, which sends its
 * generated plans the same way.
 */
public final class CommandRequests {

    /** Absent fields stay out of the body, nested ones too (an agreement's ground rules without preparation). */
    private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .serializationInclusion(JsonInclude.Include.NON_NULL).build();

    private CommandRequests() {
    }

    /** The path and body that record this event; ids and dates are the client's own. */
    public static Request of(String id, Object event) {
        String base = "/api/relationships/" + id;
        if (event instanceof RelationshipStarted e) {
            return new Request("/api/relationships", body("relationshipId", id, "programmeId", e.programmeId(),
                    "mentor", e.mentor(), "mentee", e.mentee(), "language", e.language(), "startedOn", e.startedOn()));
        } else if (event instanceof AgreementSigned e) {
            return new Request(base + "/agree", agreement(e.agreement(), e.agreedOn()));
        } else if (event instanceof AgreementAmended e) {
            return new Request(base + "/agreement-amendments", agreement(e.agreement(), e.amendedOn()));
        } else if (event instanceof MeetingRecorded e) {
            return new Request(base + "/meetings", body("meetingId", e.meetingId(), "heldOn", e.heldOn(),
                    "durationMinutes", e.durationMinutes(), "privateNotes", e.privateNotes(), "tasks", e.tasks(),
                    "format", e.format() == MeetingFormat.NOT_RECORDED ? null : e.format()));
        } else if (event instanceof GoalAchieved e) {
            return new Request(base + "/goals/" + e.goalId() + "/achieve", body("achievedOn", e.achievedOn()));
        } else if (event instanceof ConcernRaised e) {
            return new Request(base + "/concerns", body("concernId", e.concernId(), "raisedBy", e.raisedBy(),
                    "description", e.description(), "organiserContacted", e.organiserContacted()));
        } else if (event instanceof ConcernResolved e) {
            return new Request(base + "/concerns/" + e.concernId() + "/resolve", body("resolution", e.resolution()));
        } else if (event instanceof RelationshipPaused e) {
            return new Request(base + "/pause", body("reason", e.reason(), "pausedOn", e.pausedOn()));
        } else if (event instanceof RelationshipResumed e) {
            return new Request(base + "/resume", body("resumedOn", e.resumedOn()));
        } else if (event instanceof RelationshipClosed e) {
            return new Request(base + "/close", body("closedOn", e.closedOn(), "summary", e.summary(),
                    "continueContact", e.continueContact()));
        } else if (event instanceof RelationshipTerminated e) {
            return new Request(base + "/terminate", body("reason", e.reason(), "initiatedBy", e.initiatedBy(),
                    "note", e.note(), "terminatedOn", e.terminatedOn()));
        } else if (event instanceof EvaluationSubmitted e) {
            return new Request(base + "/evaluations", body("by", e.by(), "rating", e.rating(), "goalsMet",
                    e.goalsMet(), "comments", e.comments()));
        }
        throw new IllegalArgumentException("no command records " + event);
    }

    /** Whether the command API lets the client choose the event's business date. */
    public static boolean clientDated(Object event) {
        return !(event instanceof ConcernRaised || event instanceof ConcernResolved
                || event instanceof EvaluationSubmitted);
    }

    /** The business date the client gave for the event. */
    public static LocalDate businessDate(Object event) {
        if (event instanceof RelationshipStarted e) {
            return e.startedOn();
        } else if (event instanceof AgreementSigned e) {
            return e.agreedOn();
        } else if (event instanceof AgreementAmended e) {
            return e.amendedOn();
        } else if (event instanceof MeetingRecorded e) {
            return e.heldOn();
        } else if (event instanceof GoalAchieved e) {
            return e.achievedOn();
        } else if (event instanceof RelationshipPaused e) {
            return e.pausedOn();
        } else if (event instanceof RelationshipResumed e) {
            return e.resumedOn();
        } else if (event instanceof RelationshipClosed e) {
            return e.closedOn();
        } else if (event instanceof RelationshipTerminated e) {
            return e.terminatedOn();
        }
        throw new IllegalArgumentException("the command API dates " + event + " itself");
    }

    private static String agreement(Agreement agreement, Object on) {
        List<Map<String, Object>> goals = agreement.goals().stream()
                .map(goal -> Map.<String, Object>of("goalId", goal.goalId(), "description", goal.description(),
                        "milestones", goal.milestones()))
                .toList();
        return body("goals", goals, "groundRules", agreement.groundRules(), "plannedEndOn", agreement.plannedEndOn(),
                "agreedOn", on);
    }

    private static String body(Object... keysAndValues) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                body.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public record Request(String path, String body) {
    }
}
