package fi.mentoringledger.command.relationship;

import static fi.mentoringledger.command.relationship.RelationshipTest.Action.AGREE;
import static fi.mentoringledger.command.relationship.RelationshipTest.Action.AMEND_AGREEMENT;
import static fi.mentoringledger.command.relationship.RelationshipTest.Action.CLOSE;
import static fi.mentoringledger.command.relationship.RelationshipTest.Action.MARK_GOAL_ACHIEVED;
import static fi.mentoringledger.command.relationship.RelationshipTest.Action.PAUSE;
import static fi.mentoringledger.command.relationship.RelationshipTest.Action.RAISE_CONCERN;
import static fi.mentoringledger.command.relationship.RelationshipTest.Action.RECORD_MEETING;
import static fi.mentoringledger.command.relationship.RelationshipTest.Action.RESOLVE_CONCERN;
import static fi.mentoringledger.command.relationship.RelationshipTest.Action.RESUME;
import static fi.mentoringledger.command.relationship.RelationshipTest.Action.SUBMIT_EVALUATION;
import static fi.mentoringledger.command.relationship.RelationshipTest.Action.TERMINATE;
import static fi.mentoringledger.command.relationship.RelationshipTest.History.CLOSED;
import static fi.mentoringledger.command.relationship.RelationshipTest.History.IN_PROGRESS;
import static fi.mentoringledger.command.relationship.RelationshipTest.History.PAUSED_FROM_AGREED;
import static fi.mentoringledger.command.relationship.RelationshipTest.History.PAUSED_FROM_IN_PROGRESS;
import static fi.mentoringledger.command.relationship.RelationshipTest.History.STARTED;
import static fi.mentoringledger.command.relationship.RelationshipTest.History.TERMINATED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.FeatureMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import fi.mentoringledger.api.relationship.Agreement;
import fi.mentoringledger.api.relationship.AgreementAmended;
import fi.mentoringledger.api.relationship.AgreementSigned;
import fi.mentoringledger.api.relationship.AmendAgreement;
import fi.mentoringledger.api.relationship.CloseRelationship;
import fi.mentoringledger.api.relationship.ConcernRaised;
import fi.mentoringledger.api.relationship.ConcernResolved;
import fi.mentoringledger.api.relationship.ErasePersonalData;
import fi.mentoringledger.api.relationship.EvaluationSubmitted;
import fi.mentoringledger.api.relationship.Goal;
import fi.mentoringledger.api.relationship.GoalAchieved;
import fi.mentoringledger.api.relationship.GoalsMet;
import fi.mentoringledger.api.relationship.GroundRules;
import fi.mentoringledger.api.relationship.Initiator;
import fi.mentoringledger.api.relationship.MarkGoalAchieved;
import fi.mentoringledger.api.relationship.MeetingFormat;
import fi.mentoringledger.api.relationship.MeetingRecorded;
import fi.mentoringledger.api.relationship.MetadataKeys;
import fi.mentoringledger.api.relationship.Party;
import fi.mentoringledger.api.relationship.PauseRelationship;
import fi.mentoringledger.api.relationship.PersonalDataErased;
import fi.mentoringledger.api.relationship.Person;
import fi.mentoringledger.api.relationship.RaiseConcern;
import fi.mentoringledger.api.relationship.RecordMeeting;
import fi.mentoringledger.api.relationship.RelationshipClosed;
import fi.mentoringledger.api.relationship.RelationshipId;
import fi.mentoringledger.api.relationship.RelationshipPaused;
import fi.mentoringledger.api.relationship.RelationshipResumed;
import fi.mentoringledger.api.relationship.RelationshipStarted;
import fi.mentoringledger.api.relationship.RelationshipTerminated;
import fi.mentoringledger.api.relationship.ResolveConcern;
import fi.mentoringledger.api.relationship.ResumeRelationship;
import fi.mentoringledger.api.relationship.SignAgreement;
import fi.mentoringledger.api.relationship.Stage;
import fi.mentoringledger.api.relationship.StartRelationship;
import fi.mentoringledger.api.relationship.SubmitEvaluation;
import fi.mentoringledger.api.relationship.TerminateRelationship;
import fi.mentoringledger.api.relationship.TerminationReason;
import fi.mentoringledger.command.relationship.Refusal.Kind;
import fi.mentoringledger.security.Caller;
import fi.mentoringledger.security.Role;

class RelationshipTest {
    static final RelationshipId ID = RelationshipId.of("rel-2025-0042");
    static final LocalDate STARTED_ON = LocalDate.of(2025, 3, 3);
    static final LocalDate DAY_BEFORE_START = STARTED_ON.minusDays(1);
    /** The business date of the action under test: well after every date in the given histories. */
    static final LocalDate ACTION_DAY = LocalDate.of(2025, 9, 15);

    static final Person MENTOR = new Person("person-17", "Aino Virtanen");
    static final Person MENTEE = new Person("person-23", "Leila Haddad");

    static final StartRelationship START = new StartRelationship(ID, "womento-2025", MENTOR, MENTEE, "fi", STARTED_ON);
    static final RelationshipStarted STARTED_EVENT = new RelationshipStarted(ID, "womento-2025", MENTOR, MENTEE, "fi",
            STARTED_ON);

    static final Agreement AGREEMENT = new Agreement(
            List.of(new Goal("goal-job", "Find work as a data analyst", List.of("Update the CV", "Practise interviews")),
                    new Goal("goal-network", "Build a professional network in Finland", List.of())),
            new GroundRules("e-mail and video calls", "every two weeks", "the mentee sends an agenda beforehand"),
            LocalDate.of(2025, 12, 31));
    static final Agreement AMENDED_AGREEMENT = new Agreement(
            List.of(new Goal("goal-job", "Find work as a data analyst", List.of("Update the CV")),
                    new Goal("goal-language", "Run a meeting in Finnish", List.of())),
            new GroundRules("video calls", "monthly", "none"),
            LocalDate.of(2026, 2, 28));

    static final AgreementSigned SIGNED = new AgreementSigned(ID, AGREEMENT, LocalDate.of(2025, 3, 10));
    static final MeetingRecorded FIRST_MEETING = new MeetingRecorded(ID, "meeting-1", LocalDate.of(2025, 3, 17), 60,
            "talked about the CV", List.of("rewrite the CV summary"), MeetingFormat.NOT_RECORDED);
    static final RelationshipPaused PAUSED_EVENT = new RelationshipPaused(ID, "summer holidays", LocalDate.of(2025, 6, 20));
    static final RelationshipClosed CLOSED_EVENT = new RelationshipClosed(ID, LocalDate.of(2025, 9, 1),
            "goals mostly met", true);
    static final RelationshipTerminated TERMINATED_EVENT = new RelationshipTerminated(ID, TerminationReason.LACK_OF_TIME,
            Initiator.MENTEE, "new job takes all her time", LocalDate.of(2025, 4, 2));
    static final ConcernRaised CONCERN_RAISED = new ConcernRaised(ID, "concern-1", Party.MENTEE,
            "meetings keep being cancelled", false, LocalDate.of(2025, 3, 5));

