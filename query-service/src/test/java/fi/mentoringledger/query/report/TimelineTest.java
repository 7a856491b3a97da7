package fi.mentoringledger.query.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import fi.mentoringledger.api.relationship.RelationshipEvent;
import fi.mentoringledger.api.relationship.Stage;
import fi.mentoringledger.api.relationship.TerminationReason;
import fi.mentoringledger.query.report.Timeline.Concern;
import fi.mentoringledger.query.report.Timeline.Entered;
import fi.mentoringledger.query.support.Journey;

/**
 * A relationship's path by corrected business dates, which the reports of time read: each stage
 * from the day it was entered, the meetings and the organiser's concerns, as the corrections say.
 */
class TimelineTest {

    private static final LocalDate START = LocalDate.of(2025, 3, 3);

    @Test
    void eachStageCountsFromTheDayItWasEntered() {
        Timeline timeline = timeline(new Journey("a", "womento", START).agree(day(3), 1).meet(day(10))
                .pause(day(20)).resume(day(50)).meet(day(55)).close(day(90)));

        assertThat(timeline.programmeId()).isEqualTo("womento");
        assertThat(timeline.startedOn()).isEqualTo(START);
        assertThat(timeline.stages()).containsExactly(new Entered(Stage.STARTED, START),
                new Entered(Stage.AGREED, day(3)), new Entered(Stage.IN_PROGRESS, day(10)),
                new Entered(Stage.PAUSED, day(20)), new Entered(Stage.IN_PROGRESS, day(50)),
                new Entered(Stage.CLOSED, day(90)));
        assertThat(timeline.meetings()).containsExactly(day(10), day(55));
        assertThat(timeline.stageOn(day(-1))).isNull();
        assertThat(timeline.stageOn(day(2))).isEqualTo(Stage.STARTED);
        assertThat(timeline.stageOn(day(3))).isEqualTo(Stage.AGREED);
        assertThat(timeline.stageOn(day(49))).isEqualTo(Stage.PAUSED);
        assertThat(timeline.stageOn(day(89))).isEqualTo(Stage.IN_PROGRESS);
        assertThat(timeline.stage()).isEqualTo(Stage.CLOSED);
        assertThat(timeline.endedOn()).isEqualTo(day(90));
        assertThat(timeline.firstEntered(Stage.IN_PROGRESS)).isEqualTo(day(10));
        assertThat(timeline.firstEntered(Stage.TERMINATED)).isNull();
        assertThat(timeline.terminationReason()).isNull();
    }

    @Test
    void aTerminationKeepsItsReasonAndAnOpenOneHasNoEnd() {
        Timeline terminated = timeline(new Journey("t", "p", START).agree(day(1), 1)
                .terminate(TerminationReason.LOST_CONTACT, day(40)));
        Timeline open = timeline(new Journey("o", "p", START).agree(day(1), 1));

        assertThat(terminated.stage()).isEqualTo(Stage.TERMINATED);
        assertThat(terminated.endedOn()).isEqualTo(day(40));
        assertThat(terminated.terminationReason()).isEqualTo(TerminationReason.LOST_CONTACT);
        assertThat(open.endedOn()).isNull();
        assertThat(open.stage()).isEqualTo(Stage.AGREED);
    }

    @Test
    void onlyConcernsAddressedToTheOrganiserAreOnItWithTheDayTheyWereResolved() {
        Timeline timeline = timeline(new Journey("c", "p", START).agree(day(1), 1)
                .raiseConcern("own", day(2)).raiseConcernForOrganiser("late", day(9)).resolveConcern("late", day(12))
                .raiseConcernForOrganiser("open", day(20)));

        assertThat(timeline.organiserConcerns()).containsExactly(new Concern(day(9), day(12)), new Concern(day(20), null));
    }

    /** As the corrections say: as if each mistake had never been recorded. */
    @Test
    void correctionsGiveThePathAsIfRecordedRightTheFirstTime() {
        Timeline corrected = timeline(new Journey("k", "p", START).agree(day(1), 1).meet(day(5)).meet(day(8))
                .withdrawMeeting("k-meeting-1").terminate(TerminationReason.MISMATCH, day(30)).reopen()
                .close(day(60)).correctDate(0, day(-7)));
        Timeline rightFirstTime = timeline(new Journey("k", "p", day(-7)).agree(day(1), 1).meet(day(8)).close(day(60)));

        assertThat(corrected).isEqualTo(rightFirstTime);
        assertThat(corrected.stages()).extracting(Entered::stage)
                .containsExactly(Stage.STARTED, Stage.AGREED, Stage.IN_PROGRESS, Stage.CLOSED);
        assertThat(corrected.terminationReason()).isNull();
    }

    /** A meeting logged late with a day before the agreement still follows it: a stage never starts before the one before. */
    @Test
    void aLateMeetingDatedBeforeTheAgreementEntersInProgressOnTheAgreementsDay() {
        Timeline timeline = timeline(new Journey("l", "p", START).agree(day(10), 1).meet(day(10)).correctDate(2, day(4)));

        assertThat(timeline.stages()).containsExactly(new Entered(Stage.STARTED, START),
                new Entered(Stage.AGREED, day(10)), new Entered(Stage.IN_PROGRESS, day(10)));
        assertThat(timeline.meetings()).containsExactly(day(4));
    }

    private static Timeline timeline(Journey journey) {
        List<Recorded> history = new ArrayList<>();
        for (int i = 0; i < journey.events.size(); i++) {
            history.add(new Recorded((RelationshipEvent) journey.events.get(i), i, Instant.EPOCH.plusSeconds(i)));
        }
        return Timeline.of(CorrectedHistory.of(history));
    }

    private static LocalDate day(int days) {
        return START.plusDays(days);
    }
}
