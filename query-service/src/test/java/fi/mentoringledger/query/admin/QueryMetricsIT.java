package fi.mentoringledger.query.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import fi.mentoringledger.api.relationship.RelationshipStarted;
import fi.mentoringledger.eventstore.PostgresTestDatabase;
import fi.mentoringledger.eventstore.Promtool;
import fi.mentoringledger.eventstore.Scrape;
import fi.mentoringledger.query.support.Journey;
import fi.mentoringledger.query.support.Population;
import fi.mentoringledger.query.support.QueryApp;
import fi.mentoringledger.security.TestUsers;

/**
 * The query-service's metrics, scraped from the running service as Prometheus would: only the
 * admin may scrape; promtool accepts the text; the processors' lag, dead letters and rebuilds read
 * as /api/admin/processors says they are; and every query-side series the dashboard draws exists.
 */
class QueryMetricsIT {

    private static final Duration BOUND = Duration.ofMinutes(2);
    private static final List<String> PROCESSORS = List.of("outcome-report", "relationship-history",
            "relationship-summary");
    private static final TestUsers.User ORGANISER = TestUsers.user("organiser", "ORGANISER", null, "womento");

    @RegisterExtension
    static final PostgresTestDatabase database = PostgresTestDatabase.create();
    private static QueryApp app;

    @BeforeAll
    static void start() {
        app = database.closeAfterAll(QueryApp.start(database, TestUsers.ADMIN, ORGANISER));
    }

    @Test
    void onlyTheAdminMayScrape() {
        assertThat(app.send("GET", "/actuator/prometheus", "text/plain", null).statusCode()).isEqualTo(401);
        HttpResponse<String> organiser = app.send("GET", "/actuator/prometheus", "text/plain", ORGANISER);
        assertThat(organiser.statusCode()).isEqualTo(403);
        assertThat(organiser.body()).doesNotContain("ledger_");
        assertThat(app.send("GET", "/actuator/prometheus", "text/plain", TestUsers.ADMIN).statusCode()).isEqualTo(200);
    }