    private FixtureConfiguration<Relationship> fixture;
    private final Set<String> erasedPeople = new HashSet<>();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Relationship.class);
        fixture.registerInjectableResource((ErasedPeople) erasedPeople::contains);
        // The lifecycle is decided for an admin here; who may do what has tests of its own below.
        fixture.registerCommandDispatchInterceptor(messages -> (index, message) -> message.getMetaData()
                .containsKey(MetadataKeys.CALLER) ? message : message.andMetaData(Map.of(MetadataKeys.CALLER, ADMIN)));
    }

    /** The events that bring a relationship to a stage; PAUSED is reached from both stages that can pause. */
    enum History {
        STARTED(Stage.STARTED, STARTED_EVENT),
        AGREED(Stage.AGREED, STARTED_EVENT, SIGNED),
        IN_PROGRESS(Stage.IN_PROGRESS, STARTED_EVENT, SIGNED, FIRST_MEETING),
        PAUSED_FROM_AGREED(Stage.PAUSED, STARTED_EVENT, SIGNED, PAUSED_EVENT),
        PAUSED_FROM_IN_PROGRESS(Stage.PAUSED, STARTED_EVENT, SIGNED, FIRST_MEETING, PAUSED_EVENT),
        CLOSED(Stage.CLOSED, STARTED_EVENT, SIGNED, FIRST_MEETING, CLOSED_EVENT),
        TERMINATED(Stage.TERMINATED, STARTED_EVENT, TERMINATED_EVENT);

        final Stage stage;
        private final List<Object> events;

        History(Stage stage, Object... events) {
            this.stage = stage;
            this.events = List.of(events);
        }

        /** This history, with what an action needs (a raised concern, say) recorded right after the start. */
        List<Object> eventsWith(List<Object> prerequisites) {
            List<Object> all = new ArrayList<>();
            all.add(events.get(0));
            all.addAll(prerequisites);
            all.addAll(events.subList(1, events.size()));
            return all;
        }

        List<Object> events() {
            return eventsWith(List.of());
        }

        /** The version the relationship is at: the sequence number of its last event. */
        long version() {
            return events.size() - 1;
        }

        @Override
        public String toString() {
            return name().replace('_', ' ');
        }
    }

    /** Each action of the lifecycle table after the start: its command, the one event it records, what it needs. */
    enum Action {
        AGREE("agree on goals and ground rules", STARTED) {
            Object command(Long expectedVersion) {
                return new SignAgreement(ID, AGREEMENT, ACTION_DAY, expectedVersion);
            }

            Object event() {
                return new AgreementSigned(ID, AGREEMENT, ACTION_DAY);
            }
        },
        AMEND_AGREEMENT("amend the agreement", History.AGREED) {
            Object command(Long expectedVersion) {
                return new AmendAgreement(ID, AMENDED_AGREEMENT, ACTION_DAY, expectedVersion);
            }

            Object event() {
                return new AgreementAmended(ID, AMENDED_AGREEMENT, ACTION_DAY);
            }
        },
        RECORD_MEETING("record a meeting", IN_PROGRESS) {
            Object command(Long expectedVersion) {
                return new RecordMeeting(ID, "meeting-2", ACTION_DAY, 45, "practised an interview",
                        List.of("apply to two jobs"), MeetingFormat.REMOTE, expectedVersion);
            }

            Object event() {
                return new MeetingRecorded(ID, "meeting-2", ACTION_DAY, 45, "practised an interview",
                        List.of("apply to two jobs"), MeetingFormat.REMOTE);
            }
        },
        MARK_GOAL_ACHIEVED("mark a goal achieved", IN_PROGRESS) {
            Object command(Long expectedVersion) {
                return new MarkGoalAchieved(ID, "goal-job", ACTION_DAY, expectedVersion);
            }

            Object event() {
                return new GoalAchieved(ID, "goal-job", ACTION_DAY);
            }
        },
        RAISE_CONCERN("raise a concern", IN_PROGRESS) {
            Object command(Long expectedVersion) {
                return new RaiseConcern(ID, "concern-2", Party.MENTOR, "the mentee does not prepare", true,
                        ACTION_DAY, expectedVersion);
            }

            Object event() {
                return new ConcernRaised(ID, "concern-2", Party.MENTOR, "the mentee does not prepare", true,
                        ACTION_DAY);
            }
        },
        RESOLVE_CONCERN("resolve a concern", IN_PROGRESS) {
            Object command(Long expectedVersion) {
                return new ResolveConcern(ID, "concern-1", "agreed on fixed meeting days", ACTION_DAY,
                        expectedVersion);
            }

            Object event() {
                return new ConcernResolved(ID, "concern-1", "agreed on fixed meeting days", ACTION_DAY);
            }

            @Override
            List<Object> prerequisites() {
                return List.of(CONCERN_RAISED);
            }
        },
        PAUSE("pause", IN_PROGRESS) {
            Object command(Long expectedVersion) {
                return new PauseRelationship(ID, "parental leave", ACTION_DAY, expectedVersion);
            }

            Object event() {
                return new RelationshipPaused(ID, "parental leave", ACTION_DAY);
            }
        },
        RESUME("resume", PAUSED_FROM_IN_PROGRESS) {
            Object command(Long expectedVersion) {
                return new ResumeRelationship(ID, ACTION_DAY, expectedVersion);
            }

            Object event() {
                return new RelationshipResumed(ID, ACTION_DAY);
            }
        },
        CLOSE("close as completed", IN_PROGRESS) {
            Object command(Long expectedVersion) {
                return new CloseRelationship(ID, ACTION_DAY, "all goals met", false, expectedVersion);
            }

            Object event() {
                return new RelationshipClosed(ID, ACTION_DAY, "all goals met", false);
            }
        },
        TERMINATE("terminate early", History.AGREED) {
            Object command(Long expectedVersion) {
                return new TerminateRelationship(ID, TerminationReason.MISMATCH, Initiator.BOTH, null, ACTION_DAY,
                        expectedVersion);
            }

            Object event() {
                return new RelationshipTerminated(ID, TerminationReason.MISMATCH, Initiator.BOTH, null, ACTION_DAY);
            }
        },
        SUBMIT_EVALUATION("submit an evaluation", CLOSED) {
            Object command(Long expectedVersion) {
                return new SubmitEvaluation(ID, Party.MENTEE, 5, GoalsMet.FULLY, "very helpful", ACTION_DAY,
                        expectedVersion);
            }

            Object event() {
                return new EvaluationSubmitted(ID, Party.MENTEE, 5, GoalsMet.FULLY, "very helpful", ACTION_DAY);
            }
        };

        private final String description;
        /** A history in which the action is allowed. */
        final History allowedAfter;

        Action(String description, History allowedAfter) {
            this.description = description;
            this.allowedAfter = allowedAfter;
        }

        abstract Object command(Long expectedVersion);

        abstract Object event();

        /** Events the action needs besides the stage, recorded right after the start. */
        List<Object> prerequisites() {
            return List.of();
        }

        @Override
        public String toString() {
            return description;
        }
    }

    /**
     * DOMAIN.md's lifecycle table once more, written as a grid rather than derived from the list
     * above, so that the refused pairs are stated, not computed as whatever the list left out:
     * {@code x} allowed, {@code .} refused. Columns: the histories, in {@link History}'s order.
     */
    private static final String LIFECYCLE_GRID = """
                                STARTED AGREED IN_PROGRESS PAUSED_FROM_AGREED PAUSED_FROM_IN_PROGRESS CLOSED TERMINATED
            AGREE               x       .      .           .                  .                       .      .
            AMEND_AGREEMENT     .       x      x           x                  x                       .      .
            RECORD_MEETING      x       x      x           .                  .                       .      .
            MARK_GOAL_ACHIEVED  .       x      x           x                  x                       .      .
            RAISE_CONCERN       x       x      x           x                  x                       .      .
            RESOLVE_CONCERN     x       x      x           x                  x                       .      .
            PAUSE               .       x      x           .                  .                       .      .
            RESUME              .       .      .           x                  x                       .      .
            CLOSE               .       .      x           .                  .                       .      .
            TERMINATE           x       x      x           x                  x                       .      .
            SUBMIT_EVALUATION   .       .      .           .                  .                       x      x
            """;

    /** The grid's cells: action → history → allowed. */
    private static Map<Action, Map<History, Boolean>> lifecycleGrid() {
        List<String> lines = LIFECYCLE_GRID.lines().filter(line -> !line.isBlank()).toList();
        List<History> columns = Arrays.stream(lines.get(0).trim().split("\\s+")).map(History::valueOf).toList();
        Map<Action, Map<History, Boolean>> grid = new java.util.EnumMap<>(Action.class);
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.trim().split("\\s+");
            Map<History, Boolean> row = new java.util.EnumMap<>(History.class);
            for (int i = 1; i < cells.length; i++) {
                row.put(columns.get(i - 1), switch (cells[i]) {
                    case "x" -> true;
                    case "." -> false;
                    default -> throw new IllegalStateException("a cell is x or ., not " + cells[i]);
                });
            }
            grid.put(Action.valueOf(cells[0]), row);
        }
        return grid;
    }

    private static Arguments allowed(Action action, History history, Stage result) {
        return Arguments.of(action, history, result);
    }

    private static RaiseConcern sameConcernAgain() {
        return new RaiseConcern(ID, CONCERN_RAISED.concernId(), CONCERN_RAISED.raisedBy(),
                CONCERN_RAISED.description(), CONCERN_RAISED.organiserContacted(), CONCERN_RAISED.raisedOn(), null);
    }

    /** The one refusal type, of this kind: as strong as a check of the exception's class was. */
    static Matcher<Refusal> refused(Kind kind) {
        return new FeatureMatcher<>(equalTo(kind), "a refusal of kind", "kind") {
            @Override
            protected Kind featureValueOf(Refusal actual) {
                return actual.kind();
            }
        };
    }

    static Matcher<Refusal> violating(String rule) {
        return allOf(refused(Kind.RULE), new FeatureMatcher<>(equalTo(rule), "a violation of the rule", "rule") {
            @Override
            protected String featureValueOf(Refusal actual) {
                return actual.rule();
            }
        });
    }

    static Matcher<Refusal> refusedIn(Stage stage) {
        return allOf(refused(Kind.NOT_ALLOWED_IN_STAGE), new FeatureMatcher<>(equalTo(stage), "a refusal in stage", "stage") {
            @Override
            protected Stage featureValueOf(Refusal actual) {
                return actual.stage();
            }
        });
    }

    static Matcher<Refusal> aboutField(String field) {
        return allOf(refused(Kind.INVALID_DATE), new FeatureMatcher<>(equalTo(field), "an invalid date in field", "field") {
            @Override
            protected String featureValueOf(Refusal actual) {
                return actual.field();
            }
        });
    }

    static final Caller ADMIN = new Caller("admin", Set.of(Role.ADMIN), null, Set.of());
    static final Caller ORGANISER = new Caller("org", Set.of(Role.ORGANISER), null, Set.of("womento-2025"));
    static final Caller OTHER_ORGANISER = new Caller("org2", Set.of(Role.ORGANISER), null, Set.of("other-2025"));
    static final Caller THE_MENTEE = new Caller("leila", Set.of(Role.MENTEE), MENTEE.id(), Set.of());
    static final Caller SOMEONE_ELSE = new Caller("x", Set.of(Role.MENTOR, Role.MENTEE), "person-99", Set.of());

    static Map<String, Object> as(Caller caller) {
        return Map.of(MetadataKeys.CALLER, caller);
    }

    static final PersonalDataErased MENTEE_ERASED = new PersonalDataErased(ID, MENTEE.id(), Party.MENTEE, ACTION_DAY);

    @Nested
    class TheLifecycleTable {

        /** Every action the lifecycle table allows, in every history that reaches an allowed stage, with its result. */
        static Stream<Arguments> actionsTheLifecycleAllows() {
            return Stream.of(
                    allowed(AGREE, STARTED, Stage.AGREED),

                    allowed(AMEND_AGREEMENT, History.AGREED, Stage.AGREED),
                    allowed(AMEND_AGREEMENT, IN_PROGRESS, Stage.IN_PROGRESS),
                    allowed(AMEND_AGREEMENT, PAUSED_FROM_AGREED, Stage.PAUSED),
                    allowed(AMEND_AGREEMENT, PAUSED_FROM_IN_PROGRESS, Stage.PAUSED),

                    allowed(RECORD_MEETING, STARTED, Stage.STARTED),
                    allowed(RECORD_MEETING, History.AGREED, Stage.IN_PROGRESS),
                    allowed(RECORD_MEETING, IN_PROGRESS, Stage.IN_PROGRESS),

                    allowed(MARK_GOAL_ACHIEVED, History.AGREED, Stage.AGREED),
                    allowed(MARK_GOAL_ACHIEVED, IN_PROGRESS, Stage.IN_PROGRESS),
                    allowed(MARK_GOAL_ACHIEVED, PAUSED_FROM_AGREED, Stage.PAUSED),
                    allowed(MARK_GOAL_ACHIEVED, PAUSED_FROM_IN_PROGRESS, Stage.PAUSED),

                    allowed(RAISE_CONCERN, STARTED, Stage.STARTED),
                    allowed(RAISE_CONCERN, History.AGREED, Stage.AGREED),
                    allowed(RAISE_CONCERN, IN_PROGRESS, Stage.IN_PROGRESS),
                    allowed(RAISE_CONCERN, PAUSED_FROM_AGREED, Stage.PAUSED),
                    allowed(RAISE_CONCERN, PAUSED_FROM_IN_PROGRESS, Stage.PAUSED),

                    allowed(RESOLVE_CONCERN, STARTED, Stage.STARTED),
                    allowed(RESOLVE_CONCERN, History.AGREED, Stage.AGREED),
                    allowed(RESOLVE_CONCERN, IN_PROGRESS, Stage.IN_PROGRESS),
                    allowed(RESOLVE_CONCERN, PAUSED_FROM_AGREED, Stage.PAUSED),
                    allowed(RESOLVE_CONCERN, PAUSED_FROM_IN_PROGRESS, Stage.PAUSED),

                    allowed(PAUSE, History.AGREED, Stage.PAUSED),
                    allowed(PAUSE, IN_PROGRESS, Stage.PAUSED),

                    allowed(RESUME, PAUSED_FROM_AGREED, Stage.AGREED),
                    allowed(RESUME, PAUSED_FROM_IN_PROGRESS, Stage.IN_PROGRESS),

                    allowed(CLOSE, IN_PROGRESS, Stage.CLOSED),

                    allowed(TERMINATE, STARTED, Stage.TERMINATED),
                    allowed(TERMINATE, History.AGREED, Stage.TERMINATED),
                    allowed(TERMINATE, IN_PROGRESS, Stage.TERMINATED),
                    allowed(TERMINATE, PAUSED_FROM_AGREED, Stage.TERMINATED),
                    allowed(TERMINATE, PAUSED_FROM_IN_PROGRESS, Stage.TERMINATED),

                    allowed(SUBMIT_EVALUATION, CLOSED, Stage.CLOSED),
                    allowed(SUBMIT_EVALUATION, TERMINATED, Stage.TERMINATED));
        }

        /** The pairs the grid refuses. */
        static Stream<Arguments> actionsTheLifecycleRefuses() {
            return lifecycleGrid().entrySet().stream().flatMap(row -> row.getValue().entrySet().stream()
                    .filter(cell -> !cell.getValue())
                    .map(cell -> Arguments.of(row.getKey(), cell.getKey())));
        }

        @ParameterizedTest(name = "can {0} when {1}, and it becomes {2}")
        @MethodSource("actionsTheLifecycleAllows")
        void canTakeAnActionThatItsStageAllows(Action action, History history, Stage result) {
            List<Object> given = history.eventsWith(action.prerequisites());

            fixture.given(given)
                    .when(action.command(null))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(action.event())
                    .expectResultMessagePayload(new RelationshipStatus(ID, result, given.size()));
        }

        @ParameterizedTest(name = "cannot {0} when {1}")
        @MethodSource("actionsTheLifecycleRefuses")
        void cannotTakeAnActionThatItsStageRefuses(Action action, History history) {
            fixture.given(history.eventsWith(action.prerequisites()))
                    .when(action.command(null))
                    .expectNoEvents()
                    .expectException(refused(Kind.NOT_ALLOWED_IN_STAGE))
                    .expectExceptionMessage(containsString("is " + history.stage + ";"))
                    .expectException(refusedIn(history.stage));
        }

        /**
         * The two statements of the table agree: the grid has a cell for every action in every history,
         * and its allowed cells are exactly the pairs the list of allowed actions (with their results)
         * names. A new action or stage left out of either fails here.
         */
        @Test
        void theLifecycleTableCoversEveryActionInEveryStage() {
            Map<Action, Map<History, Boolean>> grid = lifecycleGrid();
            Set<List<Object>> allowedInList = actionsTheLifecycleAllows()
                    .map(arguments -> List.of(arguments.get()[0], arguments.get()[1]))
                    .collect(Collectors.toSet());
            Set<List<Object>> allowedInGrid = new HashSet<>();
            grid.forEach((action, row) -> row.forEach((history, allowed) -> {
                if (allowed) {
                    allowedInGrid.add(List.of(action, history));
                }
            }));

            assertThat(grid.keySet()).containsExactlyInAnyOrder(Action.values());
            assertThat(grid.values()).allSatisfy(row -> assertThat(row.keySet()).containsExactlyInAnyOrder(History.values()));
            assertThat(allowedInList).hasSize(34).isEqualTo(allowedInGrid);
            assertThat(actionsTheLifecycleRefuses().count()).isEqualTo((long) Action.values().length * History.values().length - 34);
            assertThat(Arrays.stream(History.values()).map(history -> history.stage)).containsAll(List.of(Stage.values()));
        }
    }

    @Nested
    class Starting {

        @Test
        void canStartARelationship() {
            fixture.givenNoPriorActivity()
                    .when(START)
                    .expectEvents(STARTED_EVENT)
                    .expectResultMessagePayload(new RelationshipStatus(ID, Stage.STARTED, 0));
        }

        @Test
        void canStartARelationshipOutsideAnyProgramme() {
            fixture.givenNoPriorActivity()
                    .when(new StartRelationship(ID, null, MENTOR, MENTEE, "en", STARTED_ON))
                    .expectEvents(new RelationshipStarted(ID, null, MENTOR, MENTEE, "en", STARTED_ON))
                    .expectResultMessagePayload(new RelationshipStatus(ID, Stage.STARTED, 0));
        }

        @Test
        void aStartRepeatedWithTheSameContentRecordsNothingAndGivesTheSameAnswer() {
            fixture.given(STARTED_EVENT)
                    .when(START)
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(new RelationshipStatus(ID, Stage.STARTED, 0));
        }

        @Test
        void aStartRepeatedAfterTheRelationshipMovedOnAnswersWithWhereItStandsNow() {
            fixture.given(STARTED_EVENT, SIGNED)
                    .when(START)
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(new RelationshipStatus(ID, Stage.AGREED, 1));
        }

        @Test
        void aStartRepeatedWithTheSameIdButOtherContentIsAConflictingRetry() {
            StartRelationship otherMentee = new StartRelationship(ID, "womento-2025", MENTOR,
                    new Person("person-99", "Someone Else"), "fi", STARTED_ON);

            fixture.given(STARTED_EVENT)
                    .when(otherMentee)
                    .expectNoEvents()
                    .expectException(violating("conflicting-retry"));
        }

        @Test
        void anOrganiserCanStartARelationshipInTheirProgramme() {
            fixture.givenNoPriorActivity()
                    .when(START, as(ORGANISER))
                    .expectEvents(STARTED_EVENT);
        }

        @Test
        void anAdminCanStartARelationshipInAnyProgrammeOrNone() {
            fixture.givenNoPriorActivity()
                    .when(START, as(ADMIN))
                    .expectEvents(STARTED_EVENT);
            fixture.givenNoPriorActivity()
                    .when(new StartRelationship(ID, null, MENTOR, MENTEE, "en", STARTED_ON), as(ADMIN))
                    .expectEvents(new RelationshipStarted(ID, null, MENTOR, MENTEE, "en", STARTED_ON));
        }

        @Test
        void neitherAParticipantNorAnOrganiserOfAnotherProgrammeCanStartARelationship() {
            // A mentee naming themselves is refused too: the programme's organiser forms its pairs (DOMAIN.md).
            for (Caller caller : List.of(THE_MENTEE, SOMEONE_ELSE, OTHER_ORGANISER)) {
                fixture.givenNoPriorActivity()
                        .when(START, as(caller))
                        .expectNoEvents()
                        .expectException(refused(Kind.FORBIDDEN));
            }
            fixture.givenNoPriorActivity()
                    .when(new StartRelationship(ID, null, MENTOR, MENTEE, "en", STARTED_ON), as(ORGANISER))
                    .expectNoEvents()
                    .expectException(refused(Kind.FORBIDDEN));
        }

        @Test
        void aStartNamingAnErasedPersonIsRefusedOnlyToWhoeverMayStartOne() {
            erasedPeople.add(MENTEE.id());
            fixture.givenNoPriorActivity()
                    .when(START, as(ORGANISER))
                    .expectNoEvents()
                    .expectException(refused(Kind.PERSON_ERASED))
                    .expectExceptionMessage(containsString(MENTEE.id()));
            // Whether a person was erased is not every user's to learn: who may start is decided first.
            for (Caller caller : List.of(THE_MENTEE, OTHER_ORGANISER)) {
                fixture.givenNoPriorActivity()
                        .when(START, as(caller))
                        .expectNoEvents()
                        .expectException(refused(Kind.FORBIDDEN));
            }
        }
    }

    @Nested
    class SigningTheAgreement {

        @Test
        void acceptsAnAgreementSignedOnTheDayTheRelationshipStarted() {
            fixture.given(STARTED_EVENT)
                    .when(new SignAgreement(ID, AGREEMENT, STARTED_ON, null))
                    .expectEvents(new AgreementSigned(ID, AGREEMENT, STARTED_ON))
                    .expectResultMessagePayload(new RelationshipStatus(ID, Stage.AGREED, 1));
        }
    }

    @Nested
    class RecordingMeetings {

        @Test
        void theFirstMeetingAfterAgreeingPutsTheRelationshipInProgress() {
            fixture.given(STARTED_EVENT, SIGNED)
                    .when(new RecordMeeting(ID, "meeting-1", LocalDate.of(2025, 3, 17), 60, null, List.of(), null, null))
                    .expectEvents(new MeetingRecorded(ID, "meeting-1", LocalDate.of(2025, 3, 17), 60, null, List.of(),
                            MeetingFormat.NOT_RECORDED))
                    .expectResultMessagePayload(new RelationshipStatus(ID, Stage.IN_PROGRESS, 2));
        }

        @Test
        void aMeetingBeforeAgreeingKeepsTheRelationshipStarted() {
            fixture.given(STARTED_EVENT)
                    .when(new RecordMeeting(ID, "meeting-0", LocalDate.of(2025, 3, 4), 30, null, List.of(), null, null))
                    .expectEvents(new MeetingRecorded(ID, "meeting-0", LocalDate.of(2025, 3, 4), 30, null, List.of(),
                            MeetingFormat.NOT_RECORDED))
                    .expectResultMessagePayload(new RelationshipStatus(ID, Stage.STARTED, 1));
        }

        @Test
        void theFirstMeetingAfterAgreeingPutsInProgressEvenWhenThePairMetBeforeAgreeing() {
            MeetingRecorded meetingBeforeAgreeing = new MeetingRecorded(ID, "meeting-0", LocalDate.of(2025, 3, 4), 30,
                    null, List.of(), MeetingFormat.NOT_RECORDED);

            fixture.given(STARTED_EVENT, meetingBeforeAgreeing, SIGNED)
                    .when(new RecordMeeting(ID, "meeting-1", LocalDate.of(2025, 3, 17), 60, null, List.of(), null, null))
                    .expectEvents(new MeetingRecorded(ID, "meeting-1", LocalDate.of(2025, 3, 17), 60, null, List.of(),
                            MeetingFormat.NOT_RECORDED))
                    .expectResultMessagePayload(new RelationshipStatus(ID, Stage.IN_PROGRESS, 3));
        }

        @Test
        void aMeetingInProgressKeepsTheRelationshipInProgress() {
            fixture.given(STARTED_EVENT, SIGNED, FIRST_MEETING)
                    .when(new RecordMeeting(ID, "meeting-2", LocalDate.of(2025, 3, 31), 90, null, List.of(), null, null))
                    .expectEvents(new MeetingRecorded(ID, "meeting-2", LocalDate.of(2025, 3, 31), 90, null, List.of(),
                            MeetingFormat.NOT_RECORDED))
                    .expectResultMessagePayload(new RelationshipStatus(ID, Stage.IN_PROGRESS, 3));
        }

        @Test
        void cannotRecordAMeetingOnAPausedRelationship() {
            fixture.given(PAUSED_FROM_IN_PROGRESS.events())
                    .when(new RecordMeeting(ID, "meeting-2", ACTION_DAY, 60, null, List.of(), null, null))
                    .expectNoEvents()
                    .expectException(refused(Kind.NOT_ALLOWED_IN_STAGE))
                    .expectExceptionMessage(containsString("is PAUSED"));
        }

        @Test
        void cannotRecordAMeetingOnAClosedRelationship() {
            fixture.given(CLOSED.events())
                    .when(new RecordMeeting(ID, "meeting-2", ACTION_DAY, 60, null, List.of(), null, null))
                    .expectNoEvents()
                    .expectException(refused(Kind.NOT_ALLOWED_IN_STAGE))
                    .expectExceptionMessage(containsString("is CLOSED"));
        }

        @Test
        void aRetriedMeetingRecordsNothing() {
            fixture.given(IN_PROGRESS.events())
                    .when(new RecordMeeting(ID, FIRST_MEETING.meetingId(), FIRST_MEETING.heldOn(),
                            FIRST_MEETING.durationMinutes(), FIRST_MEETING.privateNotes(), FIRST_MEETING.tasks(),
                            FIRST_MEETING.format(), null))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(new RelationshipStatus(ID, Stage.IN_PROGRESS, 2));
        }

        @Test
        void aMeetingRetriedAfterTheRelationshipClosedRecordsNothing() {
            fixture.given(CLOSED.events())
                    .when(new RecordMeeting(ID, FIRST_MEETING.meetingId(), FIRST_MEETING.heldOn(),
                            FIRST_MEETING.durationMinutes(), FIRST_MEETING.privateNotes(), FIRST_MEETING.tasks(),
                            FIRST_MEETING.format(), null))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(new RelationshipStatus(ID, Stage.CLOSED, 3));
        }

        @Test
        void aMeetingRetriedWithTheVersionItWasSentWithRecordsNothing() {
            fixture.given(IN_PROGRESS.events())
                    .when(new RecordMeeting(ID, FIRST_MEETING.meetingId(), FIRST_MEETING.heldOn(),
                            FIRST_MEETING.durationMinutes(), FIRST_MEETING.privateNotes(), FIRST_MEETING.tasks(),
                            FIRST_MEETING.format(), 1L))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(new RelationshipStatus(ID, Stage.IN_PROGRESS, 2));
        }

        @Test
        void aMeetingIdReusedWithOtherContentIsAConflictingRetry() {
            fixture.given(IN_PROGRESS.events())
                    .when(new RecordMeeting(ID, FIRST_MEETING.meetingId(), FIRST_MEETING.heldOn(), 120,
                            FIRST_MEETING.privateNotes(), FIRST_MEETING.tasks(), FIRST_MEETING.format(), null))
                    .expectNoEvents()
                    .expectException(violating("conflicting-retry"))
                    .expectExceptionMessage(containsString(FIRST_MEETING.meetingId()));
        }

        @Test
        void acceptsAMeetingLoggedLate() {
            LocalDate heldBeforeTheOthers = STARTED_ON.plusDays(1);

            fixture.given(IN_PROGRESS.events())
                    .when(new RecordMeeting(ID, "meeting-0", heldBeforeTheOthers, 30, null, List.of(), null, null))
                    .expectEvents(new MeetingRecorded(ID, "meeting-0", heldBeforeTheOthers, 30, null, List.of(),
                            MeetingFormat.NOT_RECORDED))
                    .expectResultMessagePayload(new RelationshipStatus(ID, Stage.IN_PROGRESS, 3));
        }
    }

    @Nested
    class PausingAndResuming {

        @Test
        void canPauseARelationshipInProgress() {
            fixture.given(IN_PROGRESS.events())
                    .when(new PauseRelationship(ID, "summer holidays", LocalDate.of(2025, 6, 20), null))
                    .expectEvents(PAUSED_EVENT)
                    .expectResultMessagePayload(new RelationshipStatus(ID, Stage.PAUSED, 3));
        }

        @Test
        void resumingARelationshipPausedWhileAgreedReturnsItToAgreed() {
            fixture.given(STARTED_EVENT, SIGNED, PAUSED_EVENT)
                    .when(new ResumeRelationship(ID, LocalDate.of(2025, 8, 11), null))
                    .expectEvents(new RelationshipResumed(ID, LocalDate.of(2025, 8, 11)))
                    .expectResultMessagePayload(new RelationshipStatus(ID, Stage.AGREED, 3));
        }

        @Test
        void resumingARelationshipPausedInProgressReturnsItToInProgress() {
            fixture.given(STARTED_EVENT, SIGNED, FIRST_MEETING, PAUSED_EVENT)
                    .when(new ResumeRelationship(ID, LocalDate.of(2025, 8, 11), null))
                    .expectEvents(new RelationshipResumed(ID, LocalDate.of(2025, 8, 11)))
                    .expectResultMessagePayload(new RelationshipStatus(ID, Stage.IN_PROGRESS, 4));
        }

        @Test
        void aRelationshipPausedAgainAfterResumingReturnsToTheStageOfTheLatestPause() {
            RelationshipResumed resumed = new RelationshipResumed(ID, LocalDate.of(2025, 8, 11));
            MeetingRecorded meetingAfterResuming = new MeetingRecorded(ID, "meeting-1", LocalDate.of(2025, 8, 18), 60,
                    null, List.of(), MeetingFormat.NOT_RECORDED);
            RelationshipPaused pausedAgain = new RelationshipPaused(ID, "illness", LocalDate.of(2025, 9, 1));

            fixture.given(STARTED_EVENT, SIGNED, PAUSED_EVENT, resumed, meetingAfterResuming, pausedAgain)
                    .when(new ResumeRelationship(ID, ACTION_DAY, null))
                    .expectEvents(new RelationshipResumed(ID, ACTION_DAY))
                    .expectResultMessagePayload(new RelationshipStatus(ID, Stage.IN_PROGRESS, 6));
        }
    }

    @Nested
    class Terminating {

        static Stream<History> openHistories() {
            return Arrays.stream(History.values()).filter(history -> history.stage.isOpen());
        }

        @ParameterizedTest(name = "can terminate a relationship that is {0}")
        @MethodSource("openHistories")
        void canTerminateARelationshipFromEveryOpenStage(History history) {
            TerminateRelationship terminate = new TerminateRelationship(ID, TerminationReason.RELOCATION,
                    Initiator.MENTOR, "moved to Tampere", ACTION_DAY, null);

            fixture.given(history.events())
                    .when(terminate)
                    .expectEvents(new RelationshipTerminated(ID, TerminationReason.RELOCATION, Initiator.MENTOR,
                            "moved to Tampere", ACTION_DAY))
                    .expectResultMessagePayload(new RelationshipStatus(ID, Stage.TERMINATED, history.version() + 1));
        }

        @ParameterizedTest(name = "cannot terminate a relationship that is {0}")
        @EnumSource(value = History.class, names = {"CLOSED", "TERMINATED"})
        void cannotTerminateAnEndedRelationship(History history) {
            fixture.given(history.events())
                    .when(new TerminateRelationship(ID, TerminationReason.OTHER, Initiator.ORGANISER, null, ACTION_DAY,
                            null))
                    .expectNoEvents()
                    .expectException(refused(Kind.NOT_ALLOWED_IN_STAGE))
                    .expectExceptionMessage(containsString("is " + history.stage));
        }

        @Test
        void anOrganiserCanOnlyTerminateForAnOrganiserDecision() {
            fixture.given(IN_PROGRESS.events())
                    .when(new TerminateRelationship(ID, TerminationReason.ORGANISER_DECISION, Initiator.ORGANISER, null,
                            ACTION_DAY, null), as(ORGANISER))
                    .expectEvents(new RelationshipTerminated(ID, TerminationReason.ORGANISER_DECISION, Initiator.ORGANISER,
                            null, ACTION_DAY));
            fixture.given(IN_PROGRESS.events())
                    .when(new TerminateRelationship(ID, TerminationReason.MISMATCH, Initiator.ORGANISER, null, ACTION_DAY,
                            null), as(ORGANISER))
                    .expectNoEvents()
                    .expectException(refused(Kind.FORBIDDEN));
            fixture.given(IN_PROGRESS.events())
                    .when(new PauseRelationship(ID, "holidays", ACTION_DAY, null), as(ORGANISER))
                    .expectNoEvents()
                    .expectException(refused(Kind.FORBIDDEN));
        }
    }

    @Nested
    class MarkingGoalsAchieved {

        @Test
        void cannotMarkAGoalAchievedTwice() {
            GoalAchieved achieved = new GoalAchieved(ID, "goal-job", LocalDate.of(2025, 5, 5));

            fixture.given(STARTED_EVENT, SIGNED, FIRST_MEETING, achieved)
                    .when(new MarkGoalAchieved(ID, "goal-job", LocalDate.of(2025, 6, 6), null))
                    .expectNoEvents()
                    .expectException(violating("goal-already-achieved"))
                    .expectExceptionMessage(containsString("goal-job"));
        }

        @Test
        void anAchievedGoalStaysAchievedWhenTheAgreementIsAmended() {
            GoalAchieved achieved = new GoalAchieved(ID, "goal-job", LocalDate.of(2025, 5, 5));
            AgreementAmended amended = new AgreementAmended(ID, AMENDED_AGREEMENT, LocalDate.of(2025, 5, 12));

            fixture.given(STARTED_EVENT, SIGNED, FIRST_MEETING, achieved, amended)
                    .when(new MarkGoalAchieved(ID, "goal-job", LocalDate.of(2025, 6, 6), null))
                    .expectNoEvents()
                    .expectException(violating("goal-already-achieved"));
        }

        @Test
        void canMarkAnotherGoalAchievedAfterTheFirst() {
            GoalAchieved achieved = new GoalAchieved(ID, "goal-job", LocalDate.of(2025, 5, 5));

            fixture.given(STARTED_EVENT, SIGNED, FIRST_MEETING, achieved)
                    .when(new MarkGoalAchieved(ID, "goal-network", LocalDate.of(2025, 6, 6), null))
                    .expectEvents(new GoalAchieved(ID, "goal-network", LocalDate.of(2025, 6, 6)))
                    .expectResultMessagePayload(new RelationshipStatus(ID, Stage.IN_PROGRESS, 4));
        }

        @Test
        void canMarkAGoalAddedByAnAmendmentAchieved() {
            AgreementAmended amended = new AgreementAmended(ID, AMENDED_AGREEMENT, LocalDate.of(2025, 5, 12));

            fixture.given(STARTED_EVENT, SIGNED, FIRST_MEETING, amended)
                    .when(new MarkGoalAchieved(ID, "goal-language", LocalDate.of(2025, 6, 6), null))
                    .expectEvents(new GoalAchieved(ID, "goal-language", LocalDate.of(2025, 6, 6)))
                    .expectResultMessagePayload(new RelationshipStatus(ID, Stage.IN_PROGRESS, 4));
        }

        @Test
        void cannotMarkAnUnknownGoalAchieved() {
            fixture.given(IN_PROGRESS.events())
                    .when(new MarkGoalAchieved(ID, "goal-astronaut", ACTION_DAY, null))
                    .expectNoEvents()
                    .expectException(refused(Kind.UNKNOWN))
                    .expectExceptionMessage(containsString("goal-astronaut"));
        }

        @Test
        void cannotMarkAGoalDroppedByAnAmendmentAchieved() {
            AgreementAmended amended = new AgreementAmended(ID, AMENDED_AGREEMENT, LocalDate.of(2025, 5, 12));

            fixture.given(STARTED_EVENT, SIGNED, FIRST_MEETING, amended)
                    .when(new MarkGoalAchieved(ID, "goal-network", ACTION_DAY, null))
                    .expectNoEvents()
                    .expectException(refused(Kind.UNKNOWN))
                    .expectExceptionMessage(containsString("goal-network"));
        }

        @Test
        void aRetriedGoalAchievementRecordsNothing() {
            GoalAchieved achieved = new GoalAchieved(ID, "goal-job", LocalDate.of(2025, 5, 5));

            fixture.given(STARTED_EVENT, SIGNED, FIRST_MEETING, achieved)
                    .when(new MarkGoalAchieved(ID, "goal-job", LocalDate.of(2025, 5, 5), null))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(new RelationshipStatus(ID, Stage.IN_PROGRESS, 3));
        }
    }

    @Nested
    class RaisingAndResolvingConcerns {

        @Test
        void cannotResolveAnUnknownConcern() {
            fixture.given(IN_PROGRESS.events())
                    .when(new ResolveConcern(ID, "concern-404", "talked it through", ACTION_DAY, null))
                    .expectNoEvents()
                    .expectException(refused(Kind.UNKNOWN))
                    .expectExceptionMessage(containsString("concern-404"));
        }

        @Test
        void cannotResolveAConcernTwiceWithADifferentResolution() {
            ConcernResolved resolved = new ConcernResolved(ID, "concern-1", "agreed on fixed meeting days",
                    LocalDate.of(2025, 3, 20));

            fixture.given(STARTED_EVENT, CONCERN_RAISED, SIGNED, resolved)
                    .when(new ResolveConcern(ID, "concern-1", "the organiser stepped in", ACTION_DAY, null))
                    .expectNoEvents()
                    .expectException(violating("concern-already-resolved"));
        }

        @Test
        void aRetriedConcernRecordsNothing() {
            fixture.given(STARTED_EVENT, CONCERN_RAISED, SIGNED)
                    .when(sameConcernAgain())
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(new RelationshipStatus(ID, Stage.AGREED, 2));
        }

        @Test
        void aConcernRetriedAfterTheRelationshipWasTerminatedRecordsNothing() {
            fixture.given(STARTED_EVENT, CONCERN_RAISED, TERMINATED_EVENT)
                    .when(sameConcernAgain())
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(new RelationshipStatus(ID, Stage.TERMINATED, 2));
        }

        @Test
        void aConcernIdReusedWithOtherContentIsAConflictingRetry() {
            fixture.given(STARTED_EVENT, CONCERN_RAISED, SIGNED)
                    .when(new RaiseConcern(ID, CONCERN_RAISED.concernId(), Party.MENTOR, "something else entirely", true,
                            CONCERN_RAISED.raisedOn(), null))
                    .expectNoEvents()
                    .expectException(violating("conflicting-retry"))
                    .expectExceptionMessage(containsString(CONCERN_RAISED.concernId()));
        }

        @Test
        void aRetriedConcernResolutionRecordsNothing() {
            ConcernResolved resolved = new ConcernResolved(ID, "concern-1", "agreed on fixed meeting days",
                    LocalDate.of(2025, 3, 20));

            fixture.given(STARTED_EVENT, CONCERN_RAISED, SIGNED, resolved)
                    .when(new ResolveConcern(ID, "concern-1", "agreed on fixed meeting days", LocalDate.of(2025, 3, 20),
                            null))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(new RelationshipStatus(ID, Stage.AGREED, 3));
        }
    }

    @Nested
    class Evaluating {

        @Test
        void cannotEvaluateTwiceAsTheSameParty() {
            EvaluationSubmitted menteeEvaluation = new EvaluationSubmitted(ID, Party.MENTEE, 4, GoalsMet.PARTLY,
                    "useful", LocalDate.of(2025, 9, 5));

            fixture.given(STARTED_EVENT, SIGNED, FIRST_MEETING, CLOSED_EVENT, menteeEvaluation)
                    .when(new SubmitEvaluation(ID, Party.MENTEE, 2, GoalsMet.NOT, "changed my mind", ACTION_DAY, null))
                    .expectNoEvents()
                    .expectException(violating("evaluation-already-submitted"));
        }

        @Test
        void mentorAndMenteeCanEachEvaluate() {
            EvaluationSubmitted menteeEvaluation = new EvaluationSubmitted(ID, Party.MENTEE, 4, GoalsMet.PARTLY,
                    "useful", LocalDate.of(2025, 9, 5));

            fixture.given(STARTED_EVENT, SIGNED, FIRST_MEETING, CLOSED_EVENT, menteeEvaluation)
                    .when(new SubmitEvaluation(ID, Party.MENTOR, 5, GoalsMet.FULLY, "a motivated mentee", ACTION_DAY,
                            null))
                    .expectEvents(new EvaluationSubmitted(ID, Party.MENTOR, 5, GoalsMet.FULLY, "a motivated mentee",
                            ACTION_DAY))
                    .expectResultMessagePayload(new RelationshipStatus(ID, Stage.CLOSED, 5));
        }

        @Test
        void aDroppedOutMentorCanStillEvaluate() {
            fixture.given(TERMINATED.events())
                    .when(new SubmitEvaluation(ID, Party.MENTOR, 2, GoalsMet.NOT, null, ACTION_DAY, null))
                    .expectEvents(new EvaluationSubmitted(ID, Party.MENTOR, 2, GoalsMet.NOT, null, ACTION_DAY))
                    .expectResultMessagePayload(new RelationshipStatus(ID, Stage.TERMINATED, 2));
        }

        @Test
        void aRetriedEvaluationRecordsNothing() {
            EvaluationSubmitted menteeEvaluation = new EvaluationSubmitted(ID, Party.MENTEE, 4, GoalsMet.PARTLY,
                    "useful", LocalDate.of(2025, 9, 5));

            fixture.given(STARTED_EVENT, SIGNED, FIRST_MEETING, CLOSED_EVENT, menteeEvaluation)
                    .when(new SubmitEvaluation(ID, Party.MENTEE, 4, GoalsMet.PARTLY, "useful", LocalDate.of(2025, 9, 5),
                            null))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(new RelationshipStatus(ID, Stage.CLOSED, 4));
        }
    }

    @Nested
    class ExpectedVersions {

        @Test
        void theVersionIsTheSequenceNumberOfTheLastEvent() {
            ConcernResolved resolved = new ConcernResolved(ID, "concern-1", "agreed on fixed meeting days",
                    LocalDate.of(2025, 3, 20));

            fixture.given(STARTED_EVENT, CONCERN_RAISED, SIGNED, resolved, FIRST_MEETING)
                    .when(new PauseRelationship(ID, "summer holidays", LocalDate.of(2025, 6, 20), 4L))
                    .expectEvents(PAUSED_EVENT)
                    .expectResultMessagePayload(new RelationshipStatus(ID, Stage.PAUSED, 5));
        }

        @ParameterizedTest(name = "can {0} when the expected version is the current one")
        @EnumSource(Action.class)
        void appliesACommandWhoseExpectedVersionIsTheCurrentOne(Action action) {
            List<Object> given = action.allowedAfter.eventsWith(action.prerequisites());
            long current = given.size() - 1;

            fixture.given(given)
                    .when(action.command(current))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(action.event());
        }

        @ParameterizedTest(name = "cannot {0} when the expected version is an older one")
        @EnumSource(Action.class)
        void refusesACommandWhoseExpectedVersionIsStale(Action action) {
            List<Object> given = action.allowedAfter.eventsWith(action.prerequisites());
            long current = given.size() - 1;

            fixture.given(given)
                    .when(action.command(current - 1))
                    .expectNoEvents()
                    .expectException(refused(Kind.STALE_VERSION))
                    .expectExceptionMessage(containsString("at version " + current));
        }

        @Test
        void refusesACommandThatExpectsAVersionNotYetReached() {
            fixture.given(IN_PROGRESS.events())
                    .when(new PauseRelationship(ID, "holidays", ACTION_DAY, 7L))
                    .expectNoEvents()
                    .expectException(refused(Kind.STALE_VERSION));
        }
    }

    @Nested
    class BusinessDates {

        static Stream<Arguments> datesBeforeTheStart() {
            Agreement endingBeforeTheStart = new Agreement(AGREEMENT.goals(), AGREEMENT.groundRules(), DAY_BEFORE_START);
            return Stream.of(
                    dated("agreedOn", STARTED, new SignAgreement(ID, AGREEMENT, DAY_BEFORE_START, null)),
                    dated("plannedEndOn", STARTED, new SignAgreement(ID, endingBeforeTheStart, ACTION_DAY, null)),
                    dated("amendedOn", History.AGREED, new AmendAgreement(ID, AMENDED_AGREEMENT, DAY_BEFORE_START, null)),
                    dated("plannedEndOn", History.AGREED, new AmendAgreement(ID, endingBeforeTheStart, ACTION_DAY, null)),
                    dated("heldOn", History.AGREED,
                            new RecordMeeting(ID, "meeting-x", DAY_BEFORE_START, 60, null, List.of(), null, null)),
                    dated("achievedOn", IN_PROGRESS, new MarkGoalAchieved(ID, "goal-job", DAY_BEFORE_START, null)),
                    dated("raisedOn", IN_PROGRESS,
                            new RaiseConcern(ID, "concern-x", Party.MENTEE, "late", false, DAY_BEFORE_START, null)),
                    dated("resolvedOn", IN_PROGRESS, new ResolveConcern(ID, "concern-1", "done", DAY_BEFORE_START, null)),
                    dated("pausedOn", IN_PROGRESS, new PauseRelationship(ID, "holidays", DAY_BEFORE_START, null)),
                    dated("resumedOn", PAUSED_FROM_IN_PROGRESS, new ResumeRelationship(ID, DAY_BEFORE_START, null)),
                    dated("closedOn", IN_PROGRESS, new CloseRelationship(ID, DAY_BEFORE_START, null, null, null)),
                    dated("terminatedOn", IN_PROGRESS, new TerminateRelationship(ID, TerminationReason.OTHER,
                            Initiator.ORGANISER, null, DAY_BEFORE_START, null)),
                    dated("submittedOn", CLOSED,
                            new SubmitEvaluation(ID, Party.MENTOR, 3, GoalsMet.PARTLY, null, DAY_BEFORE_START, null)));
        }

        private static Arguments dated(String field, History history, Object command) {
            return Arguments.of(field, history, command);
        }

        @ParameterizedTest(name = "refuses {0} before the start")
        @MethodSource("datesBeforeTheStart")
        void refusesABusinessDateBeforeTheRelationshipStarted(String field, History history, Object command) {
            fixture.given(history.eventsWith(List.of(CONCERN_RAISED)))
                    .when(command)
                    .expectNoEvents()
                    .expectException(refused(Kind.INVALID_DATE))
                    .expectException(aboutField(field))
                    .expectExceptionMessage(containsString(field));
        }
    }

    @Nested
    class WhoMayAct {

        @Test
        void aRetryIsComparedWithoutThePairsPrivateTextSoItsAnswerConfirmsNoGuessOfIt() {
            // An admin may act on the relationship but not read its private text: whether a retry with
            // guessed text answers as a retry or as a conflict must not tell whether the guess was right.
            fixture.given(IN_PROGRESS.events())
                    .when(new RecordMeeting(ID, FIRST_MEETING.meetingId(), FIRST_MEETING.heldOn(),
                            FIRST_MEETING.durationMinutes(), "a wrong guess", FIRST_MEETING.tasks(), FIRST_MEETING.format(),
                            null), as(ADMIN))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
            fixture.given(STARTED_EVENT, CONCERN_RAISED, SIGNED)
                    .when(new RaiseConcern(ID, CONCERN_RAISED.concernId(), CONCERN_RAISED.raisedBy(), "a wrong guess",
                            CONCERN_RAISED.organiserContacted(), CONCERN_RAISED.raisedOn(), null), as(ADMIN))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
            ConcernResolved resolved = new ConcernResolved(ID, "concern-1", "agreed on fixed meeting days",
                    LocalDate.of(2025, 3, 20));
            fixture.given(STARTED_EVENT, CONCERN_RAISED, SIGNED, resolved)
                    .when(new ResolveConcern(ID, "concern-1", "a wrong guess", LocalDate.of(2025, 3, 20), null), as(ADMIN))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
            EvaluationSubmitted evaluation = new EvaluationSubmitted(ID, Party.MENTEE, 4, GoalsMet.PARTLY, "useful",
                    LocalDate.of(2025, 9, 5));
            fixture.given(STARTED_EVENT, TERMINATED_EVENT, evaluation)
                    .when(new SubmitEvaluation(ID, Party.MENTEE, 4, GoalsMet.PARTLY, "a wrong guess",
                            LocalDate.of(2025, 9, 5), null), as(ADMIN))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void aRelationshipOfOthersIsHiddenFromAParticipantAndAnOrganiserOfAnotherProgramme() {
            for (Caller caller : List.of(SOMEONE_ELSE, OTHER_ORGANISER)) {
                fixture.given(IN_PROGRESS.events())
                        .when(new PauseRelationship(ID, "holidays", ACTION_DAY, null), as(caller))
                        .expectNoEvents()
                        .expectException(refused(Kind.HIDDEN));
            }
        }

        @Test
        void aMenteeActsForTheirOwnSideOnlyAndLeavesOrganiserDecisionsToOrganisers() {
            fixture.given(TERMINATED.events())
                    .when(new SubmitEvaluation(ID, Party.MENTOR, 5, GoalsMet.FULLY, null, ACTION_DAY, null), as(THE_MENTEE))
                    .expectNoEvents()
                    .expectException(refused(Kind.FORBIDDEN));
            fixture.given(IN_PROGRESS.events())
                    .when(new TerminateRelationship(ID, TerminationReason.ORGANISER_DECISION, Initiator.MENTEE, null,
                            ACTION_DAY, null), as(THE_MENTEE))
                    .expectNoEvents()
                    .expectException(refused(Kind.FORBIDDEN));
            fixture.given(IN_PROGRESS.events())
                    .when(new PauseRelationship(ID, "holidays", ACTION_DAY, null), as(THE_MENTEE))
                    .expectEvents(new RelationshipPaused(ID, "holidays", ACTION_DAY));
        }
    }

    @Nested
    class Erasing {

        @ParameterizedTest
        @EnumSource(History.class)
        void anAdminCanRecordAnErasureInEveryStageTheFinalOnesToo(History history) {
            fixture.given(history.events())
                    .when(new ErasePersonalData(ID, MENTEE.id(), ACTION_DAY), as(ADMIN))
                    .expectEvents(MENTEE_ERASED)
                    .expectResultMessagePayload(new RelationshipStatus(ID, history.stage, history.events().size()));
        }

        @Test
        void erasingTheSameParticipantAgainRecordsNothingMore() {
            fixture.given(STARTED_EVENT, MENTEE_ERASED)
                    .when(new ErasePersonalData(ID, MENTEE.id(), ACTION_DAY.plusDays(1)), as(ADMIN))
                    .expectNoEvents()
                    .expectSuccessfulHandlerExecution();
            fixture.given(STARTED_EVENT, MENTEE_ERASED)
                    .when(new ErasePersonalData(ID, MENTOR.id(), ACTION_DAY), as(ADMIN))
                    .expectEvents(new PersonalDataErased(ID, MENTOR.id(), Party.MENTOR, ACTION_DAY));
        }

        @Test
        void onlyAnAdminMayRecordAnErasure() {
            for (Caller caller : List.of(THE_MENTEE, ORGANISER)) {
                fixture.given(IN_PROGRESS.events())
                        .when(new ErasePersonalData(ID, MENTEE.id(), ACTION_DAY), as(caller))
                        .expectNoEvents()
                        .expectException(refused(Kind.FORBIDDEN));
            }
            fixture.given(IN_PROGRESS.events())
                    .when(new ErasePersonalData(ID, MENTEE.id(), ACTION_DAY), as(SOMEONE_ELSE))
                    .expectNoEvents()
                    .expectException(refused(Kind.HIDDEN));
        }

        @Test
        void anErasureNamesAParticipantOfTheRelationship() {
            fixture.given(IN_PROGRESS.events())
                    .when(new ErasePersonalData(ID, "person-99", ACTION_DAY), as(ADMIN))
                    .expectNoEvents()
                    .expectException(refused(Kind.UNKNOWN));
        }

        /**
         * DOMAIN.md, "Confidentiality": the pair's text, private or personal, is sealed with both keys
         * and gone with either; after an erasure it is refused (it could never be read) while the facts
         * go on being recorded.
         */
        @Test
        void afterAnErasureThePairsTextIsRefusedAndTheFactsGoOn() {
            List<Object> erasedInProgress = new ArrayList<>(IN_PROGRESS.events());
            erasedInProgress.add(CONCERN_RAISED);
            erasedInProgress.add(MENTEE_ERASED);
            List<Object> theirText = List.of(
                    new RecordMeeting(ID, "meeting-9", ACTION_DAY, 45, "she is job hunting", List.of(), null, null),
                    new RecordMeeting(ID, "meeting-9", ACTION_DAY, 45, null, List.of("apply for two jobs"), null, null),
                    new RaiseConcern(ID, "concern-9", Party.MENTOR, "no answers to e-mail", false, ACTION_DAY, null),
                    new RaiseConcern(ID, "concern-9", Party.MENTOR, "no answers to e-mail", true, ACTION_DAY, null),
                    new ResolveConcern(ID, CONCERN_RAISED.concernId(), "talked it through", ACTION_DAY, null),
                    new AmendAgreement(ID, AMENDED_AGREEMENT, ACTION_DAY, null),
                    new PauseRelationship(ID, "holidays", ACTION_DAY, null),
                    new CloseRelationship(ID, ACTION_DAY, "a good year", true, null),
                    new TerminateRelationship(ID, TerminationReason.ORGANISER_DECISION, Initiator.ORGANISER,
                            "she moved abroad", ACTION_DAY, null));
            for (Object command : theirText) {
                fixture.given(erasedInProgress)
                        .when(command, as(ADMIN))
                        .expectNoEvents()
                        .expectException(violating("personal-data-erased"));
            }
            fixture.given(erasedInProgress)
                    .when(new RecordMeeting(ID, "meeting-9", ACTION_DAY, 45, null, List.of(), null, null), as(ADMIN))
                    .expectEvents(new MeetingRecorded(ID, "meeting-9", ACTION_DAY, 45, null, List.of(),
                            MeetingFormat.NOT_RECORDED));
            fixture.given(erasedInProgress)
                    .when(new ResolveConcern(ID, CONCERN_RAISED.concernId(), null, ACTION_DAY, null), as(ADMIN))
                    .expectEvents(new ConcernResolved(ID, CONCERN_RAISED.concernId(), null, ACTION_DAY));
            fixture.given(erasedInProgress)
                    .when(new PauseRelationship(ID, null, ACTION_DAY, null), as(ADMIN))
                    .expectEvents(new RelationshipPaused(ID, null, ACTION_DAY));
            fixture.given(erasedInProgress)
                    .when(new TerminateRelationship(ID, TerminationReason.ORGANISER_DECISION, Initiator.ORGANISER, null,
                            ACTION_DAY, null), as(ADMIN))
                    .expectEvents(new RelationshipTerminated(ID, TerminationReason.ORGANISER_DECISION, Initiator.ORGANISER,
                            null, ACTION_DAY));
            List<Object> erasedAndClosed = new ArrayList<>(CLOSED.events());
            erasedAndClosed.add(MENTEE_ERASED);
            fixture.given(erasedAndClosed)
                    .when(new SubmitEvaluation(ID, Party.MENTOR, 4, GoalsMet.PARTLY, "a good year", ACTION_DAY, null),
                            as(ADMIN))
                    .expectNoEvents()
                    .expectException(violating("personal-data-erased"));
            fixture.given(erasedAndClosed)
                    .when(new SubmitEvaluation(ID, Party.MENTOR, 4, GoalsMet.PARTLY, null, ACTION_DAY, null), as(ADMIN))
                    .expectEvents(new EvaluationSubmitted(ID, Party.MENTOR, 4, GoalsMet.PARTLY, null, ACTION_DAY));
        }
    }
}
