package fi.mentoringledger.command.relationship;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import fi.mentoringledger.api.relationship.Agreement;
import fi.mentoringledger.api.relationship.AmendAgreement;
import fi.mentoringledger.api.relationship.CloseRelationship;
import fi.mentoringledger.api.relationship.CorrectDate;
import fi.mentoringledger.api.relationship.Goal;
import fi.mentoringledger.api.relationship.GroundRules;
import fi.mentoringledger.api.relationship.MarkGoalAchieved;
import fi.mentoringledger.api.relationship.Party;
import fi.mentoringledger.api.relationship.PauseRelationship;
import fi.mentoringledger.api.relationship.Person;
import fi.mentoringledger.api.relationship.RaiseConcern;
import fi.mentoringledger.api.relationship.RecordMeeting;
import fi.mentoringledger.api.relationship.RelationshipCommand;
import fi.mentoringledger.api.relationship.RelationshipId;
import fi.mentoringledger.api.relationship.ReopenRelationship;
import fi.mentoringledger.api.relationship.ResolveConcern;
import fi.mentoringledger.api.relationship.ResumeRelationship;
import fi.mentoringledger.api.relationship.SignAgreement;
import fi.mentoringledger.api.relationship.Stage;
import fi.mentoringledger.api.relationship.StartRelationship;
import fi.mentoringledger.api.relationship.SubmitEvaluation;
import fi.mentoringledger.api.relationship.TerminateRelationship;
import fi.mentoringledger.api.relationship.WithdrawEvaluation;
import fi.mentoringledger.api.relationship.WithdrawMeeting;
import fi.mentoringledger.command.infra.IfMatch;
import fi.mentoringledger.web.InvalidRequestException;
import fi.mentoringledger.web.InvalidRequestException.FieldProblem;
import fi.mentoringledger.command.relationship.RelationshipRequests.AchieveGoalBody;
import fi.mentoringledger.command.relationship.RelationshipRequests.AgreementBody;
import fi.mentoringledger.command.relationship.RelationshipRequests.CloseBody;
import fi.mentoringledger.command.relationship.RelationshipRequests.ConcernBody;
import fi.mentoringledger.command.relationship.RelationshipRequests.CorrectionBody;
import fi.mentoringledger.command.relationship.RelationshipRequests.DateCorrectionBody;
import fi.mentoringledger.command.relationship.RelationshipRequests.EvaluationBody;
import fi.mentoringledger.command.relationship.RelationshipRequests.GoalBody;
import fi.mentoringledger.command.relationship.RelationshipRequests.MeetingBody;
import fi.mentoringledger.command.relationship.RelationshipRequests.PauseBody;
import fi.mentoringledger.command.relationship.RelationshipRequests.PersonBody;
import fi.mentoringledger.command.relationship.RelationshipRequests.ResolveConcernBody;
import fi.mentoringledger.command.relationship.RelationshipRequests.ResumeBody;
import fi.mentoringledger.command.relationship.RelationshipRequests.StartBody;
import fi.mentoringledger.command.relationship.RelationshipRequests.TerminateBody;
import jakarta.validation.Valid;

/**
 * The command API of API.md. It turns a request into a command — filling in the ids and dates a
 * client left out, which the aggregate must not invent — and answers with the relationship's
 * state afterwards. The rules are the aggregate's; this layer only checks the request's shape.
 */
@RestController
@RequestMapping(path = "/api/relationships", produces = MediaType.APPLICATION_JSON_VALUE)
class RelationshipController {

    private static final Pattern ID = Pattern.compile(RelationshipRequests.ID_PATTERN);

    private final RelationshipCommands commands;
    private final Clock clock;