    @Test
    void theProcessorsLagDeadLettersAndRebuildsReadAsTheyAre() throws Exception {
        List<Journey> journeys = Population.generate(1717, 20, "metrics-");
        Journey poisoned = Population.generate(1718, 10, "metrics-poison-").stream()
                .filter(journey -> journey.events.size() >= 3)
                .findFirst()
                .orElseThrow();
        giveAnOverlongLanguage(poisoned);
        app.append(journeys);
        app.append(List.of(poisoned));
        await().atMost(BOUND).pollInterval(Duration.ofMillis(200)).until(app::caughtUp);
        // The figures are read at most once a second (ProjectionProcessorMetrics): a scrape right
        // after catching up may still show what was read just before.
        await().atMost(BOUND).pollInterval(Duration.ofMillis(250)).until(() -> {
            Scrape scrape = scrape();
            return scrape.value("ledger_processor_dead_letters", "processor", "relationship-summary")
                    == poisoned.events.size()
                    && PROCESSORS.stream().allMatch(p -> scrape.value("ledger_processor_lag_events", "processor", p) == 0);
        });

        Scrape caughtUp = scrape();
        for (String processor : PROCESSORS) {
            assertThat(caughtUp.value("ledger_processor_lag_events", "processor", processor)).as(processor).isZero();
            assertThat(caughtUp.value("ledger_processor_lag_seconds", "processor", processor)).as(processor).isZero();
            assertThat(caughtUp.value("ledger_processor_replaying", "processor", processor)).as(processor).isZero();
            assertThat(caughtUp.value("ledger_processor_replay_progress", "processor", processor)).as(processor)
                    .isEqualTo(1.0);
            assertThat(caughtUp.value("ledger_processor_running", "processor", processor)).as(processor).isEqualTo(1.0);
            assertThat(caughtUp.value("ledger_processor_segments", "processor", processor)).as(processor).isEqualTo(2.0);
            // Axon's timer of the event handlers, renamed (MetricNames), with the processor as a label.
            assertThat(caughtUp.find("axon_event_processor_success_seconds_count", "processor_name", processor))
                    .as(processor).isNotEmpty()
                    .allSatisfy(sample -> assertThat(sample.labels()).containsKey("payload_type"));
            assertThat(caughtUp.find("axon_event_processor_success_seconds_count", "processor_name", processor)
                    .stream().mapToDouble(Scrape.Sample::value).sum()).as(processor).isPositive();
        }
        // The summary's language column is too short for the poisoned start: all its events are parked there.
        assertThat(caughtUp.value("ledger_processor_dead_letters", "processor", "relationship-summary"))
                .isEqualTo(poisoned.events.size());
        assertThat(caughtUp.value("ledger_processor_dead_letters", "processor", "relationship-history")).isZero();
        assertThat(caughtUp.text()).as("no relationship id or person in any label")
                .doesNotContain("metrics-").doesNotContain("Mentor ").doesNotContain("murre");
        Promtool.checkMetrics(caughtUp.text());

        // Stopped, the processors fall behind by every event (nothing here processes them), for longer and longer.
        long head = app.json("/api/admin/processors").get(0).get("headPosition").asLong();
        app.stopProcessors();
        app.append(Population.generate(1719, 3, "metrics-later-"));
        long newHead = app.json("/api/admin/processors").get(0).get("headPosition").asLong();
        assertThat(newHead).isGreaterThan(head);
        await().atMost(BOUND).pollInterval(Duration.ofMillis(250))
                .until(() -> scrape().value("ledger_processor_lag_seconds", "processor", "relationship-history") >= 1);
        Scrape behind = scrape();
        for (String processor : PROCESSORS) {
            assertThat(behind.value("ledger_processor_running", "processor", processor)).as(processor).isZero();
            assertThat(behind.value("ledger_processor_lag_events", "processor", processor)).as(processor)
                    .isEqualTo(newHead);
            assertThat(behind.value("ledger_processor_lag_seconds", "processor", processor)).as(processor)
                    .isBetween(1.0, (double) BOUND.multipliedBy(3).toSeconds());
        }
        app.context().getBean(EventProcessingConfiguration.class).eventProcessors().values()
                .forEach(EventProcessor::start);
        await().atMost(BOUND).pollInterval(Duration.ofMillis(250)).until(() -> {
            Scrape after = scrape();
            return PROCESSORS.stream().allMatch(p -> after.value("ledger_processor_lag_events", "processor", p) == 0
                    && after.value("ledger_processor_lag_seconds", "processor", p) == 0);
        });

        // A rebuild: replaying with progress below 1 until it has caught up, then done.
        assertThat(app.post("/api/admin/replay?processor=relationship-history").statusCode()).isEqualTo(202);
        await().atMost(BOUND).pollInterval(Duration.ofMillis(200)).until(() -> {
            Scrape during = scrape();
            double replaying = during.value("ledger_processor_replaying", "processor", "relationship-history");
            double progress = during.value("ledger_processor_replay_progress", "processor", "relationship-history");
            assertThat(progress).isBetween(0.0, 1.0);
            assertThat(replaying == 1 || progress == 1).as("1 when no rebuild is under way").isTrue();
            return replaying == 0 && app.caughtUp()
                    && app.json("/api/admin/processors").findValues("activeGeneration").stream()
                            .anyMatch(generation -> generation.asInt() == 2);
        });
        assertThat(scrape().value("ledger_processor_lag_events", "processor", "relationship-history")).isZero();
    }

    @Test
    void everyQuerySideSeriesOfTheDashboardAndTheAlertsExists() throws IOException {
        app.append(Population.generate(1720, 2, "metrics-dashboard-"));
        await().atMost(BOUND).pollInterval(Duration.ofMillis(200)).until(app::caughtUp);
        Set<String> drawn = new TreeSet<>();
        drawn.addAll(seriesIn(Path.of("../ops/grafana/mentoring-ledger.json")));
        drawn.addAll(seriesIn(Path.of("../ops/prometheus/alerts.yml")));
        drawn.removeIf(name -> name.startsWith("ledger_commands"));
        assertThat(drawn).contains("ledger_processor_lag_seconds", "axon_event_processor_success_seconds_sum");
        Scrape scrape = scrape();
        assertThat(drawn).allSatisfy(name -> assertThat(scrape.find(name)).as(name).isNotEmpty());
    }

    private static Set<String> seriesIn(Path file) throws IOException {
        Set<String> names = new TreeSet<>();
        Matcher name = Pattern.compile("\\b(?:ledger|axon)_[a-z_]+").matcher(Files.readString(file));
        while (name.find()) {
            names.add(name.group());
        }
        return names;
    }

    private static Scrape scrape() {
        HttpResponse<String> response = app.send("GET", "/actuator/prometheus", "text/plain", TestUsers.ADMIN);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Scrape.parse(response.body());
    }

    private static void giveAnOverlongLanguage(Journey journey) {
        RelationshipStarted started = (RelationshipStarted) journey.events.get(0);
        journey.events.set(0, new RelationshipStarted(started.relationshipId(), started.programmeId(),
                started.mentor(), started.mentee(), "fi-x-" + "murre".repeat(8), started.startedOn()));
    }
}
