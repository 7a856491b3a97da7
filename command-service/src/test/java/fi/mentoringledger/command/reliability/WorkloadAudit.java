package fi.mentoringledger.command.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import fi.mentoringledger.api.relationship.LifecycleAction;
import fi.mentoringledger.command.reliability.ConflictingWorkload.Sent;
import fi.mentoringledger.eventstore.PostgresTestDatabase;

/**
 * What must hold after a {@link ConflictingWorkload}, checked against the rows in PostgreSQL:
 * <ul>
 * <li>no answer is a 5xx: every command was applied (2xx), refused by a rule (409) or stale (412);</li>
 * <li>each relationship's events form the sequence 0..n without gaps, and a history the lifecycle
 * allows ({@link LifecycleReplay});</li>
 * <li>every stored event belongs to exactly one acknowledged request, sits at the version that
 * request was answered with, and was appended right after the If-Match version when one was sent;
 * every acknowledged request recorded its event, unless it was a retry of one already recorded;</li>
 * <li>the stage the API answered after each event is the stage the replay reaches there, and the
 * last version the API reported is the last stored event.</li>
 * </ul>
 */
final class WorkloadAudit {

    /** The figures of a run, for the test's report. */
    record Figures(int commands, Map<Integer, Long> statuses, long recorded, long acknowledgedRetries,
            long withIfMatch, long stale) {

        @Override
        public String toString() {
            return commands + " commands, answers " + statuses + ", " + recorded + " events recorded, "
                    + acknowledgedRetries + " acknowledged as retries of recorded ones, " + withIfMatch
                    + " with If-Match of which " + stale + " were stale (412)";
        }
    }

    private WorkloadAudit() {
    }

    static Figures verify(PostgresTestDatabase database, ConflictingWorkload workload, List<Sent> sent)
            throws Exception {
        assertThat(sent).as("answers that are server errors").filteredOn(s -> s.status() >= 500).isEmpty();
        assertThat(sent).allSatisfy(s -> assertThat(s.status()).as(s.toString()).isIn(200, 409, 412));
        Map<String, Sent> byCorrelation = sent.stream().collect(Collectors.toMap(Sent::correlationId, Function.identity()));
        long recorded = 0;
        long acknowledgedRetries = 0;
        try (Connection connection = database.connect()) {
            for (String id : workload.relationshipIds()) {
                List<StoredEvent> events = StoredEvent.of(connection, id);
                LifecycleReplay replay = LifecycleReplay.of(events);
                Map<String, StoredEvent> recordedBy = new HashMap<>();
                for (StoredEvent event : events.subList(ConflictingWorkload.SETUP_EVENTS, events.size())) {
                    Sent cause = byCorrelation.get(event.correlationId());
                    assertThat(cause).as("%s at %s/%d was recorded by no request of the clients", event.type(), id,
                            event.sequence()).isNotNull();
                    assertThat(recordedBy.put(event.correlationId(), event)).as("request %s recorded twice", cause)
                            .isNull();
                    assertThat(cause.relationshipId()).isEqualTo(id);
                    assertThat(cause.answer().ok()).as("refused, yet recorded: %s", cause).isTrue();
                    assertThat(event.type()).as(cause.toString()).isEqualTo(eventOf(cause.action()));
                    JsonNode answer = cause.answer().body();
                    assertThat(answer.path("version").asLong()).as("answered version of " + cause)
                            .isEqualTo(event.sequence());
                    assertThat(answer.path("stage").asText()).as("answered stage of " + cause)
                            .isEqualTo(replay.stageAfter(event.sequence()).name());
                    if (cause.ifMatch() != null) {
                        assertThat(event.sequence()).as("appended right after the If-Match version: " + cause)
                                .isEqualTo(cause.ifMatch() + 1);
                    }
                }
                recorded += recordedBy.size();
                long lastReported = ConflictingWorkload.SETUP_EVENTS - 1;
                for (Sent s : sent) {
                    if (!s.relationshipId().equals(id)) {
                        continue;
                    }
                    JsonNode answer = s.answer().body();
                    if (s.answer().ok()) {
                        long version = answer.path("version").asLong();
                        lastReported = Math.max(lastReported, version);
                        if (!recordedBy.containsKey(s.correlationId())) {
                            // A goal achieved again on the same day; a concern resolved again on the same day,
                            // or a party's evaluation with the same rating, in other words: retries are
                            // compared without the pair's private text.
                            assertThat(s.action()).as("acknowledged, yet not stored: %s", s)
                                    .isIn(LifecycleAction.MARK_GOAL_ACHIEVED, LifecycleAction.RESOLVE_CONCERN,
                                            LifecycleAction.SUBMIT_EVALUATION);
                            assertThat(events).as("an acknowledged retry repeats a recorded event: %s", s)
                                    .anySatisfy(e -> {
                                        if (s.action() == LifecycleAction.MARK_GOAL_ACHIEVED) {
                                            assertThat(e.type()).isEqualTo("GoalAchieved");
                                            assertThat(s.path()).endsWith("/goals/" + e.payload().path("goalId").asText() + "/achieve");
                                            assertThat(s.body()).contains(e.payload().path("achievedOn").asText());
                                        } else if (s.action() == LifecycleAction.RESOLVE_CONCERN) {
                                            assertThat(e.type()).isEqualTo("ConcernResolved");
                                            assertThat(s.path()).endsWith("/concerns/" + e.payload().path("concernId").asText()
                                                    + "/resolve");
                                        } else {
                                            assertThat(e.type()).isEqualTo("EvaluationSubmitted");
                                            assertThat(s.body()).contains("\"by\":\"" + e.payload().path("by").asText() + "\"",
                                                    "\"rating\":" + e.payload().path("rating").asInt() + ",");
                                        }
                                    });
                            assertThat(answer.path("stage").asText()).isEqualTo(replay.stageAfter(version).name());
                            acknowledgedRetries++;
                        }
                    } else if (s.status() == 412) {
                        assertThat(answer.path("currentVersion").asLong()).as(s.toString())
                                .isGreaterThan(s.ifMatch()).isLessThanOrEqualTo(replay.version());
                    } else {
                        assertThat(answer.has("action") || answer.has("rule")).as("a 409 names the rule: " + s).isTrue();
                        assertThat(answer.path("stage").asText()).as(s.toString()).isNotEmpty();
                    }
                }
                assertThat(lastReported).as("last version the API reported for %s", id).isEqualTo(replay.version());
                long last = lastReported;
                assertThat(sent).filteredOn(s -> s.relationshipId().equals(id) && s.answer().ok()
                                && s.answer().body().path("version").asLong() == last)
                        .allSatisfy(s -> assertThat(s.answer().body().path("stage").asText()).isEqualTo(replay.stage().name()));
            }
        }
        Map<Integer, Long> statuses = new TreeMap<>(sent.stream().collect(Collectors.groupingBy(Sent::status, Collectors.counting())));
        return new Figures(sent.size(), statuses, recorded, acknowledgedRetries,
                sent.stream().filter(s -> s.ifMatch() != null).count(),
                sent.stream().filter(s -> s.status() == 412).count());
    }