    RelationshipController(RelationshipCommands commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    /** The answer of every command endpoint. */
    record CommandResult(String relationshipId, Stage stage, long version) {

        static CommandResult of(RelationshipStatus status) {
            return new CommandResult(status.relationshipId().value(), status.stage(), status.version());
        }
    }

    @PostMapping
    ResponseEntity<CommandResult> start(@Valid @RequestBody StartBody body) {
        LocalDate today = today();
        RelationshipId id = RelationshipId.of(body.relationshipId() != null
                ? body.relationshipId() : UUID.randomUUID().toString());
        RelationshipStatus status = commands.send(new StartRelationship(id, body.programmeId(),
                person(body.mentor()), person(body.mentee()), body.language(), orToday(body.startedOn(), today)));
        return answer(HttpStatus.CREATED, status);
    }

    @PostMapping("/{id}/agree")
    ResponseEntity<CommandResult> agree(@PathVariable String id, IfMatch ifMatch,
            @Valid @RequestBody AgreementBody body) {
        LocalDate today = today();
        return ok(new SignAgreement(relationshipId(id), agreement(body), orToday(body.agreedOn(), today),
                ifMatch.expectedVersion()));
    }

    @PostMapping("/{id}/agreement-amendments")
    ResponseEntity<CommandResult> amendAgreement(@PathVariable String id,
            IfMatch ifMatch,
            @Valid @RequestBody AgreementBody body) {
        LocalDate today = today();
        try {
            return ok(new AmendAgreement(relationshipId(id), agreement(body), orToday(body.agreedOn(), today),
                    ifMatch.expectedVersion()));
        } catch (Refusal e) {
            // The amendment's date comes in the agreement body's agreedOn: name the field the client sent.
            throw "amendedOn".equals(e.field()) ? new InvalidRequestException("agreedOn", e.reason()) : e;
        }
    }

    @PostMapping("/{id}/meetings")
    ResponseEntity<CommandResult> recordMeeting(@PathVariable String id,
            IfMatch ifMatch,
            @Valid @RequestBody MeetingBody body) {
        return ok(new RecordMeeting(relationshipId(id), orNewId(body.meetingId()), body.heldOn(),
                body.durationMinutes(), body.privateNotes(), body.tasks(), body.format(), ifMatch.expectedVersion()));
    }

    @PostMapping("/{id}/goals/{goalId}/achieve")
    ResponseEntity<CommandResult> achieveGoal(@PathVariable String id, @PathVariable String goalId,
            IfMatch ifMatch,
            @Valid @RequestBody(required = false) AchieveGoalBody body) {
        LocalDate achievedOn = body == null ? null : body.achievedOn();
        LocalDate today = today();
        return ok(new MarkGoalAchieved(relationshipId(id), partId("goalId", goalId), orToday(achievedOn, today),
                ifMatch.expectedVersion()));
    }

    @PostMapping("/{id}/concerns")
    ResponseEntity<CommandResult> raiseConcern(@PathVariable String id,
            IfMatch ifMatch,
            @Valid @RequestBody ConcernBody body) {
        return ok(new RaiseConcern(relationshipId(id), orNewId(body.concernId()), body.raisedBy(),
                body.description(), body.organiserContacted(), today(), ifMatch.expectedVersion()));
    }

    @PostMapping("/{id}/concerns/{concernId}/resolve")
    ResponseEntity<CommandResult> resolveConcern(@PathVariable String id, @PathVariable String concernId,
            IfMatch ifMatch,
            @Valid @RequestBody(required = false) ResolveConcernBody body) {
        return ok(new ResolveConcern(relationshipId(id), partId("concernId", concernId),
                body == null ? null : body.resolution(), today(), ifMatch.expectedVersion()));
    }

    @PostMapping("/{id}/pause")
    ResponseEntity<CommandResult> pause(@PathVariable String id,
            IfMatch ifMatch,
            @Valid @RequestBody PauseBody body) {
        LocalDate today = today();
        return ok(new PauseRelationship(relationshipId(id), body.reason(), orToday(body.pausedOn(), today),
                ifMatch.expectedVersion()));
    }

    @PostMapping("/{id}/resume")
    ResponseEntity<CommandResult> resume(@PathVariable String id,
            IfMatch ifMatch,
            @Valid @RequestBody(required = false) ResumeBody body) {
        LocalDate resumedOn = body == null ? null : body.resumedOn();
        LocalDate today = today();
        return ok(new ResumeRelationship(relationshipId(id), orToday(resumedOn, today), ifMatch.expectedVersion()));
    }

    @PostMapping("/{id}/close")
    ResponseEntity<CommandResult> close(@PathVariable String id,
            IfMatch ifMatch,
            @Valid @RequestBody(required = false) CloseBody body) {
        CloseBody close = body != null ? body : new CloseBody(null, null, null);
        LocalDate today = today();
        return ok(new CloseRelationship(relationshipId(id), orToday(close.closedOn(), today), close.summary(),
                close.continueContact(), ifMatch.expectedVersion()));
    }

    @PostMapping("/{id}/terminate")
    ResponseEntity<CommandResult> terminate(@PathVariable String id,
            IfMatch ifMatch,
            @Valid @RequestBody TerminateBody body) {
        LocalDate today = today();
        return ok(new TerminateRelationship(relationshipId(id), body.reason(), body.initiatedBy(), body.note(),
                orToday(body.terminatedOn(), today), ifMatch.expectedVersion()));
    }

    @PostMapping("/{id}/evaluations")
    ResponseEntity<CommandResult> evaluate(@PathVariable String id,
            IfMatch ifMatch,
            @Valid @RequestBody EvaluationBody body) {
        return ok(new SubmitEvaluation(relationshipId(id), body.by(), body.rating(), body.goalsMet(),
                body.comments(), today(), ifMatch.expectedVersion()));
    }

    @PostMapping("/{id}/meetings/{meetingId}/withdraw")
    ResponseEntity<CommandResult> withdrawMeeting(@PathVariable String id, @PathVariable String meetingId,
            IfMatch ifMatch,
            @Valid @RequestBody CorrectionBody body) {
        return ok(new WithdrawMeeting(relationshipId(id), partId("meetingId", meetingId), body.reason(),
                ifMatch.expectedVersion()));
    }

    @PostMapping("/{id}/date-corrections")
    ResponseEntity<CommandResult> correctDate(@PathVariable String id,
            IfMatch ifMatch,
            @Valid @RequestBody DateCorrectionBody body) {
        return ok(new CorrectDate(relationshipId(id), body.version(), body.correctedDate(), body.reason(),
                ifMatch.expectedVersion()));
    }

    @PostMapping("/{id}/reopen")
    ResponseEntity<CommandResult> reopen(@PathVariable String id,
            IfMatch ifMatch,
            @Valid @RequestBody CorrectionBody body) {
        return ok(new ReopenRelationship(relationshipId(id), body.reason(), ifMatch.expectedVersion()));
    }

    @PostMapping("/{id}/evaluations/{by}/withdraw")
    ResponseEntity<CommandResult> withdrawEvaluation(@PathVariable String id, @PathVariable String by,
            IfMatch ifMatch,
            @Valid @RequestBody CorrectionBody body) {
        return ok(new WithdrawEvaluation(relationshipId(id), party("by", by), body.reason(), ifMatch.expectedVersion()));
    }

    /** {@code mentor} or {@code mentee}, as a path segment. */
    private static Party party(String field, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "mentor" -> Party.MENTOR;
            case "mentee" -> Party.MENTEE;
            default -> throw new InvalidRequestException(field, "must be mentor or mentee");
        };
    }

