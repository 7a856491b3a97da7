package fi.mentoringledger.query.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.math.RoundingMode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import fi.mentoringledger.api.relationship.Party;
import fi.mentoringledger.api.relationship.Stage;
import fi.mentoringledger.eventstore.PostgresTestDatabase;
import fi.mentoringledger.query.support.Browser;
import fi.mentoringledger.query.support.CommandServiceProcess;
import fi.mentoringledger.query.support.ExpectedReport;
import fi.mentoringledger.query.support.ExpectedRetention;
import fi.mentoringledger.query.support.Journey;
import fi.mentoringledger.query.support.Population;
import fi.mentoringledger.query.support.PrivateText;
import fi.mentoringledger.query.support.QueryApp;
import fi.mentoringledger.security.TestUsers;
import fi.mentoringledger.testsupport.CommandRequests;

/**
 * The organisers' dashboard in headless Chromium, against both services on PostgreSQL: a seeded
 * population goes through the command API, and every figure the pages show is checked against
 * what this test works out from the requests it sent. Screenshots of every page land in
 * {@code target/screenshots/}.
 */
class DashboardBrowserIT {

    private static final Duration BOUND = Duration.ofMinutes(3);
    private static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");

    @RegisterExtension
    static final PostgresTestDatabase database = PostgresTestDatabase.create();
    private static CommandServiceProcess commands;
    private static QueryApp query;
    private static List<Journey> population;
    private static Browser browser;
    private static final TestUsers.User ORGANISER = TestUsers.user("organiser-womento", "ORGANISER", null, "womento");
    /** The womento relationship with the most events, the one the organiser's test opens too. */
    private static Journey menteesJourney;
    private static TestUsers.User mentee;
    /** A relationship whose mentee's personal data an admin erased; none of the other tests opens it. */
    private static Journey erasedJourney;

    @BeforeAll
    static void bothServicesAPopulationAndABrowser() {
        Browser.requireInstalled();
        commands = database.closeAfterAll(CommandServiceProcess.start(database));
        population = new ArrayList<>(Population.generate(4242, 44, "ui-"));
        // an open concern addressed to the organiser, whatever the generated pairs hold
        LocalDate recently = LocalDate.now(HELSINKI).minusDays(20);
        population.add(new Journey("ui-concern-for-organiser", "auroras", recently).agree(recently.plusDays(1), 1)
                .meet(recently.plusDays(2)).raiseConcernForOrganiser("c1", recently.plusDays(3)));
        menteesJourney = population.stream().filter(j -> "womento".equals(j.programmeId))
                .max(Comparator.comparingInt(j -> j.events.size())).orElseThrow();
        mentee = TestUsers.user("mentee-womento", "MENTEE", menteesJourney.personId(Party.MENTEE));
        query = database.closeAfterAll(QueryApp.start(database, null, List.of(
                "--mentoring.reason-schemes[0].name=funder",
                "--mentoring.reason-schemes[0].categories[0].name=Circumstances",
                "--mentoring.reason-schemes[0].categories[0].reasons=LACK_OF_TIME,RELOCATION,HEALTH_OR_FAMILY",
                "--mentoring.reason-schemes[0].categories[1].name=Everything else",
                "--mentoring.reason-schemes[0].categories[1].reasons=MISMATCH,CHANGE_OF_GOALS,LOST_CONTACT,"
                        + "ORGANISER_DECISION,OTHER"), TestUsers.ADMIN, ORGANISER, mentee));
        for (Journey journey : population) {
            for (Object event : journey.events) {
                CommandRequests.Request request = CommandRequests.of(journey.id, event);
                HttpResponse<String> response = commands.post(request.path(), request.body());
                assertThat(response.statusCode()).as("%s -> %s", request.path(), response.body()).isIn(200, 201);
            }
        }
        // The command side of this branch cannot erase yet: the event goes into the store as it would record it.
        erasedJourney = population.stream().filter(j -> "suomen-mentorit".equals(j.programmeId)
                && j != population.get(8) && j != population.get(9)).findFirst().orElseThrow();
        int erasure = erasedJourney.events.size();
        erasedJourney.erase(Party.MENTEE, LocalDate.of(2026, 11, 29));
        query.append(erasedJourney.id, List.of(erasedJourney.events.get(erasure)), erasure);
        long events = population.stream().mapToLong(j -> j.events.size()).sum();
        await().atMost(BOUND).pollInterval(Duration.ofMillis(200)).until(() -> query.caughtUp()
                && query.json("/api/admin/processors").get(0).get("headPosition").asLong() >= events);
        browser = database.closeAfterAll(Browser.start(base(), "en-GB,en"));
        browser.open("#/overview");
    }

    @AfterEach
    void thePageStayedOnThisOriginWithoutErrors() {
        stayedOnThisOriginWithoutErrors(browser);
    }

    /** Nothing loaded from a CDN or any other site, and no script error or policy violation on the console. */
    private static void stayedOnThisOriginWithoutErrors(Browser browser) {
        assertThat(browser.resourcesLoaded()).allSatisfy(url -> assertThat(url).startsWith(base() + "/"));
        assertThat(browser.consoleProblems()).isEmpty();
    }

    @Test
    void theOverviewShowsTheRatesFiguresChartsAndTablesOfTheSeededRelationships() throws Exception {
        browser.open("#/overview");
        ObjectNode expected = ExpectedReport.figures(population);
        assertThat(expected.get("ended").asLong()).isPositive();

        assertKeyFigures(expected, Locale.ENGLISH);
        for (Stage stage : Stage.values()) {
            assertThat(chartCount("byStage", stage.name())).as(stage.name())
                    .isEqualTo(expected.at("/byStage/" + stage.name()).asLong());
        }
        assertThat(chartCount("funnel", "STARTED")).isEqualTo(population.size());
        for (String reached : List.of("AGREED", "IN_PROGRESS", "CLOSED")) {
            assertThat(chartCount("funnel", reached)).isEqualTo(expected.at("/funnel/" + reached).asLong());
        }
        expected.get("terminationsByReason").properties().forEach(reason ->
                assertThat(chartCount("terminationsByReason", reason.getKey())).isEqualTo(reason.getValue().asLong()));
        expected.get("terminationsByStage").properties().forEach(stage ->
                assertThat(chartCount("terminationsByStage", stage.getKey())).isEqualTo(stage.getValue().asLong()));
        assertThat(browser.findAll(By.cssSelector("[data-chart] svg"))).as("charts drawn").hasSize(4);

        JsonNode byProgramme = ExpectedReport.grouped(population, "programme").get("groups");
        List<WebElement> rows = browser.findAll(By.cssSelector("#by-programme tbody tr"));
        assertThat(rows).hasSize(byProgramme.size());
        for (int i = 0; i < rows.size(); i++) {
            JsonNode group = byProgramme.get(i);
            assertThat(rows.get(i).getDomAttribute("data-key")).isEqualTo(group.get("key").isNull() ? "" : group.get("key").asText());
            assertThat(value(rows.get(i).findElement(By.cssSelector("td:nth-of-type(1)")))).isEqualTo(group.get("relationships").asDouble());
            assertThat(rateCell(rows.get(i), 4)).isEqualTo(nullable(group.get("completionRate")));
            assertThat(rateCell(rows.get(i), 5)).isEqualTo(nullable(group.get("dropOutRate")));
        }
        JsonNode byQuarter = ExpectedReport.grouped(population, "startQuarter").get("groups");
        List<String> quarters = new ArrayList<>();
        byQuarter.forEach(group -> quarters.add(group.get("key").asText()));
        assertThat(browser.findAll(By.cssSelector("#by-quarter tbody tr")))
                .extracting(row -> row.getDomAttribute("data-key")).containsExactlyElementsOf(quarters);

        Map<String, Long> csv = downloadChartCsv("byStage");
        for (Stage stage : Stage.values()) {
            assertThat(csv.get(stage.name())).isEqualTo(expected.at("/byStage/" + stage.name()).asLong());
        }
        browser.screenshot("overview");
    }

