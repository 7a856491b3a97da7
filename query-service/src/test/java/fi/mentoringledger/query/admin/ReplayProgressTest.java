package fi.mentoringledger.query.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalLong;

import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.Test;

class ReplayProgressTest {

    @Test
    void aRebuildIsAsFarAsItsSlowestSegmentOnTheWayToWhereTheReplayStarted() {
        List<EventTrackerStatus> segments = List.of(replaying(300, 1_000), replaying(800, 1_000));

        assertThat(ProjectionProcessors.replayProgress(segments, 2, 5_000L)).isEqualTo(0.3);
    }

    @Test
    void aSegmentNoLongerReplayingDuringAnOpenRebuildIsMeasuredAgainstTheHead() {
        List<EventTrackerStatus> segments = List.of(tracking(83_203), replaying(1_000, 1_000));

        assertThat(ProjectionProcessors.replayProgress(segments, 2, 315_872L)).isEqualTo(83_203 / 315_872.0);
    }

    @Test
    void aRebuildWithSegmentsNotYetClaimedHasNotBegun() {
        assertThat(ProjectionProcessors.replayProgress(List.of(replaying(1_000, 1_000)), 2, 1_000L)).isZero();
    }

    @Test
    void aRebuildThatReachedItsStartingPointIsDone() {
        List<EventTrackerStatus> segments = List.of(replaying(1_000, 1_000), tracking(1_200));

        assertThat(ProjectionProcessors.replayProgress(segments, 2, 1_200L)).isEqualTo(1.0);
    }

    private static EventTrackerStatus replaying(long position, long resetPosition) {
        return new Status(true, position, OptionalLong.of(resetPosition));
    }

    private static EventTrackerStatus tracking(long position) {
        return new Status(false, position, OptionalLong.empty());
    }

    private record Status(boolean isReplaying, long position, OptionalLong getResetPosition)
            implements EventTrackerStatus {

        @Override
        public OptionalLong getCurrentPosition() {
            return OptionalLong.of(position);
        }

        @Override
        public Segment getSegment() {
            return Segment.ROOT_SEGMENT;
        }

        @Override
        public boolean isCaughtUp() {
            return false;
        }

        @Override
        public boolean isMerging() {
            return false;
        }

        @Override
        public OptionalLong mergeCompletedPosition() {
            return OptionalLong.empty();
        }

        @Override
        public TrackingToken getTrackingToken() {
            return null;
        }

        @Override
        public boolean isErrorState() {
            return false;
        }

        @Override
        public Throwable getError() {
            return null;
        }
    }
}