    private ResponseEntity<CommandResult> ok(RelationshipCommand command) {
        return answer(HttpStatus.OK, commands.send(command));
    }

    private static ResponseEntity<CommandResult> answer(HttpStatus status, RelationshipStatus result) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(status).eTag(Long.toString(result.version()));
        if (status == HttpStatus.CREATED) {
            response.location(URI.create("/api/relationships/" + result.relationshipId().value()));
        }
        return response.body(CommandResult.of(result));
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    private static LocalDate orToday(LocalDate date, LocalDate today) {
        return date != null ? date : today;
    }


    private static RelationshipId relationshipId(String id) {
        return RelationshipId.of(partId("id", id));
    }

    private static String partId(String field, String id) {
        if (!ID.matcher(id).matches()) {
            throw new InvalidRequestException(field, RelationshipRequests.ID_MESSAGE);
        }
        return id;
    }

    private static String orNewId(String id) {
        return id != null ? id : UUID.randomUUID().toString();
    }

    private static Person person(PersonBody body) {
        return new Person(body.id().strip(), body.name().strip());
    }

    private static Agreement agreement(AgreementBody body) {
        List<FieldProblem> duplicates = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<GoalBody> goals = body.goals();
        for (int i = 0; i < goals.size(); i++) {
            String goalId = goals.get(i).goalId();
            if (goalId != null && !seen.add(goalId)) {
                duplicates.add(new FieldProblem("goals[" + i + "].goalId", "repeats goal id " + goalId));
            }
        }
        if (!duplicates.isEmpty()) {
            throw new InvalidRequestException(duplicates);
        }
        Function<GoalBody, Goal> goal = g -> new Goal(orNewId(g.goalId()), g.description(), g.milestones());
        return new Agreement(goals.stream().map(goal).toList(),
                new GroundRules(body.groundRules().contactChannel(), body.groundRules().meetingFrequency(),
                        body.groundRules().preparation()),
                body.plannedEndOn());
    }
}
