package fi.mentoringledger.query.summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import fi.mentoringledger.eventstore.PostgresTestDatabase;
import fi.mentoringledger.query.support.Journey;
import fi.mentoringledger.query.support.QueryApp;
import fi.mentoringledger.security.TestUsers;
import fi.mentoringledger.security.TestUsers.User;

/**
 * A programme's own needs-attention thresholds, on PostgreSQL through the service: who may read and
 * set them, what is refused and why, that the needs-attention list of that programme uses them
 * unless the request gives its own, and that a replay (a switch of every read model's generation)
 * leaves them as they were set.
 */
class AttentionThresholdsIT {

    private static final Duration BOUND = Duration.ofMinutes(2);
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Helsinki"));
    private static final User ORGANISER = TestUsers.user("organiser-womento", "ORGANISER", null, "womento");
    private static final User OTHER_ORGANISER = TestUsers.user("organiser-auroras", "ORGANISER", null, "auroras");
    private static final User MENTEE = TestUsers.user("mentee-quiet", "MENTEE", "mentee-quiet");

    @RegisterExtension
    static final PostgresTestDatabase database = PostgresTestDatabase.create();
    private static QueryApp query;

    /**
     * In womento, a pair without a meeting for 40 days (listed at the default 30, not at 45) and a
     * pair paused for 50 days (listed at 45, not at the default 60); in auroras, a pair like the first.
     */
    @BeforeAll
    static void aServiceWithThreePairs() {
        query = database.closeAfterAll(QueryApp.start(database, TestUsers.ADMIN, ORGANISER, OTHER_ORGANISER, MENTEE));
        List<Journey> journeys = List.of(
                new Journey("quiet", "womento", TODAY.minusDays(60)).agree(TODAY.minusDays(59), 1).meet(TODAY.minusDays(40)),
                new Journey("paused", "womento", TODAY.minusDays(90)).agree(TODAY.minusDays(89), 1)
                        .meet(TODAY.minusDays(80)).pause(TODAY.minusDays(50)),
                new Journey("elsewhere", "auroras", TODAY.minusDays(60)).agree(TODAY.minusDays(59), 1)
                        .meet(TODAY.minusDays(40)));
        query.append(journeys);
        long events = journeys.stream().mapToLong(journey -> journey.events.size()).sum();
        await().atMost(BOUND).pollInterval(Duration.ofMillis(200)).until(() -> query.caughtUp()
                && query.json("/api/admin/processors").get(0).get("headPosition").asLong() >= events);
    }

    @Test
    void aProgrammesOrganiserSetsItsThresholdsItsListUsesThemAndARequestsOwnStillWin() {
        JsonNode before = json(query.send("GET", "/api/programmes/womento/attention-thresholds", "application/json",
                ORGANISER));
        assertThat(before.get("inactiveDays").asInt()).isEqualTo(30);
        assertThat(before.get("pausedDays").asInt()).isEqualTo(60);
        assertThat(before.get("setBy").isNull()).as("the service's defaults").isTrue();
        assertThat(reasons("/api/relationships/attention?programmeId=womento"))
                .isEqualTo(Map.of("quiet", "NO_RECENT_MEETING"));

        Instant sent = Instant.now();
        HttpResponse<String> set = put("womento", "{\"inactiveDays\":45,\"pausedDays\":45}", ORGANISER);
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        JsonNode after = json(query.send("GET", "/api/programmes/womento/attention-thresholds", "application/json",
                ORGANISER));
        assertThat(after.get("inactiveDays").asInt()).isEqualTo(45);
        assertThat(after.get("pausedDays").asInt()).isEqualTo(45);
        assertThat(after.get("setBy").asText()).isEqualTo("organiser-womento");
        assertThat(Instant.parse(after.get("setAt").asText())).isBetween(sent.minusSeconds(1), Instant.now());

        JsonNode list = query.json("/api/relationships/attention?programmeId=womento");
        assertThat(list.get("inactiveDays").asInt()).isEqualTo(45);
        assertThat(list.get("pausedDays").asInt()).isEqualTo(45);
        assertThat(reasons("/api/relationships/attention?programmeId=womento"))
                .isEqualTo(Map.of("paused", "PAUSED_LONG"));
        assertThat(reasons("/api/relationships/attention?programmeId=womento&inactiveDays=30"))
                .as("the request's own threshold wins, the other stays the programme's")
                .isEqualTo(Map.of("quiet", "NO_RECENT_MEETING", "paused", "PAUSED_LONG"));
        assertThat(reasons("/api/relationships/attention?programmeId=auroras")).as("another programme keeps the defaults")
                .isEqualTo(Map.of("elsewhere", "NO_RECENT_MEETING"));
        JsonNode everyProgramme = query.json("/api/relationships/attention");
        assertThat(everyProgramme.get("inactiveDays").asInt()).isEqualTo(30);
        assertThat(everyProgramme.get("pausedDays").asInt()).isEqualTo(60);

        assertThat(after.get("agreementDays").isNull()).as("a late agreement lists no one unless set").isTrue();
        assertThat(list.get("agreementDays").isNull()).isTrue();

        HttpResponse<String> byAdmin = put("womento", "{\"inactiveDays\":21,\"pausedDays\":45,\"agreementDays\":14}",
                TestUsers.ADMIN);
        assertThat(byAdmin.statusCode()).isEqualTo(200);
        assertThat(json(byAdmin).get("setBy").asText()).isEqualTo("admin");
        JsonNode listed = query.json("/api/relationships/attention?programmeId=womento");
        assertThat(listed.get("inactiveDays").asInt()).isEqualTo(21);
        assertThat(listed.get("agreementDays").asInt()).isEqualTo(14);
    }

