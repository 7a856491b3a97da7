package fi.mentoringledger.query.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import fi.mentoringledger.api.relationship.Party;
import fi.mentoringledger.api.relationship.RelationshipStarted;
import fi.mentoringledger.eventstore.PostgresTestDatabase;
import fi.mentoringledger.query.support.Journey;
import fi.mentoringledger.query.support.Population;
import fi.mentoringledger.query.support.ProjectedRows;
import fi.mentoringledger.query.support.QueryApp;

/**
 * A real poison event: a stored {@code RelationshipStarted} whose mentor's name is longer than
 * the summary's column (the command API refuses such a name; an import or an older writer did
 * not). PostgreSQL rejects the summary's insert. The summary parks that event and every later
 * event of its relationship in the dead-letter queue, while the history and the outcome report
 * apply them and every other relationship flows on, live events included. A replay parks the
 * same letters again (not twice). A retry before the fix leaves them parked; after the column is
 * widened, a retry applies each of them exactly once, and the relationship flows normally again.
 */
class DeadLetterIT {

    private static final Duration BOUND = Duration.ofMinutes(3);
    private static final String SUMMARY = "relationship-summary";
    /** Longer than relationship_summary.language (names are JSON now, sealed, and have no length to exceed). */
    private static final String LONG_LANGUAGE = "fi-x-" + "murre".repeat(8);

    @RegisterExtension
    static final PostgresTestDatabase database = PostgresTestDatabase.create();
    private static QueryApp app;

    @BeforeAll
    static void start() {
        app = database.closeAfterAll(QueryApp.start(database));
    }

    @Test
    void aPoisonEventParksItsRelationshipWhileOthersFlowAndARetryAfterTheFixAppliesItOnce() throws Exception {
        assertThat(LONG_LANGUAGE.length()).as("longer than relationship_summary.language").isGreaterThan(35);
        List<Journey> healthy = Population.generate(606, 300, "dlq-");
        List<Journey> poisoned = Population.generate(607, 33, "poison-").stream()
                .filter(j -> j.events.size() >= 5)
                .limit(2)
                .toList();
        assertThat(poisoned).hasSize(2);
        poisoned.forEach(DeadLetterIT::giveAnOverlongLanguage);
        List<Journey> everyone = new ArrayList<>(healthy);
        everyone.addAll(poisoned);

        // the poison and one more event of each, then half of the others; the rest of the
        // poisoned relationships only once they are parked, then the other half
        poisoned.forEach(j -> app.append(j.id, j.events.subList(0, 2), 0));
        app.append(healthy.subList(0, 150));
        await().atMost(BOUND).pollInterval(Duration.ofMillis(100)).until(app::caughtUp);
        assertThat(parkedSequences()).as("parked after the first events")
                .containsOnlyKeys(poisoned.stream().map(j -> j.id).toArray(String[]::new));
        poisoned.forEach(j -> app.append(j.id, j.events.subList(2, j.events.size()), 2));
        app.append(healthy.subList(150, 300));
        await().atMost(BOUND).pollInterval(Duration.ofMillis(100)).until(app::caughtUp);

        Map<String, List<Long>> parked = parkedSequences();
        assertEveryEventOfThePoisonedRelationshipsIsParked(parked, poisoned);
        JsonNode letters = app.json("/api/admin/dead-letters");
        assertThat(letters).allSatisfy(letter -> assertThat(letter.get("processor").asText()).isEqualTo(SUMMARY));
        // No personal data of the parked events, in any field (a cause's message included).
        assertThat(letters.toString()).doesNotContain(LONG_LANGUAGE)
                .doesNotContain(poisoned.stream().map(j -> "Mentee " + j.id).toArray(String[]::new))
                .doesNotContain(poisoned.stream().map(j -> "Mentor " + j.id).toArray(String[]::new));
        assertThat(letters).filteredOn(letter -> letter.get("sequenceNumber").asLong() == 0)
                .hasSize(2)
                .allSatisfy(letter -> {
                    assertThat(letter.get("eventType").asText()).isEqualTo(RelationshipStarted.class.getName());
                    assertThat(letter.get("causeMessage").asText()).contains("value too long");
                });
        try (Connection connection = database.connect()) {
            assertThat(ProjectedRows.summaries(connection)).as("the summary without the parked relationships")
                    .isEqualTo(ProjectedRows.expectedSummaries(healthy));
            assertThat(ProjectedRows.histories(connection)).isEqualTo(ProjectedRows.expectedHistories(everyone));
            assertThat(ProjectedRows.facts(connection)).isEqualTo(ProjectedRows.expectedFacts(everyone));
        }

        HttpResponse<String> replay = app.post("/api/admin/replay?processor=" + SUMMARY);
        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(202);
        await().atMost(BOUND).pollInterval(Duration.ofMillis(100))
                .until(() -> app.caughtUp() && activeGeneration(SUMMARY) == 2);
        assertThat(parkedSequences()).as("the rebuild parks the same letters, once").isEqualTo(parked);
        try (Connection connection = database.connect()) {
            assertThat(ProjectedRows.summaries(connection)).isEqualTo(ProjectedRows.expectedSummaries(healthy));
        }

        JsonNode stillFailing = retry();
        assertThat(cleared(stillFailing, SUMMARY)).as("a retry before the fix clears nothing").containsExactly(2, 0, 2);
        assertThat(parkedSequences()).as("still parked, in order").isEqualTo(parked);

        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE relationship_summary ALTER COLUMN language TYPE VARCHAR(100)");
        }
        JsonNode fixed = retry();
        assertThat(cleared(fixed, SUMMARY)).containsExactly(2, 2, 0);
        assertThat(app.json("/api/admin/dead-letters")).isEmpty();
        try (Connection connection = database.connect()) {
            ProjectedRows.assertEveryProjectionHolds(connection, everyone);
        }
        for (Journey journey : poisoned) {
            JsonNode summary = app.json("/api/relationships/" + journey.id);
            assertThat(summary.get("language").asText()).isEqualTo(LONG_LANGUAGE);
        }