    /**
     * The CSV the pages write: text a spreadsheet would run as a formula (ids stored before ids were
     * restricted may start so) is written as text, quoting as RFC 4180 says; numbers stay numbers.
     */
    @Test
    void thePagesCsvWritesFormulaLookingTextAsText() throws Exception {
        browser.open("#/overview");
        // as JSON, since the driver hands strings back with their CRLFs turned into LFs
        String csv = QueryApp.parse((String) browser.driver().executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('/dashboard/csv.js').then((m) => done(JSON.stringify(m.csvText(['key', 'count'],
                    [['=HYPERLINK("http://x","y")', 1], ['+1', -2], ['-3', 0], ['@SUM(A1)', 4], ['\tx', 5], ['a,b', 6],
                     ['plain', 7]]))));""")).asText();

        assertThat(visible(csv)).isEqualTo(visible("key,count\r\n"
                + "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",1\r\n"
                + "'+1,-2\r\n"
                + "'-3,0\r\n"
                + "'@SUM(A1),4\r\n"
                + "'\tx,5\r\n"
                + "\"a,b\",6\r\n"
                + "plain,7\r\n"));
    }

    /** Line ends and tabs made visible, so that a difference in them shows in the failure. */
    private static String visible(Object text) {
        return String.valueOf(text).replace("\r", "<CR>").replace("\t", "<TAB>");
    }

    @Test
    void aFilterChangesTheFigures() {
        browser.open("#/overview");
        LocalDate from = LocalDate.of(2024, 3, 1);
        LocalDate to = LocalDate.of(2024, 12, 31);
        ObjectNode everyone = ExpectedReport.figures(population);
        ObjectNode expected = ExpectedReport.figures(ExpectedReport.select(population, "womento", from, to));
        assertThat(expected.get("relationships").asLong()).isNotEqualTo(everyone.get("relationships").asLong());

        new Select(browser.find(By.id("f-programme"))).selectByValue("womento");
        browser.script("arguments[0].value = arguments[2]; arguments[1].value = arguments[3];",
                browser.find(By.id("f-from")), browser.find(By.id("f-to")), from.toString(), to.toString());
        int before = browser.renders();
        browser.find(By.id("f-apply")).click();
        browser.awaitRenderAfter(before);

        assertThat(browser.driver().getCurrentUrl()).contains("programmeId=womento", "startedFrom=2024-03-01");
        assertKeyFigures(expected, Locale.ENGLISH);
        assertThat(browser.findAll(By.cssSelector("#by-programme tbody tr")))
                .extracting(row -> row.getDomAttribute("data-key")).containsExactly("womento");
        browser.screenshot("overview-filtered");

        browser.open("#/overview?startedFrom=2019-01-01&startedTo=2019-12-31");
        assertThat(browser.findAll(By.cssSelector("[data-kpi]"))).isEmpty();
        assertThat(browser.text(By.cssSelector("main .notice.empty"))).contains("No relationship started within this selection");
        browser.screenshot("overview-empty-selection");
    }

    /**
     * The report of a past day from the filter's two dates: known on today it is today's report
     * (every seeded event was recorded before); as of a day before any start it has nobody.
     */
    @Test
    void theFiltersGiveTheReportAsOfAPastDayAndAsKnownOnOne() {
        browser.open("#/overview");
        String today = LocalDate.now(ZoneId.of("Europe/Helsinki")).toString(); // the service's mentoring.time-zone
        browser.script("arguments[0].value = arguments[1];", browser.find(By.id("f-known-on")), today);
        int before = browser.renders();
        browser.find(By.id("f-apply")).click();
        browser.awaitRenderAfter(before);

        assertThat(browser.driver().getCurrentUrl()).contains("knownOn=" + today);
        assertKeyFigures(ExpectedReport.figures(population), Locale.ENGLISH);
        assertThat(browser.find(By.id("f-known-on")).getDomProperty("value")).isNotEmpty();

        browser.open("#/overview?asOf=2019-12-31");
        assertThat(browser.findAll(By.cssSelector("[data-kpi]"))).isEmpty();
        assertThat(browser.text(By.cssSelector("main .notice.empty"))).contains("No relationship started within this selection");
        browser.screenshot("overview-as-of");
    }

    /**
     * "What was our drop-out rate then, and what is it now": today's figures (the test's own count)
     * beside those as of the middle start day (the service's past-day report, which OutcomesAsOfTest
     * checks against its own count), and the difference of each.
     */
    @Test
    void twoMomentsStandSideBySideWithTheirDifference() {
        List<LocalDate> starts = population.stream().map(j -> j.startedOn).sorted().toList();
        LocalDate middle = starts.get(starts.size() / 2);
        JsonNode then = query.json("/api/reports/outcomes?asOf=" + middle);
        ObjectNode now = ExpectedReport.figures(population);
        assertThat(then.get("relationships").asLong()).isLessThan(now.get("relationships").asLong()).isPositive();
        browser.open("#/overview");
        browser.find(By.id("f-compare")).click();
        browser.script("arguments[0].value = arguments[1];", browser.find(By.id("f-compare-as-of")), middle.toString());
        int before = browser.renders();
        browser.find(By.id("f-apply")).click();
        browser.awaitRenderAfter(before);

        assertThat(browser.driver().getCurrentUrl()).contains("compare=1", "compareAsOf=" + middle);
        assertKeyFigures(now, Locale.ENGLISH);
        List<WebElement> heads = browser.findAll(By.cssSelector("#comparison thead th"));
        assertThat(heads).extracting(WebElement::getText).containsExactly("Figure", "Today",
                "As of " + DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.ENGLISH).format(middle), "Difference");
        for (String figure : List.of("relationships", "ended", "dropOutRate", "completionRate")) {
            WebElement row = browser.find(By.cssSelector("#comparison tr[data-kpi=" + figure + "]"));
            assertThat(value(row.findElement(By.cssSelector("td:nth-of-type(1)")))).as(figure)
                    .isEqualTo(nullable(now.get(figure)));
            assertThat(value(row.findElement(By.cssSelector("td:nth-of-type(2)")))).as(figure)
                    .isEqualTo(nullable(then.get(figure)));
        }
        long fewer = then.get("relationships").asLong() - now.get("relationships").asLong();
        assertThat(browser.text(By.cssSelector("#comparison tr[data-kpi=relationships] td:nth-of-type(3)")))
                .isEqualTo("−" + Math.abs(fewer));
        double points = (then.get("dropOutRate").asDouble() - now.get("dropOutRate").asDouble()) * 100;
        assertThat(browser.text(By.cssSelector("#comparison tr[data-kpi=dropOutRate] td:nth-of-type(3)")))
                .as("a rate's difference is in percentage points")
                .isEqualTo((points > 0 ? "+" : points < 0 ? "−" : "±") + oneDecimal(Math.abs(points)) + " pp");
        browser.screenshot("overview-two-moments");

        browser.find(By.id("f-compare")).click();
        before = browser.renders();
        browser.find(By.id("f-apply")).click();
        browser.awaitRenderAfter(before);
        assertThat(browser.findAll(By.id("comparison"))).as("unticked, one moment again").isEmpty();
        assertThat(browser.driver().getCurrentUrl()).doesNotContain("compareAsOf");
    }

    /** Both new parts of the overview speak each language: no key or code shown raw. */
    @Test
    void theTwoMomentsAndTheRecodedReasonsReadInEachLanguage() {
        LocalDate day = population.stream().map(j -> j.startedOn).sorted().toList().get(population.size() / 2);
        Map<String, List<String>> languages = new LinkedHashMap<>();
        languages.put("fi-FI,fi", List.of("fi", "Kaksi hetkeä rinnakkain", "Päättymiset luokittain (funder)", "Ero"));
        languages.put("sv-FI,sv", List.of("sv", "Två tidpunkter sida vid sida", "Avbrott per kategori (funder)", "Skillnad"));
        languages.put("en-GB,en", List.of("en", "Two moments side by side", "Terminations by category (funder)", "Difference"));
        for (Map.Entry<String, List<String>> language : languages.entrySet()) {
            List<String> words = language.getValue();
            try (Browser reader = Browser.start(base(), language.getKey())) {
                reader.open("#/overview?compare=1&compareAsOf=" + day + "&reasonScheme=funder");
                assertThat(reader.find(By.tagName("html")).getDomAttribute("lang")).isEqualTo(words.get(0));
                assertThat(reader.text(By.id("comparison-heading"))).isEqualTo(words.get(1));
                assertThat(reader.text(By.id("chart-terminationsByCategory-heading"))).isEqualTo(words.get(2));
                assertThat(reader.text(By.cssSelector("#comparison thead th:last-child"))).isEqualTo(words.get(3));
                assertThat(reader.findAll(By.cssSelector("#chart-terminationsByCategory [data-chart] svg"))).hasSize(1);
                assertThat(reader.text(By.tagName("main"))).doesNotContain("compare.", "reasonScheme.", "undefined", "=>",
                        "[object", "NaN");
                reader.screenshot("overview-two-moments-" + words.get(0));
                stayedOnThisOriginWithoutErrors(reader);
            }
        }
    }

    /** The funder's categories, each the test's own sum of the reasons the scheme puts in it. */
    @Test
    void theOverviewCountsTerminationsByAConfiguredSchemesCategories() {
        ObjectNode expected = ExpectedReport.figures(population);
        long circumstances = List.of("LACK_OF_TIME", "RELOCATION", "HEALTH_OR_FAMILY").stream()
                .mapToLong(reason -> expected.at("/terminationsByReason/" + reason).asLong()).sum();
        browser.open("#/overview");
        assertThat(browser.findAll(By.id("chart-terminationsByCategory"))).as("only when chosen").isEmpty();
        new Select(browser.find(By.id("f-scheme"))).selectByValue("funder");
        int before = browser.renders();
        browser.find(By.id("f-apply")).click();
        browser.awaitRenderAfter(before);

        assertThat(browser.text(By.id("chart-terminationsByCategory-heading")))
                .isEqualTo("Terminations by category (funder)");
        assertThat(Long.parseLong(browser.find(By.cssSelector("#chart-terminationsByCategory tr[data-code='Circumstances']"))
                .getDomAttribute("data-count"))).isEqualTo(circumstances);
        assertThat(Long.parseLong(browser.find(By.cssSelector("#chart-terminationsByCategory tr[data-code='Everything else']"))
                .getDomAttribute("data-count"))).isEqualTo(expected.get("droppedOut").asLong() - circumstances);
        browser.screenshot("overview-recoded-reasons");
    }

    @Test
    void aSelectionWithoutEndedRelationshipsSaysWhyItHasNoRatesYet() {
        LocalDate day = population.stream()
                .map(j -> j.startedOn)
                .filter(start -> ExpectedReport.select(population, null, start, start).stream().noneMatch(Journey::ended))
                .findFirst().orElseThrow(() -> new AssertionError("the seeded population has no start date without an ending"));
        ObjectNode expected = ExpectedReport.figures(ExpectedReport.select(population, null, day, day));
        assertThat(expected.get("ended").asLong()).isZero();

        browser.open("#/overview?startedFrom=" + day + "&startedTo=" + day);

        assertKeyFigures(expected, Locale.ENGLISH);
        assertThat(browser.text(By.cssSelector("[data-kpi=completionRate] dd"))).isEqualTo("–");
        assertThat(browser.text(By.cssSelector("main .notice.empty"))).startsWith("No relationship in this selection has ended yet");
        assertThat(browser.findAll(By.cssSelector("#chart-terminationsByReason .notice.empty"))).hasSize(1);
        browser.screenshot("overview-nothing-ended");
    }

    /**
     * The retention view in each language: its two charts drawn, each card's line on how to read it
     * in that language (no key or code shown raw), and its figures those the test works out from the
     * journeys it sent, up to the day the page says open relationships are followed to.
     */
    @Test
    void theRetentionViewShowsItsChartsHowToReadThemAndTheFiguresInEachLanguage() {
        Map<String, List<String>> languages = new LinkedHashMap<>();
        languages.put("fi-FI,fi", List.of("fi", "Pysyvyys", "Pysyvyys: kuinka kauan parit jatkavat", "Näin luet: "));
        languages.put("sv-FI,sv", List.of("sv", "Varaktighet", "Varaktighet: hur länge paren håller ihop", "Så läser du: "));
        languages.put("en-GB,en", List.of("en", "Retention", "Retention: how long pairs stay", "How to read it: "));
        for (Map.Entry<String, List<String>> language : languages.entrySet()) {
            List<String> words = language.getValue();
            try (Browser reader = Browser.start(base(), language.getKey())) {
                reader.open("#/retention");
                assertThat(reader.find(By.tagName("html")).getDomAttribute("lang")).isEqualTo(words.get(0));
                assertThat(reader.text(By.cssSelector("#nav a[href='#/retention']"))).isEqualTo(words.get(1));
                assertThat(reader.find(By.cssSelector("#nav a[href='#/retention']")).getDomAttribute("aria-current"))
                        .isEqualTo("page");
                assertThat(reader.text(By.tagName("h1"))).isEqualTo(words.get(2));
                assertThat(reader.findAll(By.cssSelector("#chart-survival [data-chart] svg"))).as("the survival curve").hasSize(1);
                assertThat(reader.findAll(By.cssSelector("#chart-terminationsByMonth [data-chart] svg"))).as("the bars").hasSize(1);
                List<WebElement> readings = reader.findAll(By.cssSelector("section.card p.reading"));
                assertThat(readings).hasSize(3).allSatisfy(line -> assertThat(line.getText()).startsWith(words.get(3)));
                String page = reader.text(By.tagName("main"));
                assertThat(page).doesNotContain("retention.", "undefined", "=>", "[object", "NaN", "IN_PROGRESS", "timeTo");

                LocalDate today = LocalDate.parse(reader.find(By.id("retention-today")).getDomAttribute("data-today"));
                JsonNode expected = ExpectedRetention.groups(population, null, today).get(0);
                List<WebElement> checkpoints = reader.findAll(By.cssSelector("#survival-at tbody td"));
                assertThat(checkpoints).hasSize(4);
                for (int i = 0; i < 4; i++) {
                    JsonNode at = expected.at("/survival/at/" + i);
                    assertThat(checkpoints.get(i).getDomAttribute("data-day")).isEqualTo(at.get("day").asText());
                    assertThat(value(checkpoints.get(i))).as("surviving after %s days", at.get("day"))
                            .isCloseTo(at.get("surviving").asDouble(), within(1e-9));
                }
                assertThat(value(reader.find(By.cssSelector(
                        "#durations tr[data-measure=timeToFirstMeeting] td[data-figure=median]"))))
                        .isEqualTo(expected.at("/timeToFirstMeeting/median").asDouble());
                assertThat(value(reader.find(By.cssSelector(
                        "#durations tr[data-measure='timeInStage.AGREED'] td[data-figure=p75]"))))
                        .isEqualTo(expected.at("/timeInStage/AGREED/p75").asDouble());
                List<Long> months = reader.findAll(By.cssSelector("#chart-terminationsByMonth td[data-count]")).stream()
                        .map(cell -> Long.valueOf(cell.getDomAttribute("data-count"))).toList();
                List<Long> expectedMonths = new ArrayList<>();
                expected.get("terminationsByMonth").forEach(month -> expectedMonths.add(month.get("terminations").asLong()));
                assertThat(months).isNotEmpty().isEqualTo(expectedMonths);
                reader.screenshot("retention-" + words.get(0));
                stayedOnThisOriginWithoutErrors(reader);
            }
        }
    }

    /** A day the calendar lacks is said at its field, which takes the focus, and the view stays as it was. */
    @Test
    void aDateFilterThatCannotBeReadIsMarkedWhereItWasTyped() {
        for (String[] view : List.of(new String[] {"#/overview", "f-to"}, new String[] {"#/retention", "r-to"},
                new String[] {"#/warning-signs", "ws-to"})) {
            browser.open(view[0]);
            String before = browser.driver().getCurrentUrl();
            browser.find(By.id(view[1])).sendKeys("31/2/2026");
            browser.find(By.cssSelector("main form.filters button[type=submit]")).click();

            assertThat(browser.find(By.id(view[1] + "-error")).isDisplayed()).as(view[0]).isTrue();
            assertThat(browser.text(By.id(view[1] + "-error"))).as(view[0]).isNotBlank();
            assertThat(browser.find(By.id(view[1])).getDomAttribute("aria-invalid")).isEqualTo("true");
            assertThat(activeElementId()).isEqualTo(view[1]);
            assertThat(browser.driver().getCurrentUrl()).isEqualTo(before);
        }
    }

    /** The retention CSV is fetched when the link is followed, and is the service's own. */
    @Test
    void theRetentionCsvDownloadsWhenAskedForAndIsTheServicesOwn() throws Exception {
        Path downloads = Files.createDirectories(Path.of("target", "downloads"));
        Path file = downloads.resolve("retention.csv");
        Files.deleteIfExists(file);
        browser.open("#/retention?groupBy=programme");
        browser.driver().executeCdpCommand("Browser.setDownloadBehavior",
                Map.of("behavior", "allow", "downloadPath", downloads.toAbsolutePath().toString()));
        browser.find(By.cssSelector("main a[data-csv='retention.csv']")).click();
        await().atMost(BOUND).pollInterval(Duration.ofMillis(100)).until(() -> Files.isRegularFile(file)
                && Files.readString(file).endsWith("\r\n"));

        HttpResponse<String> csv = query.send("GET", "/api/reports/retention?groupBy=programme", "text/csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(Files.readString(file)).isEqualTo(csv.body()).startsWith("key,figure,stage,day,month,value\r\n");
    }

    @Test
    void theRelationshipsListFiltersAndOneRelationshipShowsItsSummaryAndItsEventsInOrder() {
        browser.open("#/relationships");
        new Select(browser.find(By.id("r-programme"))).selectByValue("auroras");
        new Select(browser.find(By.id("r-stage"))).selectByValue("CLOSED");
        int before = browser.renders();
        browser.find(By.id("r-apply")).click();
        browser.awaitRenderAfter(before);

        List<Journey> closed = population.stream()
                .filter(j -> "auroras".equals(j.programmeId) && j.stage == Stage.CLOSED).toList();
        assertThat(closed).isNotEmpty();
        List<String> listed = browser.findAll(By.cssSelector("table.relationships tbody tr")).stream()
                .map(row -> row.getDomAttribute("data-id")).toList();
        assertThat(listed).containsExactlyInAnyOrderElementsOf(closed.stream().map(j -> j.id).toList());
        browser.screenshot("relationships");

        Journey journey = closed.stream().max(Comparator.comparingInt(j -> j.events.size())).orElseThrow();
        before = browser.renders();
        browser.find(By.cssSelector("tr[data-id='" + journey.id + "'] a")).click();
        browser.awaitRenderAfter(before);

        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Mentor " + journey.id + " – Mentee " + journey.id);
        assertThat(browser.find(By.cssSelector("[data-fact=startedOn] time")).getDomAttribute("datetime"))
                .isEqualTo(journey.startedOn.toString());
        assertThat(browser.find(By.cssSelector("[data-fact=endedOn] time")).getDomAttribute("datetime"))
                .isEqualTo(journey.endedOn.toString());
        assertThat(browser.text(By.cssSelector("[data-fact=meetings]"))).isEqualTo(String.valueOf(journey.meetings));

        List<WebElement> entries = browser.findAll(By.cssSelector("ol.timeline > li"));
        assertThat(entries).extracting(li -> li.getDomAttribute("data-type"))
                .containsExactlyElementsOf(journey.events.stream().map(e -> e.getClass().getSimpleName()).toList());
        for (int i = 0; i < entries.size(); i++) {
            WebElement entry = entries.get(i);
            Object event = journey.events.get(i);
            assertThat(entry.getDomAttribute("data-sequence")).isEqualTo(String.valueOf(i));
            List<WebElement> times = entry.findElements(By.cssSelector(".when time"));
            assertThat(times).hasSize(2);
            if (CommandRequests.clientDated(event)) {
                assertThat(times.get(0).getDomAttribute("datetime")).isEqualTo(CommandRequests.businessDate(event).toString());
            }
            assertThat(times.get(1).getDomAttribute("datetime")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
            assertThat(entry.getText()).contains("Happened", "Recorded", "By");
        }
        assertThat(browser.driver().getPageSource()).doesNotContain(Journey.PRIVATE);
        browser.screenshot("relationship");

        browser.resize(390, 844);
        try {
            assertThat(browser.script("return document.documentElement.scrollWidth <= window.innerWidth;"))
                    .as("no sideways scrolling at phone width").isEqualTo(true);
            browser.screenshot("relationship-phone");
        } finally {
            browser.resize(1280, 1000);
        }
    }

    @Test
    void theNeedsAttentionViewListsThePairsToCheckInWithAndTheDaysAreAdjustable() {
        browser.open("#/attention");
        assertThat(attentionRows()).isEqualTo(expectedAttention(30, 60));
        assertThat(attentionRows()).isNotEmpty();
        browser.screenshot("attention");

        WebElement inactive = browser.find(By.id("a-inactive"));
        inactive.clear();
        inactive.sendKeys("3650");
        WebElement paused = browser.find(By.id("a-paused"));
        paused.clear();
        paused.sendKeys("3650");
        int before = browser.renders();
        browser.find(By.id("a-apply")).click();
        browser.awaitRenderAfter(before);

        Map<String, String> onlyConcerns = expectedAttention(3650, 3650);
        assertThat(onlyConcerns).isNotEmpty();
        assertThat(onlyConcerns.values()).containsOnly("OPEN_CONCERN");
        assertThat(attentionRows()).isEqualTo(onlyConcerns);

        browser.open("#/attention?programmeId=no-such-programme");
        assertThat(browser.findAll(By.cssSelector("table.relationships"))).isEmpty();
        assertThat(browser.text(By.cssSelector("main .notice.empty"))).isEqualTo("No relationship needs attention right now.");
    }

    /**
     * The warning signs of one programme in each language, the figures checked against the test's
     * own reading of its journeys (the no-agreement signal: flagged N + 1 days after the start if
     * still not agreed then and not yet ended), and thresholds made the programme's defaults from the
     * tables' buttons, which the needs-attention view then uses and says so.
     */
    @Test
    void theWarningSignsViewBackTestsTheSignalsInEachLanguageAndSetsTheProgrammesDefault() {
        List<Journey> womento = population.stream().filter(j -> "womento".equals(j.programmeId)).toList();
        long terminated = womento.stream().filter(j -> j.stage == Stage.TERMINATED).count();
        try {
            for (String language : List.of("fi", "sv", "en")) {
                browser.open("#/warning-signs?programmeId=womento");
                if (!language.equals(browser.find(By.tagName("html")).getDomAttribute("lang"))) {
                    browser.chooseLanguage(language);
                }
                assertThat(browser.text(By.cssSelector("#nav a[href='#/warning-signs']")))
                        .isEqualTo(Map.of("fi", "Varoitusmerkit", "sv", "Varningssignaler", "en", "Warning signs").get(language));
                assertThat(browser.text(By.tagName("h1"))).isEqualTo(Map.of("fi", "Varoitusmerkit jälkikäteen testattuina",
                        "sv", "Varningssignaler, testade i efterhand", "en", "Warning signs, back-tested").get(language));
                WebElement baseRate = browser.find(By.id("ws-base-rate"));
                assertThat(baseRate.getDomAttribute("data-relationships")).isEqualTo(String.valueOf(womento.size()));
                assertThat(baseRate.getDomAttribute("data-terminated")).isEqualTo(String.valueOf(terminated));
                assertThat(space(baseRate.getText())).contains(percent((double) terminated / womento.size(),
                        Locale.forLanguageTag(language)));
                for (int days : List.of(7, 14, 30, 60)) {
                    WebElement row = browser.find(By.cssSelector("#ws-NO_AGREEMENT tr[data-days='" + days + "']"));
                    assertThat(row.getDomAttribute("data-flagged")).as("flagged at " + days)
                            .isEqualTo(String.valueOf(noAgreementFlags(womento, days).size()));
                    assertThat(row.getDomAttribute("data-early")).as("caught early at " + days)
                            .isEqualTo(String.valueOf(caughtEarly(noAgreementFlags(womento, days))));
                }
                Integer suggested = suggestedNoAgreement(womento);
                assertThat(browser.find(By.id("ws-NO_AGREEMENT")).getDomAttribute("data-suggested"))
                        .isEqualTo(suggested == null ? "" : String.valueOf(suggested));
                assertThat(browser.findAll(By.cssSelector("#ws-NO_AGREEMENT tr.suggested")))
                        .hasSize(suggested == null ? 0 : 1);
                assertThat(browser.findAll(By.cssSelector("main section.card h2"))).hasSize(4);
                assertThat(browser.findAll(By.cssSelector("main section.card .how-to-read"))).hasSize(4);
                String text = browser.text(By.tagName("main"));
                assertThat(text).doesNotContain("undefined", "NO_RECENT_MEETING", "PAUSED_LONG", "OPEN_CONCERN",
                        "NO_AGREEMENT", "warningSigns", "null", "NaN");
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> poor = (List<Map<String, Object>>) browser.script(CONTRAST);
                assertThat(poor).as("text below 4.5:1 contrast in " + language).isEmpty();
                browser.screenshot("warning-signs-" + language);
            }
        } finally {
            if (!"en".equals(browser.find(By.tagName("html")).getDomAttribute("lang"))) {
                browser.chooseLanguage("en");
            }
        }

        assertThat(browser.findAll(By.cssSelector("#ws-OPEN_CONCERN button[data-use]"))).as("not a setting").isEmpty();
        browser.find(By.cssSelector("#ws-NO_RECENT_MEETING button[data-use='45']")).click();
        browser.waitFor(d -> !d.findElements(By.cssSelector("#ws-status .notice.success")).isEmpty());
        assertThat(browser.text(By.cssSelector("#ws-NO_RECENT_MEETING tr[data-days='45'] th"))).contains("in use");
        assertThat(browser.findAll(By.cssSelector("#ws-NO_RECENT_MEETING tr[data-days='45'] button"))).isEmpty();
        browser.find(By.cssSelector("#ws-NO_AGREEMENT button[data-use='30']")).click();
        browser.waitFor(d -> d.findElements(By.cssSelector("#ws-NO_AGREEMENT tr[data-days='30'] button")).isEmpty()
                && !d.findElements(By.cssSelector("#ws-status .notice.success")).isEmpty());
        assertThat(browser.text(By.cssSelector("#ws-NO_RECENT_MEETING tr[data-days='45'] th"))).as("kept")
                .contains("in use");

        browser.open("#/attention?programmeId=womento");
        WebElement inUse = browser.find(By.id("a-thresholds"));
        assertThat(inUse.getDomAttribute("data-source")).isEqualTo("programme");
        assertThat(inUse.getDomAttribute("data-inactive-days")).isEqualTo("45");
        assertThat(inUse.getDomAttribute("data-agreement-days")).isEqualTo("30");
        assertThat(inUse.getText()).contains("45 days", "this programme's own", TestUsers.ADMIN.username(),
                "more than 30 days after the start");
        assertThat(browser.find(By.id("a-inactive")).getDomProperty("value")).isEqualTo("45");
        Map<String, String> expected = new HashMap<>(expectedAttention(45, 60));
        expected.keySet().retainAll(womento.stream().map(j -> j.id).toList());
        LocalDate today = LocalDate.now(HELSINKI);
        for (Journey j : womento) {
            if (j.stage == Stage.STARTED && j.startedOn.isBefore(today.minusDays(30))) {
                expected.merge(j.id, "NO_AGREEMENT", (reasons, more) -> reasons + " " + more);
            }
        }
        assertThat(expected.values()).anySatisfy(reasons -> assertThat(reasons).contains("NO_AGREEMENT"));
        assertThat(attentionRows()).isEqualTo(expected);
        assertThat(browser.text(By.cssSelector("table.relationships"))).contains("no agreement 30 days after the start");
        browser.screenshot("attention-programme-default");
    }

    @Test
    void theLanguageComesFromTheBrowserAndSwitchesOnThePageWithDatesAndNumbersToMatch() {
        try (Browser swedish = Browser.start(base(), "sv-FI,sv,en")) {
            swedish.open("#/overview");
            ObjectNode expected = ExpectedReport.figures(population);
            assertThat(swedish.find(By.tagName("html")).getDomAttribute("lang")).isEqualTo("sv");
            assertThat(swedish.text(By.cssSelector("#nav a[href='#/overview']"))).isEqualTo("Översikt");
            assertThat(swedish.text(By.cssSelector("[data-kpi=completionRate] dt"))).isEqualTo("Andel slutförda");
            assertThat(space(swedish.text(By.cssSelector("[data-kpi=completionRate] dd"))))
                    .isEqualTo(percent(expected.get("completionRate").asDouble(), Locale.forLanguageTag("sv")));
            swedish.screenshot("overview-sv");

            swedish.chooseLanguage("fi");
            assertThat(swedish.find(By.tagName("html")).getDomAttribute("lang")).isEqualTo("fi");
            assertThat(swedish.text(By.cssSelector("#nav a[href='#/overview']"))).isEqualTo("Yleiskuva");
            assertThat(swedish.text(By.cssSelector("[data-kpi=completionRate] dt"))).isEqualTo("Läpivientiaste");
            assertThat(space(swedish.text(By.cssSelector("[data-kpi=dropOutRate] dd"))))
                    .isEqualTo(percent(expected.get("dropOutRate").asDouble(), Locale.forLanguageTag("fi")));
            swedish.screenshot("overview-fi");

            Journey journey = population.get(8);
            swedish.open("#/relationship/" + journey.id);
            assertThat(swedish.find(By.tagName("html")).getDomAttribute("lang")).as("the choice is remembered").isEqualTo("fi");
            assertThat(swedish.text(By.cssSelector("ol.timeline > li:first-child h3"))).isEqualTo("Suhde aloitettu");
            assertThat(swedish.text(By.cssSelector("[data-fact=startedOn]")))
                    .isEqualTo(journey.startedOn.format(DateTimeFormatter.ofPattern("d.M.yyyy")));
            swedish.screenshot("relationship-fi");

            swedish.chooseLanguage("en");
            assertThat(swedish.text(By.cssSelector("ol.timeline > li:first-child h3"))).isEqualTo("Relationship started");
            assertThat(swedish.text(By.cssSelector("[data-fact=startedOn]")))
                    .isEqualTo(journey.startedOn.format(DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.ENGLISH)));
            stayedOnThisOriginWithoutErrors(swedish);
        }
    }

    @Test
    void theReplayButtonDrivesTheProgressBarToCompletion() {
        Map<String, Integer> generations = activeGenerations();
        browser.open("#/replay");
        assertThat(browser.find(By.id("replay-progress")).getDomAttribute("data-state")).isEqualTo("idle");
        browser.script("""
                window.progressSeen = [];
                new MutationObserver(() => window.progressSeen.push(Number(document.getElementById('replay-progress').value)))
                  .observe(document.getElementById('replay-progress'), { attributes: true, attributeFilter: ['value'] });""");

        // reached and pressed with the keyboard alone
        browser.press(Keys.TAB);
        for (int presses = 0; presses < 30 && !"replay-start".equals(activeElementId()); presses++) {
            browser.press(Keys.TAB);
        }
        assertThat(activeElementId()).isEqualTo("replay-start");
        browser.press(Keys.ENTER);

        browser.waitFor(d -> "done".equals(browser.find(By.id("replay-progress")).getDomAttribute("data-state")));
        assertThat(((Number) browser.script("return document.getElementById('replay-progress').value;")).doubleValue())
                .isEqualTo(1.0);
        assertThat(browser.text(By.id("replay-status"))).isEqualTo("Rebuild complete: the new figures are in use.");
        assertThat(browser.find(By.id("replay-start")).isEnabled()).isTrue();
        @SuppressWarnings("unchecked")
        List<Number> seen = (List<Number>) browser.script("return window.progressSeen;");
        List<Double> values = seen.stream().map(Number::doubleValue).toList();
        assertThat(values).isNotEmpty().isSortedAccordingTo(Comparator.naturalOrder()).last().isEqualTo(1.0);

        Map<String, Integer> after = activeGenerations();
        assertThat(after.keySet()).containsExactlyInAnyOrderElementsOf(generations.keySet());
        generations.forEach((name, generation) -> assertThat(after.get(name)).as(name).isGreaterThan(generation));
        query.json("/api/admin/processors").forEach(p -> assertThat(p.get("replaying").asBoolean()).isFalse());
        assertThat(ExpectedReport.sameFigures(ExpectedReport.figures(population), query.json("/api/reports/outcomes")))
                .isTrue();
        browser.screenshot("replay");
    }

    @Test
    void anOrganiserSignsInSeesOnlyTheirProgrammeNeverPrivateTextAndSignsOut() {
        try (Browser organiser = Browser.startSignedOut(base(), "en-GB,en")) {
            organiser.driver().get(base() + "/#/relationships");
            organiser.waitFor(d -> d.getCurrentUrl().contains("/login"));
            organiser.signIn(ORGANISER);

            organiser.open("#/relationships");
            assertThat(organiser.findAll(By.cssSelector("#nav a")).stream().map(a -> a.getDomAttribute("href")))
                    .as("rebuilding the reports is the admin's; organisers start relationships")
                    .containsExactly("#/overview", "#/retention", "#/relationships", "#/attention", "#/warning-signs", "#/new");
            List<String> listed = organiser.findAll(By.cssSelector("table.relationships tbody tr")).stream()
                    .map(row -> row.getDomAttribute("data-id")).toList();
            assertThat(listed).containsExactlyInAnyOrderElementsOf(population.stream()
                    .filter(j -> "womento".equals(j.programmeId)).map(j -> j.id).toList());

            Journey own = population.stream().filter(j -> "womento".equals(j.programmeId))
                    .max(Comparator.comparingInt(j -> j.events.size())).orElseThrow();
            organiser.open("#/relationship/" + own.id);
            assertThat(organiser.findAll(By.cssSelector("ol.timeline > li"))).hasSize(own.events.size());
            assertThat(organiser.text(By.cssSelector("ol.timeline"))).contains(TestUsers.ADMIN.username());
            assertThat(organiser.driver().getPageSource()).doesNotContain(Journey.PRIVATE);
            stayedOnThisOriginWithoutErrors(organiser);

            Journey elsewhere = population.stream().filter(j -> "auroras".equals(j.programmeId)).findFirst()
                    .orElseThrow();
            organiser.open("#/relationship/" + elsewhere.id);
            assertThat(organiser.findAll(By.cssSelector(".notice.error"))).isNotEmpty();
            assertThat(organiser.driver().getPageSource()).doesNotContain("Mentor " + elsewhere.id);

            organiser.find(By.id("sign-out")).click();
            organiser.waitFor(d -> d.getCurrentUrl().contains("/login"));
            organiser.driver().get(base() + "/");
            organiser.waitFor(d -> d.getCurrentUrl().contains("/login"));
        }
    }

    @Test
    void theMenteeSeesThePairsPrivateTextLabelledAsPrivateWhereTheOrganiserSeesItWithheld() {
        List<String> privateTexts = menteesJourney.events.stream().map(PrivateText::of)
                .flatMap(Optional::stream).map(PrivateText::text).filter(text -> text != null && !text.isEmpty()).toList();
        assertThat(privateTexts).isNotEmpty();
        try (Browser participant = Browser.startSignedOut(base(), "en-GB,en")) {
            participant.signIn(mentee);
            // Reports are the organisers': a mentee starts at the list of their own relationships.
            participant.waitFor(d -> "relationships".equals(participant.find(By.tagName("body")).getDomAttribute("data-view")));
            assertThat(participant.findAll(By.cssSelector("#nav a")).stream().map(WebElement::getText))
                    .containsExactly("Relationships", "Needs attention");
            assertThat(participant.findAll(By.cssSelector("table.relationships tbody tr")).stream()
                    .map(row -> row.getDomAttribute("data-id"))).contains(menteesJourney.id);

            participant.open("#/relationship/" + menteesJourney.id);
            List<WebElement> shown = participant.findAll(By.cssSelector("ol.timeline .private"));
            assertThat(shown).extracting(block -> block.findElement(By.cssSelector(".private-text")).getText())
                    .containsExactlyElementsOf(privateTexts);
            assertThat(shown).allSatisfy(block -> assertThat(block.findElement(By.cssSelector(".private-label")).getText())
                    .startsWith("Private, for the mentor and the mentee only: "));
            assertThat(participant.text(By.cssSelector("ol.timeline"))).doesNotContain("Withheld as confidential");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> poor = (List<Map<String, Object>>) participant.script(CONTRAST);
            assertThat(poor).as("text below 4.5:1 contrast").isEmpty();
            participant.screenshot("relationship-mentee");
            assertThat(participant.resourcesLoaded()).allSatisfy(url -> assertThat(url).startsWith(base() + "/"));
            assertThat(participant.consoleProblems()).as("no request of the page was refused").isEmpty();
        }
        try (Browser organiser = Browser.startSignedOut(base(), "en-GB,en")) {
            organiser.signIn(ORGANISER);
            organiser.open("#/relationship/" + menteesJourney.id);
            assertThat(organiser.findAll(By.cssSelector("ol.timeline .private"))).isEmpty();
            assertThat(organiser.findAll(By.cssSelector("ol.timeline p.muted")).stream().map(WebElement::getText)
                    .filter(text -> text.startsWith("Withheld as confidential"))).hasSize(privateTexts.size());
            assertThat(organiser.driver().getPageSource()).doesNotContain(Journey.PRIVATE);
        }
    }

    @Test
    void anErasedMenteeReadsAsErasedInTheListThePageAndItsHistoryInEachLanguage() {
        String id = erasedJourney.id;
        browser.open("#/relationships?programmeId=suomen-mentorit");
        assertThat(browser.text(By.cssSelector("tr[data-id='" + id + "'] th")))
                .isEqualTo("Mentor " + id + " – (personal data erased)");

        browser.open("#/relationship/" + id);
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Mentor " + id + " – (personal data erased)");
        assertThat(browser.text(By.cssSelector("[data-fact=mentee]"))).isEqualTo("(personal data erased)");
        List<WebElement> entries = browser.findAll(By.cssSelector("ol.timeline > li"));
        assertThat(entries).hasSize(erasedJourney.events.size());
        assertThat(entries.get(0).getText()).contains("and mentee (personal data erased) started mentoring");
        WebElement erasure = entries.get(entries.size() - 1);
        assertThat(erasure.getDomAttribute("data-type")).isEqualTo("PersonalDataErased");
        assertThat(erasure.findElement(By.tagName("h3")).getText()).isEqualTo("Personal data erased");
        assertThat(erasure.getText()).contains("The mentee's personal data was erased on Nov 29, 2026.");
        assertThat(browser.driver().getPageSource()).doesNotContain("Mentee " + id + "<", "Mentee " + id + " ",
                "Mentee " + id + "\"", Journey.PRIVATE);
        browser.screenshot("relationship-erased");

        for (Map.Entry<String, List<String>> language : Map.of(
                "fi-FI,fi", List.of("(henkilötiedot poistettu)", "Henkilötiedot poistettu", "Aktorin henkilötiedot poistettiin 29.11.2026."),
                "sv-FI,sv", List.of("(personuppgifter raderade)", "Personuppgifter raderade", "Adeptens personuppgifter raderades 29 nov. 2026.")).entrySet()) {
            try (Browser other = Browser.start(base(), language.getKey())) {
                other.open("#/relationship/" + id);
                List<String> expected = language.getValue();
                assertThat(other.text(By.tagName("h1"))).isEqualTo("Mentor " + id + " – " + expected.get(0));
                assertThat(other.text(By.cssSelector("ol.timeline > li:first-child"))).contains(expected.get(0));
                assertThat(other.text(By.cssSelector("ol.timeline > li:last-child h3"))).isEqualTo(expected.get(1));
                assertThat(other.text(By.cssSelector("ol.timeline > li:last-child"))).contains(expected.get(2));
                stayedOnThisOriginWithoutErrors(other);
            }
        }
    }

    @Test
    void thePagesAreKeyboardReachableReadableAndFitAPhone() {
        browser.open("#/overview");
        List<String> reached = new ArrayList<>();
        browser.press(Keys.TAB);
        for (int presses = 0; presses < 80; presses++) {
            reached.add(String.valueOf(browser.script("""
                    const e = document.activeElement;
                    return e.id || e.getAttribute('data-csv') || e.getAttribute('href') || e.tagName;""")));
            browser.press(Keys.TAB);
        }
        assertThat(reached).contains("skip", "#/overview", "#/relationships", "#/attention", "#/replay", "language",
                "f-programme", "f-from", "f-to", "f-apply", "byStage.csv", "funnel.csv", "by-programme.csv");

        for (String view : List.of("#/overview", "#/retention", "#/relationships", "#/attention", "#/replay",
                "#/relationship/" + population.get(9).id)) {
            browser.open(view);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> poor = (List<Map<String, Object>>) browser.script(CONTRAST);
            assertThat(poor).as("text below 4.5:1 contrast on " + view).isEmpty();
        }

        browser.resize(390, 844);
        try {
            browser.open("#/overview");
            assertThat(browser.script("return document.documentElement.scrollWidth <= window.innerWidth;"))
                    .as("no sideways scrolling at phone width").isEqualTo(true);
            browser.screenshot("overview-phone");
            browser.open("#/retention?groupBy=programme");
            assertThat(browser.findAll(By.cssSelector("#survival-at tbody tr"))).hasSizeGreaterThan(1);
            assertThat(browser.script("return document.documentElement.scrollWidth <= window.innerWidth;"))
                    .as("no sideways scrolling of the retention view at phone width").isEqualTo(true);
            browser.screenshot("retention-phone");
        } finally {
            browser.resize(1280, 1000);
        }
    }

    /** Visible text whose contrast against its background is below WCAG AA's 4.5:1. */
    static final String CONTRAST = """
            const rgba = (s) => (s.match(/[\\d.]+/g) || [0, 0, 0, 0]).map(Number).concat(s.startsWith('rgba') ? [] : [1]).slice(0, 4);
            const lum = ([r, g, b]) => [r, g, b].map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
              .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
            const background = (el) => {
              for (; el; el = el.parentElement) { const c = rgba(getComputedStyle(el).backgroundColor); if (c[3] > 0) return c; }
              return [255, 255, 255, 1];
            };
            const poor = [];
            for (const el of document.querySelectorAll('h1, h2, h3, p, dt, dd, th, td, li, a, button, label, summary, caption, span')) {
              if (!el.offsetParent || !el.textContent.trim() || el.disabled || el.closest('.visually-hidden, [data-chart]')) continue;
              const [a, b] = [lum(rgba(getComputedStyle(el).color)), lum(background(el))];
              const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
              if (ratio < 4.5) poor.push({ text: el.textContent.trim().slice(0, 40), ratio });
            }
            return poor;""";

    private static void assertKeyFigures(ObjectNode expected, Locale locale) {
        assertThat(kpi("relationships")).isEqualTo(expected.get("relationships").asDouble());
        assertThat(kpi("ended")).isEqualTo(expected.get("ended").asDouble());
        for (String rate : List.of("completionRate", "dropOutRate")) {
            Double value = nullable(expected.get(rate));
            assertThat(kpi(rate)).as(rate).isEqualTo(value);
            assertThat(space(browser.text(By.cssSelector("[data-kpi=" + rate + "] dd"))))
                    .isEqualTo(value == null ? "–" : percent(value, locale));
        }
        for (String figure : List.of("medianDaysToClose", "averageMeetingsPerEnded", "averageEvaluationRating")) {
            assertThat(kpi(figure)).as(figure).isEqualTo(nullable(expected.get(figure)));
        }
    }

    /** As the page writes a number with at most one decimal in English. */
    private static String oneDecimal(double value) {
        NumberFormat format = NumberFormat.getNumberInstance(Locale.ENGLISH);
        format.setMaximumFractionDigits(1);
        format.setRoundingMode(RoundingMode.HALF_UP);
        return format.format(value);
    }

    private static Double kpi(String name) {
        String value = browser.find(By.cssSelector("[data-kpi=" + name + "]")).getDomAttribute("data-value");
        return value == null || value.isEmpty() ? null : Double.valueOf(value);
    }

    private static long chartCount(String chart, String code) {
        return Long.parseLong(browser.find(By.cssSelector("#chart-" + chart + " tr[data-code=" + code + "]"))
                .getDomAttribute("data-count"));
    }

    private static Double rateCell(WebElement row, int column) {
        return value(row.findElement(By.cssSelector("td:nth-of-type(" + column + ")")));
    }

    private static Double value(WebElement cell) {
        String value = cell.getDomAttribute("data-value");
        return value == null || value.isEmpty() ? null : Double.valueOf(value);
    }

    private static Double nullable(JsonNode node) {
        return node == null || node.isNull() ? null : node.asDouble();
    }

    /** Downloads a chart's CSV as a person would, by following its link, and reads code → count. */
    private static Map<String, Long> downloadChartCsv(String chart) throws Exception {
        Path downloads = Files.createDirectories(Path.of("target", "downloads"));
        Path file = downloads.resolve(chart + ".csv");
        Files.deleteIfExists(file);
        browser.driver().executeCdpCommand("Browser.setDownloadBehavior",
                Map.of("behavior", "allow", "downloadPath", downloads.toAbsolutePath().toString()));
        browser.find(By.cssSelector("#chart-" + chart + " a[data-csv]")).click();
        await().atMost(BOUND).pollInterval(Duration.ofMillis(100)).until(() -> Files.isRegularFile(file)
                && Files.readString(file).endsWith("\r\n"));
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.get(0)).isEqualTo("code,label,count");
        Map<String, Long> counts = new LinkedHashMap<>();
        lines.stream().skip(1).map(line -> line.split(",")).forEach(cells ->
                counts.put(cells[0], Long.parseLong(cells[cells.length - 1])));
        return counts;
    }

    private static Map<String, String> attentionRows() {
        Map<String, String> rows = new HashMap<>();
        browser.findAll(By.cssSelector("table.relationships tbody tr")).forEach(row -> rows.put(
                row.getDomAttribute("data-id"), row.findElement(By.cssSelector("td[data-reasons]")).getDomAttribute("data-reasons")));
        return rows;
    }

    /** DOMAIN-level reading of "needs attention", worked out from the journeys. */
    private static Map<String, String> expectedAttention(int inactiveDays, int pausedDays) {
        LocalDate today = LocalDate.now(HELSINKI);
        Map<String, String> expected = new HashMap<>();
        for (Journey j : population) {
            if (!j.stage.isOpen()) {
                continue;
            }
            List<String> reasons = new ArrayList<>();
            if (j.openConcernsForOrganiser > 0) {
                reasons.add("OPEN_CONCERN");
            }
            if (j.stage == Stage.PAUSED && j.pausedOn.isBefore(today.minusDays(pausedDays))) {
                reasons.add("PAUSED_LONG");
            }
            if (j.stage == Stage.AGREED || j.stage == Stage.IN_PROGRESS) {
                LocalDate lastContact = j.lastMeetingOn == null || j.lastMeetingOn.isBefore(j.agreedOn) ? j.agreedOn : j.lastMeetingOn;
                if (lastContact.isBefore(today.minusDays(inactiveDays))) {
                    reasons.add("NO_RECENT_MEETING");
                }
            }
            if (!reasons.isEmpty()) {
                expected.put(j.id, String.join(" ", reasons));
            }
        }
        return expected;
    }

    /**
     * The journeys the no-agreement signal at {@code days} flags, each with its flag day: N + 1 days
     * after the start (as corrected), if not agreed by then, before the end, and not after today.
     */
    private static Map<Journey, LocalDate> noAgreementFlags(List<Journey> journeys, int days) {
        LocalDate today = LocalDate.now(HELSINKI);
        Map<Journey, LocalDate> flagged = new HashMap<>();
        for (Journey j : journeys) {
            LocalDate flag = j.startedOn.plusDays(days + 1L);
            if (!flag.isAfter(today) && (j.agreedOn == null || j.agreedOn.isAfter(flag))
                    && (j.endedOn == null || flag.isBefore(j.endedOn))) {
                flagged.put(j, flag);
            }
        }
        return flagged;
    }

    /** Of the flagged, the drop-outs flagged at least 14 days before they ended. */
    private static long caughtEarly(Map<Journey, LocalDate> flagged) {
        return flagged.entrySet().stream().filter(e -> e.getKey().stage == Stage.TERMINATED
                && !e.getValue().plusDays(14).isAfter(e.getKey().endedOn)).count();
    }

    /** The threshold that caught the most drop-outs early, the larger of equals; null when none did. */
    private static Integer suggestedNoAgreement(List<Journey> journeys) {
        Integer best = null;
        long most = 0;
        for (int days : List.of(7, 14, 30, 60)) {
            long early = caughtEarly(noAgreementFlags(journeys, days));
            if (early > 0 && early >= most) {
                best = days;
                most = early;
            }
        }
        return best;
    }

    private static Map<String, Integer> activeGenerations() {
        Map<String, Integer> generations = new HashMap<>();
        query.json("/api/admin/processors").forEach(p -> generations.put(p.get("name").asText(), p.get("activeGeneration").asInt()));
        return generations;
    }

    private static String activeElementId() {
        return String.valueOf(browser.script("return document.activeElement.id;"));
    }

    /** A rate as the page should show it: a percentage with at most one decimal, in the language's own way. */
    private static String percent(double rate, Locale locale) {
        NumberFormat format = NumberFormat.getPercentInstance(locale);
        format.setMaximumFractionDigits(1);
        format.setRoundingMode(RoundingMode.HALF_UP);
        return space(format.format(rate));
    }

    /** Every kind of space as a plain one: CLDR versions differ in which no-break space they use. */
    private static String space(String text) {
        return text.replaceAll("[\\s\\u00A0\\u202F]+", " ").strip();
    }

    private static String base() {
        return "http://127.0.0.1:" + query.context().getEnvironment().getProperty("local.server.port");
    }
}