    @Test
    void onlyTheProgrammesOrganisersAndAdminsReadOrSetThem() {
        assertThat(put("auroras", "{\"inactiveDays\":40,\"pausedDays\":40}", ORGANISER).statusCode()).isEqualTo(403);
        assertThat(put("womento", "{\"inactiveDays\":40,\"pausedDays\":40}", OTHER_ORGANISER).statusCode()).isEqualTo(403);
        HttpResponse<String> byMentee = put("womento", "{\"inactiveDays\":40,\"pausedDays\":40}", MENTEE);
        assertThat(byMentee.statusCode()).isEqualTo(403);
        assertThat(byMentee.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(query.send("GET", "/api/programmes/womento/attention-thresholds", "application/json", MENTEE)
                .statusCode()).isEqualTo(403);
        assertThat(query.send("GET", "/api/programmes/womento/attention-thresholds", "application/json",
                OTHER_ORGANISER).statusCode()).isEqualTo(403);
        assertThat(put("auroras", "{\"inactiveDays\":40,\"pausedDays\":40}", null).statusCode()).isEqualTo(401);
        assertThat(json(query.send("GET", "/api/programmes/auroras/attention-thresholds", "application/json",
                OTHER_ORGANISER)).get("inactiveDays").asInt()).as("nothing was set by the refused").isEqualTo(30);
    }

    @Test
    void aRefusedSettingNamesEachFieldAndChangesNothing() {
        HttpResponse<String> wrong = put("auroras", "{\"inactiveDays\":0,\"pausedDays\":\"sixty\",\"agreementDays\":0,\"graceDays\":7}",
                OTHER_ORGANISER);
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(fields(wrong)).containsOnly("inactiveDays", "pausedDays", "agreementDays", "graceDays");

        HttpResponse<String> tooMany = put("auroras", "{\"inactiveDays\":3651,\"pausedDays\":3650}", OTHER_ORGANISER);
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(fields(tooMany)).containsExactly("inactiveDays");
        HttpResponse<String> missing = put("auroras", "{\"inactiveDays\":3650}", OTHER_ORGANISER);
        assertThat(fields(missing)).containsExactly("pausedDays");
        assertThat(fields(put("auroras", "[45]", OTHER_ORGANISER))).containsExactly("body");
        assertThat(fields(put("auroras", "{\"inactiveDays\":", OTHER_ORGANISER))).containsExactly("body");

        assertThat(json(query.send("GET", "/api/programmes/auroras/attention-thresholds", "application/json",
                OTHER_ORGANISER)).get("inactiveDays").asInt()).isEqualTo(30);
    }

    @Test
    void aReplayLeavesTheThresholdsAsTheyWereSet() {
        assertThat(put("replayed", "{\"inactiveDays\":77,\"pausedDays\":88}", TestUsers.ADMIN).statusCode()).isEqualTo(200);
        Map<String, Integer> generations = activeGenerations();

        assertThat(query.post("/api/admin/replay").statusCode()).isEqualTo(202);
        await().atMost(BOUND).pollInterval(Duration.ofMillis(100)).until(() -> {
            Map<String, Integer> now = activeGenerations();
            return query.caughtUp() && now.keySet().stream().allMatch(name -> now.get(name) > generations.get(name));
        });

        JsonNode after = query.json("/api/programmes/replayed/attention-thresholds");
        assertThat(after.get("inactiveDays").asInt()).isEqualTo(77);
        assertThat(after.get("pausedDays").asInt()).isEqualTo(88);
        assertThat(after.get("setBy").asText()).isEqualTo("admin");
    }

    private static HttpResponse<String> put(String programme, String body, User user) {
        return query.client().send("PUT", "/api/programmes/" + programme + "/attention-thresholds", user,
                "application/json", body, "Accept", "application/json");
    }

    private static JsonNode json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return QueryApp.parse(response.body());
    }

    private static List<String> fields(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        QueryApp.parse(response.body()).get("errors").forEach(error -> fields.add(error.get("field").asText()));
        return fields;
    }

    /** relationship id → its reasons, space-separated. */
    private static Map<String, String> reasons(String path) {
        Map<String, String> reasons = new HashMap<>();
        for (JsonNode item : query.json(path).get("items")) {
            List<String> why = new ArrayList<>();
            item.get("reasons").forEach(reason -> why.add(reason.asText()));
            reasons.put(item.get("relationshipId").asText(), String.join(" ", why));
        }
        return reasons;
    }

    private static Map<String, Integer> activeGenerations() {
        Map<String, Integer> generations = new HashMap<>();
        query.json("/api/admin/processors").forEach(p -> generations.put(p.get("name").asText(),
                p.get("activeGeneration").asInt()));
        return generations;
    }
}
