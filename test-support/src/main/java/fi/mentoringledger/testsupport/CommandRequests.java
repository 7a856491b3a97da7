package fi.mentoringledger.testsupport;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import fi.mentoringledger.api.relationship.Agreement;
import fi.mentoringledger.api.relationship.AgreementAmended;
import fi.mentoringledger.api.relationship.AgreementSigned;
import fi.mentoringledger.api.relationship.BusinessDate;
import fi.mentoringledger.api.relationship.ConcernRaised;
import fi.mentoringledger.api.relationship.ConcernResolved;
import fi.mentoringledger.api.relationship.DateCorrected;
import fi.mentoringledger.api.relationship.EvaluationSubmitted;
import fi.mentoringledger.api.relationship.EvaluationWithdrawn;
import fi.mentoringledger.api.relationship.GoalAchieved;
import fi.mentoringledger.api.relationship.MeetingFormat;
import fi.mentoringledger.api.relationship.MeetingRecorded;
import fi.mentoringledger.api.relationship.MeetingWithdrawn;
import fi.mentoringledger.api.relationship.PersonalDataErased;
import fi.mentoringledger.api.relationship.RelationshipClosed;
import fi.mentoringledger.api.relationship.RelationshipEvent;
import fi.mentoringledger.api.relationship.RelationshipPaused;
import fi.mentoringledger.api.relationship.RelationshipReopened;
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
        return ((RelationshipEvent) event).accept(new Requests(id));
    }

    /** Whether the command API lets the client choose the event's business date. */
    public static boolean clientDated(Object event) {
        return BusinessDate.of((RelationshipEvent) event) != null && !(event instanceof ConcernRaised
                || event instanceof ConcernResolved || event instanceof EvaluationSubmitted);
    }

    /** The business date the client gave for the event. */
    public static LocalDate businessDate(Object event) {
        if (!clientDated(event)) {
            throw new IllegalArgumentException("the command API dates " + event + " itself");
        }
        return BusinessDate.of((RelationshipEvent) event);
    }

    private record Requests(String id) implements RelationshipEvent.Visitor<Request> {

        private String base() {
            return "/api/relationships/" + id;
        }

        @Override
        public Request visit(RelationshipStarted e) {
            return new Request("/api/relationships", body("relationshipId", id, "programmeId", e.programmeId(),
                    "mentor", e.mentor(), "mentee", e.mentee(), "language", e.language(), "startedOn", e.startedOn()));
        }

        @Override
        public Request visit(AgreementSigned e) {
            return new Request(base() + "/agree", agreement(e.agreement(), e.agreedOn()));
        }

        @Override
        public Request visit(AgreementAmended e) {
            return new Request(base() + "/agreement-amendments", agreement(e.agreement(), e.amendedOn()));
        }

        @Override
        public Request visit(MeetingRecorded e) {
            return new Request(base() + "/meetings", body("meetingId", e.meetingId(), "heldOn", e.heldOn(),
                    "durationMinutes", e.durationMinutes(), "privateNotes", e.privateNotes(), "tasks", e.tasks(),
                    "format", e.format() == MeetingFormat.NOT_RECORDED ? null : e.format()));
        }

        @Override
        public Request visit(GoalAchieved e) {
            return new Request(base() + "/goals/" + e.goalId() + "/achieve", body("achievedOn", e.achievedOn()));
        }

        @Override
        public Request visit(ConcernRaised e) {
            return new Request(base() + "/concerns", body("concernId", e.concernId(), "raisedBy", e.raisedBy(),
                    "description", e.description(), "organiserContacted", e.organiserContacted()));
        }

        @Override
        public Request visit(ConcernResolved e) {
            return new Request(base() + "/concerns/" + e.concernId() + "/resolve", body("resolution", e.resolution()));
        }

        @Override
        public Request visit(RelationshipPaused e) {
            return new Request(base() + "/pause", body("reason", e.reason(), "pausedOn", e.pausedOn()));
        }

        @Override
        public Request visit(RelationshipResumed e) {
            return new Request(base() + "/resume", body("resumedOn", e.resumedOn()));
        }

        @Override
        public Request visit(RelationshipClosed e) {
            return new Request(base() + "/close", body("closedOn", e.closedOn(), "summary", e.summary(),
                    "continueContact", e.continueContact()));
        }

        @Override
        public Request visit(RelationshipTerminated e) {
            return new Request(base() + "/terminate", body("reason", e.reason(), "initiatedBy", e.initiatedBy(),
                    "note", e.note(), "terminatedOn", e.terminatedOn()));
        }

        @Override
        public Request visit(EvaluationSubmitted e) {
            return new Request(base() + "/evaluations", body("by", e.by(), "rating", e.rating(), "goalsMet",
                    e.goalsMet(), "comments", e.comments()));
        }

        /** An erasure is an admin's request about a person, not about one relationship: {@code POST /api/people/{id}/erasure}. */
        @Override
        public Request visit(PersonalDataErased e) {
            throw new IllegalArgumentException("no relationship command records " + e);
        }

        @Override
        public Request visit(MeetingWithdrawn e) {
            return new Request(base() + "/meetings/" + e.meetingId() + "/withdraw", body("reason", e.reason()));
        }

        @Override
        public Request visit(DateCorrected e) {
            return new Request(base() + "/date-corrections", body("version", e.correctedVersion(), "correctedDate",
                    e.correctedDate(), "reason", e.reason()));
        }

        @Override
        public Request visit(RelationshipReopened e) {
            return new Request(base() + "/reopen", body("reason", e.reason()));
        }

        @Override
        public Request visit(EvaluationWithdrawn e) {
            return new Request(base() + "/evaluations/" + e.by().name().toLowerCase(Locale.ROOT) + "/withdraw",
                    body("reason", e.reason()));
        }
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
