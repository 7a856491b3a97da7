package fi.mentoringledger.query.report.warning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import fi.mentoringledger.api.relationship.TerminationReason;
import fi.mentoringledger.eventstore.PostgresTestDatabase;
import fi.mentoringledger.query.support.Journey;
import fi.mentoringledger.query.support.QueryApp;
import fi.mentoringledger.security.TestUsers;
import fi.mentoringledger.security.TestUsers.User;

/**
 * GET /api/reports/warning-signs through the service, from the events in PostgreSQL: the figures
 * of journeys whose dates the test sets (a reopened termination and a corrected start among them),
 * the start-date filter on the corrected start, and who may read it.
 */
class WarningSignsIT {

    private static final Duration BOUND = Duration.ofMinutes(2);
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Helsinki"));
    private static final User ORGANISER = TestUsers.user("organiser-womento", "ORGANISER", null, "womento");
    private static final User MENTOR = TestUsers.user("mentor-dropped", "MENTOR", "mentor-w-dropped");

    @RegisterExtension
    static final PostgresTestDatabase database = PostgresTestDatabase.create();
    private static QueryApp query;

    /**
     * In womento, each met on the day after agreeing: w-dropped terminated 60 days ago (no-meeting
     * flags 83, 76 and 67 days ago: leads of 23, 16 and 7 days); w-closed met again 70 days ago and
     * closed 50 days ago (flags 83 and 76 days ago); w-reopened was terminated by mistake, reopened,
     * and is in progress (flags at every threshold to 60); w-old, whose start was corrected to 400
     * days ago, agreed 149 days ago and terminated 140 days ago: never without a meeting, but without
     * an agreement from 392 days ago (a lead of 252). In auroras, one more terminated.
     */
    @BeforeAll
    static void aServiceWithTheirEvents() {
        query = database.closeAfterAll(QueryApp.start(database, TestUsers.ADMIN, ORGANISER, MENTOR));
        List<Journey> journeys = List.of(
                new Journey("w-dropped", "womento", day(-100)).agree(day(-99), 1).meet(day(-98))
                        .terminate(TerminationReason.LOST_CONTACT, day(-60)),
                new Journey("w-closed", "womento", day(-100)).agree(day(-99), 1).meet(day(-98)).meet(day(-70))
                        .close(day(-50)),
                new Journey("w-reopened", "womento", day(-100)).agree(day(-99), 1).meet(day(-98))
                        .terminate(TerminationReason.MISMATCH, day(-90)).reopen().meet(day(-20)),
                new Journey("w-old", "womento", day(-150)).agree(day(-149), 1).meet(day(-148))
                        .correctDate(0, day(-400)).terminate(TerminationReason.LACK_OF_TIME, day(-140)),
                new Journey("a-dropped", "auroras", day(-100)).terminate(TerminationReason.RELOCATION, day(-10)));
        query.append(journeys);
        long events = journeys.stream().mapToLong(journey -> journey.events.size()).sum();
        await().atMost(BOUND).pollInterval(Duration.ofMillis(200)).until(() -> query.caughtUp()
                && query.json("/api/admin/processors").get(0).get("headPosition").asLong() >= events);
    }