        for (Journey journey : poisoned) {
            int before = journey.events.size();
            if (journey.ended()) {
                journey.evaluate(Party.MENTEE, 4, journey.endedOn.plusDays(3));
            } else {
                journey.raiseConcern(journey.id + "-later", journey.startedOn.plusDays(400));
            }
            app.append(journey.id, journey.events.subList(before, journey.events.size()), before);
        }
        await().atMost(BOUND).pollInterval(Duration.ofMillis(100)).until(app::caughtUp);
        assertThat(app.json("/api/admin/dead-letters")).as("the relationships flow normally again").isEmpty();
        try (Connection connection = database.connect()) {
            ProjectedRows.assertEveryProjectionHolds(connection, everyone);
        }
    }

    @Test
    void deadLettersOfAnUnknownProcessorAreNotFound() {
        HttpResponse<String> response = app.get("/api/admin/dead-letters?processor=no-such");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    private static void giveAnOverlongLanguage(Journey journey) {
        RelationshipStarted started = (RelationshipStarted) journey.events.get(0);
        journey.events.set(0, new RelationshipStarted(started.relationshipId(), started.programmeId(),
                started.mentor(), started.mentee(), LONG_LANGUAGE, started.startedOn()));
    }

    private static void assertEveryEventOfThePoisonedRelationshipsIsParked(Map<String, List<Long>> parked,
            List<Journey> poisoned) {
        Map<String, List<Long>> expected = new TreeMap<>();
        for (Journey journey : poisoned) {
            List<Long> sequence = new ArrayList<>();
            for (long n = 0; n < journey.events.size(); n++) {
                sequence.add(n);
            }
            expected.put(journey.id, sequence);
        }
        assertThat(parked).isEqualTo(expected);
    }

    /** Sequence numbers of the parked events per relationship, in the order they would be retried. */
    private static Map<String, List<Long>> parkedSequences() {
        Map<String, List<Long>> parked = new TreeMap<>();
        for (JsonNode letter : app.json("/api/admin/dead-letters?processor=" + SUMMARY)) {
            parked.computeIfAbsent(letter.get("sequenceIdentifier").asText(), id -> new ArrayList<>())
                    .add(letter.get("sequenceNumber").asLong());
        }
        return parked;
    }

    private static JsonNode retry() {
        HttpResponse<String> response = app.post("/api/admin/dead-letters/retry");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return QueryApp.parse(response.body());
    }

    /** Sequences parked before, cleared by and parked after a retry, for one processor. */
    private static List<Integer> cleared(JsonNode retry, String processor) {
        for (JsonNode result : retry.get("retried")) {
            if (result.get("processor").asText().equals(processor)) {
                return List.of(result.get("sequencesBefore").asInt(), result.get("sequencesCleared").asInt(),
                        result.get("sequencesRemaining").asInt());
            }
            assertThat(result.get("sequencesBefore").asInt()).as(result.toString()).isZero();
        }
        throw new AssertionError("no retry result for " + processor + ": " + retry);
    }

    private static int activeGeneration(String processor) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             var rows = statement.executeQuery(
                     "SELECT active FROM projection_generation WHERE projection = '" + processor + "'")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