    /**
     * Asks the service itself, after the run, whether the aggregate it rebuilds from the store agrees
     * with the replay: a stale If-Match must name the replayed version, and a command sent with the
     * replayed version must be appended right after it in the replayed stage (or be refused naming it).
     */
    static void probe(PostgresTestDatabase database, ApiClient reader, ApiClient writer, String id) throws Exception {
        LifecycleReplay replay;
        try (Connection connection = database.connect()) {
            replay = LifecycleReplay.of(StoredEvent.of(connection, id));
        }
        String base = "/api/relationships/" + id;
        String concern = "{\"concernId\":\"probe-" + replay.version() + "\",\"raisedBy\":\"MENTOR\",\"description\":\"probe\","
                + "\"organiserContacted\":false}";
        ApiClient.Answer stale = reader.post(base + "/concerns", concern, "If-Match", Long.toString(replay.version() - 1));
        assertThat(stale.status()).as(stale.text()).isEqualTo(412);
        assertThat(stale.body().path("currentVersion").asLong()).isEqualTo(replay.version());

        String version = Long.toString(replay.version());
        ApiClient.Answer probe;
        if (replay.isOpen()) {
            probe = writer.post(base + "/concerns", concern, "If-Match", version);
        } else {
            String party = replay.evaluatedBy().contains("MENTOR") ? "MENTEE" : "MENTOR";
            probe = replay.evaluatedBy().size() == 2
                    ? writer.post(base + "/concerns", concern, "If-Match", version)
                    : writer.post(base + "/evaluations", "{\"by\":\"" + party + "\",\"rating\":4,\"goalsMet\":\"PARTLY\"}",
                            "If-Match", version);
        }
        if (replay.evaluatedBy().size() == 2) {
            assertThat(probe.status()).as(probe.text()).isEqualTo(409);
            assertThat(probe.body().path("stage").asText()).isEqualTo(replay.stage().name());
        } else {
            assertThat(probe.status()).as(probe.text()).isEqualTo(200);
            assertThat(probe.body().path("version").asLong()).isEqualTo(replay.version() + 1);
            assertThat(probe.body().path("stage").asText()).isEqualTo(replay.stage().name());
            try (Connection connection = database.connect()) {
                assertThat(LifecycleReplay.of(StoredEvent.of(connection, id)).version()).isEqualTo(replay.version() + 1);
            }
        }
    }

    private static String eventOf(LifecycleAction action) {
        return switch (action) {
            case AGREE -> "AgreementSigned";
            case RECORD_MEETING -> "MeetingRecorded";
            case RAISE_CONCERN -> "ConcernRaised";
            case RESOLVE_CONCERN -> "ConcernResolved";
            case MARK_GOAL_ACHIEVED -> "GoalAchieved";
            case PAUSE -> "RelationshipPaused";
            case RESUME -> "RelationshipResumed";
            case AMEND_AGREEMENT -> "AgreementAmended";
            case CLOSE -> "RelationshipClosed";
            case TERMINATE -> "RelationshipTerminated";
            case SUBMIT_EVALUATION -> "EvaluationSubmitted";
            case WITHDRAW_MEETING -> "MeetingWithdrawn";
            case CORRECT_DATE -> "DateCorrected";
            case REOPEN -> "RelationshipReopened";
            case WITHDRAW_EVALUATION -> "EvaluationWithdrawn";
        };
    }
}