    @Test
    void theFiguresOfAProgrammeAreThoseOfItsJourneys() {
        JsonNode report = report(ORGANISER, "?programmeId=womento");

        assertThat(report.get("relationships").asInt()).isEqualTo(4);
        assertThat(report.get("terminated").asInt()).as("w-reopened's termination was a mistake").isEqualTo(2);
        assertThat(report.get("baseRate").asDouble()).isEqualTo(0.5);
        assertThat(report.get("earlyDays").asInt()).isEqualTo(14);
        JsonNode noMeeting = signal(report, "NO_RECENT_MEETING");
        assertThat(noMeeting.get("suggested").asInt()).as("14 and 21 days each caught w-dropped early").isEqualTo(21);
        JsonNode fourteen = threshold(noMeeting, 14);
        assertThat(fourteen.get("flagged").asInt()).isEqualTo(3);
        assertThat(fourteen.get("flaggedThenTerminated").asInt()).isEqualTo(1);
        assertThat(fourteen.get("flaggedThenCompleted").asInt()).isEqualTo(1);
        assertThat(fourteen.get("precision").asDouble()).isEqualTo(1 / 3.0);
        assertThat(fourteen.get("lift").asDouble()).isEqualTo(1 / 3.0 / 0.5);
        assertThat(fourteen.get("caught").asInt()).isEqualTo(1);
        assertThat(fourteen.get("missed").asInt()).as("w-old").isEqualTo(1);
        assertThat(fourteen.get("recall").asDouble()).isEqualTo(0.5);
        assertThat(fourteen.get("caughtEarly").asInt()).isEqualTo(1);
        assertThat(fourteen.get("medianLeadDays").asDouble()).isEqualTo(23.0);
        JsonNode thirty = threshold(noMeeting, 30);
        assertThat(thirty.get("flagged").asInt()).isEqualTo(2);
        assertThat(thirty.get("caughtEarly").asInt()).isZero();
        assertThat(thirty.get("medianLeadDays").asDouble()).isEqualTo(7.0);
        assertThat(threshold(noMeeting, 90).get("precision").isNull()).as("none flagged").isTrue();

        JsonNode noAgreement = signal(report, "NO_AGREEMENT");
        assertThat(threshold(noAgreement, 7).get("medianLeadDays").asDouble()).isEqualTo(252.0);
        assertThat(noAgreement.get("suggested").asInt()).as("every threshold caught w-old early").isEqualTo(60);
        assertThat(signal(report, "PAUSED_LONG").get("suggested").isNull()).isTrue();
    }

    @Test
    void theStartDatesSelectByTheStartAsCorrected() {
        JsonNode report = report(ORGANISER, "?programmeId=womento&startedFrom=" + day(-200));

        assertThat(report.get("relationships").asInt()).isEqualTo(3);
        assertThat(report.get("terminated").asInt()).isEqualTo(1);
        assertThat(threshold(signal(report, "NO_AGREEMENT"), 7).get("flagged").asInt()).isZero();
        assertThat(signal(report, "NO_AGREEMENT").get("suggested").isNull()).isTrue();
    }

    @Test
    void organisersReadTheirProgrammesAdminsEveryOneAndPairsNone() {
        assertThat(report(ORGANISER, "").get("relationships").asInt()).isEqualTo(4);
        assertThat(report(ORGANISER, "?programmeId=auroras").get("relationships").asInt()).isZero();
        assertThat(report(TestUsers.ADMIN, "").get("relationships").asInt()).isEqualTo(5);
        assertThat(report(TestUsers.ADMIN, "").get("terminated").asInt()).isEqualTo(3);
        assertThat(get(MENTOR, "").statusCode()).isEqualTo(403);
    }

    @Test
    void refusesDatesThatAreNotDaysOrOutOfOrder() {
        HttpResponse<String> notADay = get(ORGANISER, "?startedFrom=2025-02-30");
        assertThat(notADay.statusCode()).isEqualTo(400);
        assertThat(notADay.body()).contains("\"field\":\"startedFrom\"");
        HttpResponse<String> backwards = get(ORGANISER, "?startedFrom=2025-03-01&startedTo=2025-02-01");
        assertThat(backwards.statusCode()).isEqualTo(400);
        assertThat(backwards.body()).contains("\"field\":\"startedTo\"");
    }

    private static JsonNode report(User user, String query) {
        HttpResponse<String> response = get(user, query);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return QueryApp.parse(response.body());
    }

    private static HttpResponse<String> get(User user, String parameters) {
        return query.send("GET", "/api/reports/warning-signs" + parameters, "application/json", user);
    }

    private static JsonNode signal(JsonNode report, String name) {
        for (JsonNode signal : report.get("signals")) {
            if (signal.get("signal").asText().equals(name)) {
                return signal;
            }
        }
        throw new AssertionError("no signal " + name + " in " + report);
    }

    private static JsonNode threshold(JsonNode signal, int days) {
        for (JsonNode threshold : signal.get("thresholds")) {
            if (threshold.get("days").asInt() == days) {
                return threshold;
            }
        }
        throw new AssertionError("no threshold " + days + " in " + signal);
    }

    private static LocalDate day(int days) {
        return TODAY.plusDays(days);
    }
}
