package fi.mentoringledger.query.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import fi.mentoringledger.api.relationship.Party;
import fi.mentoringledger.api.relationship.TerminationReason;
import fi.mentoringledger.query.processing.ProjectionGenerations;
import fi.mentoringledger.query.support.Journey;
import fi.mentoringledger.query.support.Projector;
import fi.mentoringledger.query.support.ReadModelDatabase;

/**
 * Reports count the facts as corrected (DOMAIN.md, "Corrections"): a relationship recorded with a
 * mistake and then corrected leaves the same report facts and counters as the same relationship
 * recorded right the first time, whether its events come in one batch or one by one.
 */
class OutcomeCorrectionsTest {

    private static final LocalDate START = LocalDate.of(2025, 1, 31);

    @RegisterExtension
    static final ReadModelDatabase db = ReadModelDatabase.emptiedBeforeEach();
    private static Projector projector;

    @BeforeAll
    static void projections() {
        projector = new Projector(new OutcomeProjection(db.namedJdbc(), new ProjectionGenerations(db.jdbc())));
    }

    static Stream<Arguments> corrections() {
        return Stream.of(
                Arguments.of("a meeting withdrawn",
                        journey().agree(day(1), 1).meet(day(2)).meet(day(3))
                                .withdrawMeeting("r1-meeting-2"),
                        journey().agree(day(1), 1).meet(day(2))),
                Arguments.of("the meeting that put it in progress withdrawn",
                        journey().agree(day(1), 1).meet(day(2))
                                .withdrawMeeting("r1-meeting-1"),
                        journey().agree(day(1), 1)),
                Arguments.of("that meeting withdrawn while paused, then resumed",
                        journey().meet(day(1)).agree(day(2), 1).meet(day(3)).pause(day(4))
                                .withdrawMeeting("r1-meeting-2").resume(day(5)),
                        journey().meet(day(1)).agree(day(2), 1).pause(day(4)).resume(day(5))),
                Arguments.of("the start moved to the next month's intake",
                        journey().agree(day(5), 1).meet(day(6)).close(day(40))
                                .correctDate(0, day(3)),
                        new Journey("r1", "p", day(3)).agree(day(5), 1).meet(day(6)).close(day(40))),
                Arguments.of("the close's date corrected",
                        journey().agree(day(1), 1).meet(day(2)).close(day(30))
                                .correctDate(3, day(90)),
                        journey().agree(day(1), 1).meet(day(2)).close(day(90))),
                Arguments.of("a closed one reopened",
                        journey().agree(day(1), 1).meet(day(2)).close(day(30))
                                .reopen(),
                        journey().agree(day(1), 1).meet(day(2))),
                Arguments.of("a terminated one reopened and closed",
                        journey().agree(day(1), 1).meet(day(2)).terminate(TerminationReason.MISMATCH, day(20))
                                .reopen()
                                .close(day(25)),
                        journey().agree(day(1), 1).meet(day(2)).close(day(25))),
                Arguments.of("the date of a close taken back by a reopening corrected",
                        journey().agree(day(1), 1).meet(day(2)).close(day(30))
                                .reopen()
                                .close(day(60))
                                .correctDate(3, day(31)),
                        journey().agree(day(1), 1).meet(day(2)).close(day(60))),
                Arguments.of("an evaluation withdrawn and submitted again",
                        journey().terminate(TerminationReason.LACK_OF_TIME, day(10)).evaluate(Party.MENTOR, 2, day(11))
                                .evaluate(Party.MENTEE, 4, day(11))
                                .withdrawEvaluation(Party.MENTOR)
                                .evaluate(Party.MENTOR, 5, day(12)),
                        journey().terminate(TerminationReason.LACK_OF_TIME, day(10)).evaluate(Party.MENTEE, 4, day(11))
                                .evaluate(Party.MENTOR, 5, day(12))),
                Arguments.of("an evaluation withdrawn",
                        journey().terminate(TerminationReason.LACK_OF_TIME, day(10)).evaluate(Party.MENTEE, 1, day(11))
                                .withdrawEvaluation(Party.MENTEE),
                        journey().terminate(TerminationReason.LACK_OF_TIME, day(10))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corrections")
    void aCorrectedRelationshipCountsAsOneRecordedRightTheFirstTime(String correction, Journey corrected,
            Journey rightFirstTime) {
        Map<String, List<String>> right = applyInOneBatch(rightFirstTime);
        Map<String, List<String>> inOneBatch = applyInOneBatch(corrected);
        Map<String, List<String>> eventByEvent = applyEventByEvent(corrected);

        assertThat(inOneBatch).as(correction).isEqualTo(right);
        assertThat(eventByEvent).as(correction + ", event by event").isEqualTo(right);
    }

    private static Map<String, List<String>> applyInOneBatch(Journey journey) {
        db.clear();
        db.inTransaction(() -> projector.apply(journey));
        return readModel();
    }

    private static Map<String, List<String>> applyEventByEvent(Journey journey) {
        db.clear();
        for (int sequence = 0; sequence < journey.events.size(); sequence++) {
            Object event = journey.events.get(sequence);
            long version = sequence;
            db.inTransaction(() -> projector.apply(event, version));
        }
        return readModel();
    }

    /**
     * The fact (but the version of its close, which a corrected record reaches later) and the
     * counters that are not zero: a correction leaves rows it emptied behind.
     */
    private static Map<String, List<String>> readModel() {
        Map<String, List<String>> model = new LinkedHashMap<>();
        model.put("outcome_fact", rows("(to_jsonb(t) - 'generation' - 'closed_version')::text FROM outcome_fact t"));
        model.put("outcome_counter", rows("(to_jsonb(t) - 'generation')::text FROM outcome_counter t"
                + " WHERE (to_jsonb(t) - 'generation' - 'programme_id' - 'start_month' - 'stripe')::text"
                + " ~ '[1-9]'"));
        model.put("outcome_close_days", rows("(to_jsonb(t) - 'generation')::text FROM outcome_close_days t"
                + " WHERE relationships <> 0"));
        return model;
    }

    private static List<String> rows(String select) {
        return db.jdbc().sql("SELECT " + select + " ORDER BY 1").query(String.class).list();
    }

    private static LocalDate day(int days) {
        return START.plusDays(days);
    }

    private static Journey journey() {
        return new Journey("r1", "p", START);
    }
}
