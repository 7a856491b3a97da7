package fi.mentoringledger.command.relationship;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import fi.mentoringledger.api.relationship.Agreement;
import fi.mentoringledger.api.relationship.AmendAgreement;
import fi.mentoringledger.api.relationship.CloseRelationship;
import fi.mentoringledger.api.relationship.Goal;
import fi.mentoringledger.api.relationship.GroundRules;
import fi.mentoringledger.api.relationship.MarkGoalAchieved;
import fi.mentoringledger.api.relationship.PauseRelationship;
import fi.mentoringledger.api.relationship.Person;
import fi.mentoringledger.api.relationship.RaiseConcern;
import fi.mentoringledger.api.relationship.RecordMeeting;
import fi.mentoringledger.api.relationship.RelationshipId;
import fi.mentoringledger.api.relationship.ResolveConcern;
import fi.mentoringledger.api.relationship.ResumeRelationship;
import fi.mentoringledger.api.relationship.SignAgreement;
import fi.mentoringledger.api.relationship.Stage;
import fi.mentoringledger.api.relationship.StartRelationship;
import fi.mentoringledger.api.relationship.SubmitEvaluation;
import fi.mentoringledger.api.relationship.TerminateRelationship;
import fi.mentoringledger.command.infra.InvalidRequestException;
import fi.mentoringledger.command.infra.InvalidRequestException.FieldProblem;
import fi.mentoringledger.command.relationship.RelationshipRequests.AchieveGoalBody;
import fi.mentoringledger.command.relationship.RelationshipRequests.AgreementBody;
import fi.mentoringledger.command.relationship.RelationshipRequests.CloseBody;
import fi.mentoringledger.command.relationship.RelationshipRequests.ConcernBody;
import fi.mentoringledger.command.relationship.RelationshipRequests.EvaluationBody;
import fi.mentoringledger.command.relationship.RelationshipRequests.GoalBody;
import fi.mentoringledger.command.relationship.RelationshipRequests.MeetingBody;
import fi.mentoringledger.command.relationship.RelationshipRequests.PauseBody;
import fi.mentoringledger.command.relationship.RelationshipRequests.PersonBody;
import fi.mentoringledger.command.relationship.RelationshipRequests.ResolveConcernBody;
import fi.mentoringledger.command.relationship.RelationshipRequests.ResumeBody;
import fi.mentoringledger.command.relationship.RelationshipRequests.StartBody;
import fi.mentoringledger.command.relationship.RelationshipRequests.TerminateBody;
import fi.mentoringledger.eventstore.personaldata.PersonErasedException;
import fi.mentoringledger.eventstore.personaldata.PersonalDataKeys;
import fi.mentoringledger.security.Callers;
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
    private static final Pattern VERSION = Pattern.compile("(?:W/)?(?:\"(\\d{1,18})\"|(\\d{1,18}))");

    private final RelationshipCommands commands;
    private final PersonalDataKeys keys;
    private final Clock clock;

    RelationshipController(RelationshipCommands commands, PersonalDataKeys keys, Clock clock) {
        this.commands = commands;
        this.keys = keys;
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
        // Who may start comes first: whether a person was erased is not every user's to learn.
        RelationshipAccess.requireMayStart(Callers.current().orElse(null), body.programmeId());
        for (PersonBody person : List.of(body.mentor(), body.mentee())) {
            // An erased person gets no new key: what a start would write about them could never be read.
            keys.erasure(person.id()).ifPresent(erased -> {
                throw new PersonErasedException(person.id());
            });
        }
        RelationshipStatus status = commands.send(new StartRelationship(id, body.programmeId(),
                person(body.mentor()), person(body.mentee()), body.language(), orToday(body.startedOn(), today)));
        return answer(HttpStatus.CREATED, status);
    }

    @PostMapping("/{id}/agree")
    ResponseEntity<CommandResult> agree(@PathVariable String id, @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody AgreementBody body) {
        LocalDate today = today();
        return ok(new SignAgreement(relationshipId(id), agreement(body), orToday(body.agreedOn(), today),
                expectedVersion(ifMatch)));
    }

    @PostMapping("/{id}/agreement-amendments")
    ResponseEntity<CommandResult> amendAgreement(@PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody AgreementBody body) {
        LocalDate today = today();
        try {
            return ok(new AmendAgreement(relationshipId(id), agreement(body), orToday(body.agreedOn(), today),
                    expectedVersion(ifMatch)));
        } catch (InvalidBusinessDateException e) {
            // The amendment's date comes in the agreement body's agreedOn: name the field the client sent.
            throw e.field().equals("amendedOn") ? new InvalidRequestException("agreedOn", e.reason()) : e;
        }
    }

    @PostMapping("/{id}/meetings")
    ResponseEntity<CommandResult> recordMeeting(@PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody MeetingBody body) {
        return ok(new RecordMeeting(relationshipId(id), orNewId(body.meetingId()), body.heldOn(),
                body.durationMinutes(), body.privateNotes(), body.tasks(), body.format(), expectedVersion(ifMatch)));
    }

    @PostMapping("/{id}/goals/{goalId}/achieve")
    ResponseEntity<CommandResult> achieveGoal(@PathVariable String id, @PathVariable String goalId,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody(required = false) AchieveGoalBody body) {
        LocalDate achievedOn = body == null ? null : body.achievedOn();
        LocalDate today = today();
        return ok(new MarkGoalAchieved(relationshipId(id), partId("goalId", goalId), orToday(achievedOn, today),
                expectedVersion(ifMatch)));
    }

    @PostMapping("/{id}/concerns")
    ResponseEntity<CommandResult> raiseConcern(@PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody ConcernBody body) {
        return ok(new RaiseConcern(relationshipId(id), orNewId(body.concernId()), body.raisedBy(),
                body.description(), body.organiserContacted(), today(), expectedVersion(ifMatch)));
    }

    @PostMapping("/{id}/concerns/{concernId}/resolve")
    ResponseEntity<CommandResult> resolveConcern(@PathVariable String id, @PathVariable String concernId,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody(required = false) ResolveConcernBody body) {
        return ok(new ResolveConcern(relationshipId(id), partId("concernId", concernId),
                body == null ? null : body.resolution(), today(), expectedVersion(ifMatch)));
    }

    @PostMapping("/{id}/pause")
    ResponseEntity<CommandResult> pause(@PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody PauseBody body) {
        LocalDate today = today();
        return ok(new PauseRelationship(relationshipId(id), body.reason(), orToday(body.pausedOn(), today),
                expectedVersion(ifMatch)));
    }

    @PostMapping("/{id}/resume")
    ResponseEntity<CommandResult> resume(@PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody(required = false) ResumeBody body) {
        LocalDate resumedOn = body == null ? null : body.resumedOn();
        LocalDate today = today();
        return ok(new ResumeRelationship(relationshipId(id), orToday(resumedOn, today), expectedVersion(ifMatch)));
    }

    @PostMapping("/{id}/close")
    ResponseEntity<CommandResult> close(@PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody(required = false) CloseBody body) {
        CloseBody close = body != null ? body : new CloseBody(null, null, null);
        LocalDate today = today();
        return ok(new CloseRelationship(relationshipId(id), orToday(close.closedOn(), today), close.summary(),
                close.continueContact(), expectedVersion(ifMatch)));
    }

    @PostMapping("/{id}/terminate")
    ResponseEntity<CommandResult> terminate(@PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody TerminateBody body) {
        LocalDate today = today();
        return ok(new TerminateRelationship(relationshipId(id), body.reason(), body.initiatedBy(), body.note(),
                orToday(body.terminatedOn(), today), expectedVersion(ifMatch)));
    }

    @PostMapping("/{id}/evaluations")
    ResponseEntity<CommandResult> evaluate(@PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody EvaluationBody body) {
        return ok(new SubmitEvaluation(relationshipId(id), body.by(), body.rating(), body.goalsMet(),
                body.comments(), today(), expectedVersion(ifMatch)));
    }

    private ResponseEntity<CommandResult> ok(Object command) {
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

    /** If-Match carries the version the client last saw: 3, "3" or W/"3"; * means any. */
    private static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        Matcher matcher = VERSION.matcher(ifMatch.trim());
        if (!matcher.matches()) {
            throw new InvalidRequestException("If-Match", "must be the relationship's version, such as \"3\"");
        }
        return Long.parseLong(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
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
