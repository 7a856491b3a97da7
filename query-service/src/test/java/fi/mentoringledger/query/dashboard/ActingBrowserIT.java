package fi.mentoringledger.query.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import com.fasterxml.jackson.databind.JsonNode;

import fi.mentoringledger.api.relationship.RelationshipStarted;
import fi.mentoringledger.eventstore.PostgresTestDatabase;
import fi.mentoringledger.query.support.Browser;
import fi.mentoringledger.query.support.CommandServiceProcess;
import fi.mentoringledger.query.support.Journey;
import fi.mentoringledger.query.support.QueryApp;
import fi.mentoringledger.security.TestUsers;

/**
 * People acting in the browser, in headless Chromium against both services on PostgreSQL: every
 * command goes from the page through the query-service's relay to the command-service as the
 * signed-in person. Each test asserts what the person reads (in their language) and what the
 * services recorded (the events and their actor). Screenshots land in {@code target/screenshots/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ActingBrowserIT {

    private static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");
    private static final String PROGRAMME = "spring-2026";
    private static final String PAIR = "acting-1";
    private static final String STALE_PAIR = "acting-2";

    private static final TestUsers.User ORGANISER = TestUsers.user("organiser-olga", "ORGANISER", null, PROGRAMME);
    private static final TestUsers.User MENTOR = TestUsers.user("mentor-maija", "MENTOR", "p-maija");
    private static final TestUsers.User MENTEE = TestUsers.user("mentee-aino", "MENTEE", "p-aino");
    private static final TestUsers.User STRANGER = TestUsers.user("mentee-sven", "MENTEE", "p-sven");
    private static final TestUsers.User[] USERS = {TestUsers.ADMIN, ORGANISER, MENTOR, MENTEE, STRANGER};

    @RegisterExtension
    static final PostgresTestDatabase database = PostgresTestDatabase.create();
    private static CommandServiceProcess commands;
    private static QueryApp query;

    @BeforeAll
    static void bothServicesWithTheRelay() {
        Browser.requireInstalled();
        commands = database.closeAfterAll(CommandServiceProcess.start(database, USERS));
        query = database.closeAfterAll(QueryApp.start(database, commands, USERS));
    }

    @Test
    @Order(1)
    void anOrganiserFormsAPairWhichSignsMeetsRaisesAndResolvesAConcernClosesAndEvaluatesInThreeLanguages() {
        LocalDate today = LocalDate.now(HELSINKI);
        try (Browser organiser = Browser.startSignedOut(base(), "fi-FI,fi");
                Browser mentee = Browser.startSignedOut(base(), "sv-FI,sv");
                Browser mentor = Browser.startSignedOut(base(), "en-GB,en")) {
            // the organiser, in Finnish, signs in through the sign-in page and forms the pair
            organiser.driver().get(base() + "/");
            organiser.waitFor(d -> d.getCurrentUrl().contains("/login"));
            organiser.waitFor(d -> "Kirjaudu sisään".equals(organiser.text(By.id("sign-in-heading"))));
            organiser.signIn(ORGANISER);
            organiser.open("#/new");
            assertThat(organiser.text(By.tagName("h1"))).isEqualTo("Uusi suhde");
            assertThat(new Select(organiser.find(By.id("start-programme"))).getFirstSelectedOption().getDomAttribute("value"))
                    .isEqualTo(PROGRAMME);
            type(organiser, "start-mentor-name", "Maija Mentori");
            type(organiser, "start-mentor-id", "p-maija");
            type(organiser, "start-mentee-name", "Aino Aktori");
            type(organiser, "start-mentee-id", "p-aino");
            new Select(organiser.find(By.id("start-language"))).selectByValue("sv");
            type(organiser, "start-on", finnish(today.minusDays(30)));
            type(organiser, "start-id", PAIR);
            organiser.screenshot("acting-new-relationship-fi");
            submit(organiser, "start");
            assertThat(organiser.text(By.id("result"))).isEqualTo("Suhde aloitettiin.");
            assertThat(organiser.text(By.tagName("h1"))).isEqualTo("Maija Mentori – Aino Aktori");
            assertThat(organiser.text(By.cssSelector("[data-fact=stage]"))).isEqualTo("Aloitettu");
            assertThat(organiser.text(By.cssSelector("[data-fact=startedOn]"))).isEqualTo(finnish(today.minusDays(30)));
            assertThat(organiser.text(By.cssSelector("ol.timeline > li:first-child .sentence")))
                    .isEqualTo("Mentori Maija Mentori ja aktori Aino Aktori aloittivat mentoroinnin " + finnish(today.minusDays(30))
                            + " ohjelmassa " + PROGRAMME + " (kieli: ruotsi).");
            assertThat(offered(organiser))
                    .as("an organiser ends a relationship and corrects mistakes (here the start date); the pair records the rest")
                    .containsExactly("terminate", "correctDate");
            organiser.screenshot("acting-relationship-started-fi");

            // the mentee, in Swedish, signs the agreement and records two meetings, one from a phone
            mentee.signIn(MENTEE);
            mentee.waitFor(d -> "relationships".equals(mentee.find(By.tagName("body")).getDomAttribute("data-view")));
            mentee.find(By.cssSelector("tr[data-id='" + PAIR + "'] a")).click();
            mentee.waitFor(d -> !mentee.findAll(By.id("actions")).isEmpty());
            assertThat(mentee.text(By.cssSelector("#actions > p.muted"))).isEqualTo("Du agerar här som adept.");
            assertThat(offered(mentee)).containsExactly("agree", "meeting", "raise", "terminate");
            assertThat(mentee.text(By.id("not-now"))).contains("Mentorskapet kan inte pausas: avtalet har inte ingåtts ännu.");
            open(mentee, "agree");
            type(mentee, "agree-goal-0", "Hitta ett jobb inom UX-design");
            type(mentee, "agree-goal-0-milestones", "Portfolio klar\nTre ansökningar");
            mentee.find(By.id("agree-add-goal")).click();
            assertThat(mentee.script("return document.activeElement.id;")).isEqualTo("agree-goal-1");
            type(mentee, "agree-goal-1", "Bygga ett nätverk");
            type(mentee, "agree-contact", "E-post och telefon");
            type(mentee, "agree-frequency", "Varannan vecka");
            type(mentee, "agree-planned-end", today.plusMonths(6).toString());
            type(mentee, "agree-on", today.minusDays(25).toString());
            mentee.screenshot("acting-agreement-sv");
            submit(mentee, "agree");
            assertThat(mentee.text(By.id("result"))).isEqualTo("Avtalet ingicks.");
            assertThat(mentee.text(By.cssSelector("[data-fact=stage]"))).isEqualTo("Överenskommet");
            assertThat(mentee.findAll(By.cssSelector("ul.goals li"))).extracting(WebElement::getText)
                    .containsExactly("Hitta ett jobb inom UX-design — öppet", "Bygga ett nätverk — öppet");

            open(mentee, "meeting");
            type(mentee, "meeting-held-on", today.minusDays(20).toString());
            type(mentee, "meeting-duration", "60");
            new Select(mentee.find(By.id("meeting-format"))).selectByValue("IN_PERSON");
            type(mentee, "meeting-tasks", "Uppdatera cv\nLäsa om tjänstedesign");
            type(mentee, "meeting-notes", "Jag var nervös men det gick bra.");
            submit(mentee, "meeting");
            assertThat(mentee.text(By.id("result"))).isEqualTo("Mötet registrerades.");
            assertThat(mentee.text(By.cssSelector("[data-fact=stage]"))).isEqualTo("Pågår");
            WebElement meeting = mentee.find(By.cssSelector("ol.timeline > li[data-type=MeetingRecorded]"));
            assertThat(meeting.findElement(By.cssSelector(".sentence")).getText())
                    .startsWith("Ett möte på plats på 60 minuter hölls ").endsWith(", med 2 uppgifter.");
            assertThat(meeting.findElement(By.cssSelector(".private-label")).getText())
                    .isEqualTo("Privat, endast för mentorn och adepten: egna anteckningar");
            assertThat(meeting.findElement(By.cssSelector(".private-text")).getText()).isEqualTo("Jag var nervös men det gick bra.");

            mentee.resize(390, 844);
            try {
                mentee.open("#/relationship/" + PAIR);
                open(mentee, "meeting");
                type(mentee, "meeting-held-on", today.minusDays(10).toString());
                new Select(mentee.find(By.id("meeting-format"))).selectByValue("REMOTE");
                type(mentee, "meeting-duration", "45");
                assertThat(mentee.script("return document.documentElement.scrollWidth <= window.innerWidth;"))
                        .as("no sideways scrolling at phone width").isEqualTo(true);
                assertThat(((Number) mentee.script("return document.getElementById('form-meeting-submit').getBoundingClientRect().height;"))
                        .doubleValue()).as("a large touch target").isGreaterThanOrEqualTo(44);
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> poor = (List<Map<String, Object>>) mentee.script(DashboardBrowserIT.CONTRAST);
                assertThat(poor).as("text below 4.5:1 contrast on a phone").isEmpty();
                mentee.screenshot("acting-meeting-phone-sv");
                submit(mentee, "meeting");
                assertThat(mentee.text(By.cssSelector("[data-fact=meetings]"))).isEqualTo("2");
                mentee.screenshot("acting-relationship-phone-sv");
            } finally {
                mentee.resize(1280, 1000);
            }

            open(mentee, "raise");
            type(mentee, "raise-description", "Vi har svårt att hitta tider som passar.");
            mentee.find(By.id("raise-organiser")).click();
            submit(mentee, "raise");
            assertThat(mentee.text(By.id("result"))).isEqualTo("Bekymret registrerades.");
            assertThat(mentee.text(By.cssSelector("#concerns li"))).contains("Till arrangören", "Vi har svårt att hitta tider som passar.");

            // the organiser sees the concern addressed to them
            organiser.open("#/attention");
            assertThat(organiser.find(By.cssSelector("tr[data-id='" + PAIR + "'] td[data-reasons]")).getDomAttribute("data-reasons"))
                    .contains("OPEN_CONCERN");
            organiser.open("#/relationship/" + PAIR);
            WebElement raised = organiser.find(By.cssSelector("ol.timeline > li[data-type=ConcernRaised]"));
            assertThat(raised.findElement(By.cssSelector("h3")).getText()).isEqualTo("Huoli esitetty Järjestäjälle");
            assertThat(raised.getText()).contains("Aktori esitti huolen", "se on osoitettu järjestäjälle",
                    "Vi har svårt att hitta tider som passar.");
            assertThat(organiser.text(By.cssSelector("#concerns li"))).contains("Vi har svårt att hitta tider som passar.");
            organiser.screenshot("acting-concern-for-organiser-fi");

            // the mentor, in English, resolves the concern, closes and evaluates
            mentor.signIn(MENTOR);
            mentor.open("#/relationship/" + PAIR);
            assertThat(mentor.text(By.cssSelector("#actions > p.muted"))).isEqualTo("You act here as the mentor.");
            assertThat(offered(mentor)).containsExactly("amend", "meeting", "achieve", "raise", "resolve", "pause", "close", "terminate");
            assertThat(mentor.text(By.id("not-now"))).contains(
                    "The agreement can't be signed: the relationship is in progress.",
                    "The relationship can't be resumed: the relationship is in progress.",
                    "An evaluation can't be submitted: the relationship is in progress.");
            open(mentor, "resolve");
            new Select(mentor.find(By.id("resolve-concern"))).selectByIndex(1);
            type(mentor, "resolve-resolution", "We moved our meetings to Monday mornings.");
            submit(mentor, "resolve");
            assertThat(mentor.text(By.id("result"))).isEqualTo("The concern was resolved.");
            assertThat(mentor.findAll(By.id("concerns"))).isEmpty();

            open(mentor, "achieve");
            new Select(mentor.find(By.id("achieve-goal"))).selectByVisibleText("Bygga ett nätverk");
            submit(mentor, "achieve");
            assertThat(mentor.text(By.id("result"))).isEqualTo("The goal was marked achieved.");

            open(mentor, "close");
            type(mentor, "close-summary", "A portfolio and a network; two interviews.");
            mentor.find(By.id("close-continue")).click();
            submit(mentor, "close");
            assertThat(mentor.text(By.id("result"))).isEqualTo("The relationship was closed as completed.");
            assertThat(mentor.text(By.cssSelector("[data-fact=stage]"))).isEqualTo("Closed (completed)");
            assertThat(offered(mentor)).containsExactly("evaluate");
            assertThat(mentor.text(By.id("not-now"))).contains("A meeting can't be recorded: the relationship is closed.");

            open(mentor, "evaluate");
            new Select(mentor.find(By.id("evaluate-rating"))).selectByValue("5");
            new Select(mentor.find(By.id("evaluate-goals-met"))).selectByValue("PARTLY");
            type(mentor, "evaluate-comments", "A pleasure to work with.");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> poor = (List<Map<String, Object>>) mentor.script(DashboardBrowserIT.CONTRAST);
            assertThat(poor).as("text below 4.5:1 contrast with a form open").isEmpty();
            mentor.screenshot("acting-evaluation-en");
            submit(mentor, "evaluate");
            assertThat(mentor.text(By.id("result"))).isEqualTo("The evaluation was submitted.");
            assertThat(offered(mentor)).isEmpty();
            assertThat(mentor.text(By.id("not-now"))).contains("An evaluation can't be submitted: the evaluation has already been submitted.");

            mentee.open("#/relationship/" + PAIR);
            open(mentee, "evaluate");
            new Select(mentee.find(By.id("evaluate-rating"))).selectByValue("4");
            new Select(mentee.find(By.id("evaluate-goals-met"))).selectByValue("PARTLY");
            submit(mentee, "evaluate");
            assertThat(mentee.text(By.id("result"))).isEqualTo("Utvärderingen lämnades.");

            // the organiser sees it all in the history, the list and the report
            organiser.open("#/relationship/" + PAIR);
            List<String> types = List.of("RelationshipStarted", "AgreementSigned", "MeetingRecorded", "MeetingRecorded",
                    "ConcernRaised", "ConcernResolved", "GoalAchieved", "RelationshipClosed", "EvaluationSubmitted",
                    "EvaluationSubmitted");
            assertThat(organiser.findAll(By.cssSelector("ol.timeline > li"))).extracting(li -> li.getDomAttribute("data-type"))
                    .containsExactlyElementsOf(types);
            assertThat(organiser.text(By.cssSelector("ol.timeline"))).contains(
                    "Mentorointisopimus tehtiin", "Tavoite: Hitta ett jobb inom UX-design (Välitavoitteet: Portfolio klar; Tre ansökningar)",
                    "Tavoite ”Bygga ett nätverk” saavutettiin", "Suhde päätettiin läpivietynä",
                    "Mentori arvioi suhteen", "5/5, tavoitteet saavutettiin osittain", "Aktori arvioi suhteen",
                    "Luottamuksellisena jätetty pois: omat muistiinpanot.")
                    .doesNotContain("Jag var nervös", "A pleasure to work with.");
            assertThat(organiser.text(By.cssSelector("[data-fact=stage]"))).isEqualTo("Päättynyt (läpiviety)");
            organiser.screenshot("acting-history-fi");
            organiser.open("#/relationships");
            assertThat(organiser.text(By.cssSelector("tr[data-id='" + PAIR + "'] .stage"))).isEqualTo("Päättynyt (läpiviety)");
            organiser.open("#/overview?programmeId=" + PROGRAMME);
            assertThat(organiser.find(By.cssSelector("[data-kpi=completionRate]")).getDomAttribute("data-value")).isEqualTo("1");
            assertThat(organiser.find(By.cssSelector("[data-kpi=averageEvaluationRating]")).getDomAttribute("data-value")).isEqualTo("4.5");
            assertThat(organiser.text(By.cssSelector("[data-kpi=completionRate] dd")).replaceAll("[\\s\\u00A0\\u202F]+", " ")).isEqualTo("100 %");
            organiser.screenshot("acting-report-fi");
        }

        // what the services recorded, and who did it
        JsonNode entries = query.json("/api/relationships/" + PAIR + "/history").get("entries");
        List<String> actors = new ArrayList<>();
        entries.forEach(entry -> actors.add(entry.get("type").asText() + " by " + entry.get("actor").asText()));
        assertThat(actors).containsExactly(
                "RelationshipStarted by organiser-olga", "AgreementSigned by mentee-aino", "MeetingRecorded by mentee-aino",
                "MeetingRecorded by mentee-aino", "ConcernRaised by mentee-aino", "ConcernResolved by mentor-maija",
                "GoalAchieved by mentor-maija", "RelationshipClosed by mentor-maija", "EvaluationSubmitted by mentor-maija",
                "EvaluationSubmitted by mentee-aino");
        JsonNode agreement = entries.get(1).get("data").get("agreement");
        assertThat(agreement.get("goals").get(0).get("milestones").toString()).isEqualTo("[\"Portfolio klar\",\"Tre ansökningar\"]");
        assertThat(agreement.get("plannedEndOn").asText()).isEqualTo(today.plusMonths(6).toString());
        assertThat(entries.get(1).get("occurredOn").asText()).isEqualTo(today.minusDays(25).toString());
        assertThat(entries.get(2).get("data").get("format").asText()).isEqualTo("IN_PERSON");
        assertThat(entries.get(2).get("data").get("tasks").size()).isEqualTo(2);
        assertThat(entries.get(3).get("data").get("format").asText()).isEqualTo("REMOTE");
        assertThat(entries.get(3).get("occurredOn").asText()).isEqualTo(today.minusDays(10).toString());
        assertThat(entries.get(4).get("data").get("organiserContacted").asBoolean()).isTrue();
        assertThat(entries.get(7).get("data").get("continueContact").asBoolean()).isTrue();
        assertThat(entries.get(8).get("data").get("by").asText()).isEqualTo("MENTOR");
        assertThat(entries.get(9).get("data").get("rating").asInt()).isEqualTo(4);
        JsonNode summary = query.json("/api/relationships/" + PAIR);
        assertThat(summary.get("stage").asText()).isEqualTo("CLOSED");
        assertThat(summary.get("language").asText()).isEqualTo("sv");
        assertThat(summary.get("startedOn").asText()).isEqualTo(today.minusDays(30).toString());
    }

    @Test
    @Order(2)
    void aRefusedActionShowsEachMessageNextToItsFieldAndKeepsWhatWasTyped() {
        startPair(STALE_PAIR, "other-programme");
        try (Browser mentee = Browser.startSignedOut(base(), "fi-FI,fi")) {
            mentee.signIn(MENTEE);
            mentee.open("#/relationship/" + STALE_PAIR);
            open(mentee, "meeting");

            // the page's own check: a day that is not in the calendar
            type(mentee, "meeting-held-on", "31.2.2026");
            type(mentee, "meeting-notes", "Muistiinpano, joka ei saa kadota.");
            mentee.find(By.id("form-meeting-submit")).click();
            mentee.waitFor(d -> mentee.find(By.id("meeting-held-on-error")).isDisplayed());
            assertThat(mentee.text(By.id("meeting-held-on-error"))).isEqualTo("Tällaista päivää ei ole kalenterissa.");
            assertThat(mentee.script("return document.activeElement.id;")).isEqualTo("meeting-held-on");

            // the service's check: a meeting in the future (400, field heldOn)
            String tomorrow = LocalDate.now(HELSINKI).plusDays(2).format(DateTimeFormatter.ofPattern("d.M.yyyy"));
            type(mentee, "meeting-held-on", tomorrow);
            mentee.find(By.id("form-meeting-submit")).click();
            mentee.waitFor(d -> mentee.text(By.id("meeting-held-on-error")).equals("Päivämäärä on tulevaisuudessa."));
            WebElement input = mentee.find(By.id("meeting-held-on"));
            assertThat(input.getDomAttribute("aria-invalid")).isEqualTo("true");
            assertThat(input.getDomAttribute("aria-describedby")).contains("meeting-held-on-error");
            assertThat(mentee.text(By.cssSelector("#form-meeting .form-status"))).isEqualTo("Tarkista yksi kohta ennen tallentamista:");
            assertThat(mentee.script("return document.activeElement.id;")).isEqualTo("meeting-held-on");
            assertThat(mentee.find(By.id("meeting-notes")).getDomProperty("value")).isEqualTo("Muistiinpano, joka ei saa kadota.");
            mentee.screenshot("acting-refused-field-fi");

            // a 409: an action the stage no longer allows (closing before any meeting is offered nowhere;
            // sent from the page's own code, it is explained in the person's language)
            Object answer = mentee.asyncScript("""
                    const done = arguments[arguments.length - 1];
                    import('/dashboard/api.js').then(async (api) => {
                      const forms = await import('/dashboard/forms.js');
                      try { await api.command('/api/relationships/%s/close', {}, null); done('accepted'); }
                      catch (e) { done(e.status + ' ' + forms.refusal(e, 'Suhdetta ei voi päättää läpivietynä')); }
                    });""".formatted(STALE_PAIR));
            assertThat(answer).isEqualTo("409 Suhdetta ei voi päättää läpivietynä: suhde on nyt vaiheessa ”Aloitettu”. Mitään ei kirjattu.");
        }
        assertThat(query.json("/api/relationships/" + STALE_PAIR + "/history").get("entries")).hasSize(1);
    }

    @Test
    @Order(3)
    void aStaleVersionShowsWhatChangedAndTheSecondTryIsRecorded() {
        try (Browser mentee = Browser.startSignedOut(base(), "en-GB,en");
                Browser mentor = Browser.startSignedOut(base(), "en-GB,en")) {
            mentee.signIn(MENTEE);
            mentor.signIn(MENTOR);
            mentee.open("#/relationship/" + STALE_PAIR);
            open(mentee, "meeting");
            type(mentee, "meeting-duration", "30");
            type(mentee, "meeting-notes", "Kept across the retry.");
            String opened = mentee.find(By.id("form-meeting")).getDomAttribute("data-version");

            mentor.open("#/relationship/" + STALE_PAIR);
            open(mentor, "meeting");
            type(mentor, "meeting-duration", "90");
            submit(mentor, "meeting");
            assertThat(mentor.text(By.id("result"))).isEqualTo("The meeting was recorded.");

            mentee.find(By.id("form-meeting-submit")).click();
            mentee.waitFor(d -> !mentee.findAll(By.cssSelector("#form-meeting .form-status .changes li")).isEmpty());
            String status = mentee.text(By.cssSelector("#form-meeting .form-status"));
            assertThat(status).startsWith("Someone else acted on this relationship after you opened this form")
                    .contains("This is what changed.", "Meeting held", "A meeting of 90 minutes was held", "mentor-maija");
            assertThat(mentee.find(By.id("meeting-duration")).getDomProperty("value")).isEqualTo("30");
            assertThat(mentee.find(By.id("meeting-notes")).getDomProperty("value")).isEqualTo("Kept across the retry.");
            assertThat(mentee.find(By.id("form-meeting")).getDomAttribute("data-version")).isNotEqualTo(opened);
            mentee.screenshot("acting-stale-en");

            submit(mentee, "meeting");
            assertThat(mentee.text(By.id("result"))).isEqualTo("The meeting was recorded.");
            assertThat(mentee.text(By.cssSelector("[data-fact=meetings]"))).isEqualTo("2");
        }
        List<String> recorded = new ArrayList<>();
        query.json("/api/relationships/" + STALE_PAIR + "/history").get("entries").forEach(entry ->
                recorded.add(entry.get("type").asText() + " by " + entry.get("actor").asText()));
        assertThat(recorded).containsExactly("RelationshipStarted by admin", "MeetingRecorded by mentor-maija",
                "MeetingRecorded by mentee-aino");
    }

    @Test
    @Order(4)
    void aParticipantNeverReachesAnotherPairsPageOrAction() {
        try (Browser stranger = Browser.startSignedOut(base(), "sv-FI,sv")) {
            stranger.signIn(STRANGER);
            stranger.open("#/relationships");
            assertThat(stranger.findAll(By.cssSelector("table.relationships tbody tr"))).isEmpty();
            assertThat(stranger.findAll(By.cssSelector("#nav a[href='#/new']"))).isEmpty();
            stranger.open("#/relationship/" + STALE_PAIR);
            assertThat(stranger.text(By.cssSelector("main .notice.error"))).isEqualTo("Mentorskapet finns inte.");
            assertThat(stranger.findAll(By.id("actions"))).isEmpty();
            assertThat(stranger.driver().getPageSource()).doesNotContain("Mentee " + STALE_PAIR);
            stranger.screenshot("acting-not-found-sv");
            Object status = stranger.asyncScript("""
                    const done = arguments[arguments.length - 1];
                    import('/dashboard/api.js').then((api) => api.command('/api/relationships/%s/meetings',
                        { heldOn: '2026-01-01' }, null).then(() => done(200), (e) => done(e.status)));""".formatted(STALE_PAIR));
            assertThat(((Number) status).intValue()).isIn(403, 404);
            stranger.open("#/new");
            assertThat(stranger.text(By.cssSelector("main .notice"))).isEqualTo(
                    "Mentorskap startas av programmets arrangör. Be hen registrera ert par.");
        }
        assertThat(query.json("/api/relationships/" + STALE_PAIR + "/history").get("entries")).hasSize(3);
    }

    @Test
    @Order(5)
    void signingInAndOutSpeaksEachLanguage() {
        Map<String, List<String>> languages = Map.of(
                "fi-FI,fi", List.of("Kirjaudu sisään", "Käyttäjätunnus tai salasana ei ole oikein. Yritä uudelleen.", "Olet kirjautunut ulos."),
                "sv-FI,sv", List.of("Logga in", "Användarnamnet eller lösenordet stämmer inte. Försök igen.", "Du har loggat ut."),
                "en-GB,en", List.of("Sign in", "The user name or the password is not right. Please try again.", "You have signed out."));
        for (Map.Entry<String, List<String>> language : languages.entrySet()) {
            String code = language.getKey().substring(0, 2);
            List<String> texts = language.getValue();
            try (Browser browser = Browser.startSignedOut(base(), language.getKey())) {
                browser.driver().get(base() + "/login");
                browser.waitFor(d -> texts.get(0).equals(browser.text(By.id("sign-in-heading"))));
                assertThat(browser.find(By.tagName("html")).getDomAttribute("lang")).isEqualTo(code);
                assertThat(browser.find(By.cssSelector("label[for=username]")).getText()).isNotBlank();
                browser.screenshot("sign-in-" + code);

                browser.find(By.id("username")).sendKeys(MENTEE.username());
                browser.find(By.id("password")).sendKeys("not the password");
                browser.find(By.id("sign-in")).click();
                browser.waitFor(d -> d.getCurrentUrl().contains("/login?error"));
                browser.waitFor(d -> texts.get(1).equals(browser.text(By.id("sign-in-message"))));
                browser.screenshot("sign-in-error-" + code);

                browser.signIn(MENTEE);
                browser.waitFor(d -> "relationships".equals(browser.find(By.tagName("body")).getDomAttribute("data-view")));
                browser.find(By.id("sign-out")).click();
                browser.waitFor(d -> d.getCurrentUrl().contains("/login?logout"));
                browser.waitFor(d -> texts.get(2).equals(browser.text(By.id("sign-in-message"))));
                browser.screenshot("signed-out-" + code);
                assertThat(browser.consoleProblems()).isEmpty();
            }
        }
    }

    @Test
    @Order(6)
    void anAdminErasesAPersonAfterAConfirmationThatSaysWhatWillBeLostAndSeesTheDeadLetters() {
        String id = "acting-erased";
        String body = """
                {"relationshipId":"%s","mentor":{"id":"p-maija","name":"Maija Mentori"},
                 "mentee":{"id":"p-erase","name":"Erkki Poistettava"},"language":"fi"}""".formatted(id);
        assertThat(commands.post("/api/relationships", body).statusCode()).isEqualTo(201);
        try (Browser admin = Browser.start(base(), "en-GB,en")) {
            admin.open("#/admin");
            assertThat(admin.text(By.cssSelector("#dead-letters .notice.empty"))).isEqualTo("No dead letters: every event has been applied.");
            assertThat(admin.find(By.id("dead-letters-retry")).isEnabled()).isFalse();
            admin.screenshot("acting-admin-en");

            type(admin, "erase-person", "p-erase");
            admin.find(By.id("erase-open")).click();
            admin.waitFor(d -> admin.find(By.id("erase-dialog")).isDisplayed());
            assertThat(admin.text(By.id("erase-dialog-text"))).contains("In every relationship that names p-erase:",
                    "the text the pair and the organisers wrote in it is gone: meeting notes, concerns, evaluation comments, goals",
                    "The facts stay", "This cannot be undone.");
            assertThat(admin.script("return document.activeElement.id;")).as("the safe choice first").isEqualTo("erase-cancel");
            admin.screenshot("acting-erase-dialog-en");
            admin.find(By.id("erase-confirm")).click();
            admin.waitFor(d -> !admin.findAll(By.cssSelector("#erase-status .notice.success")).isEmpty());
            assertThat(admin.text(By.cssSelector("#erase-status .notice"))).startsWith(
                    "The personal data of p-erase was erased from 1 relationship.");
            admin.open("#/relationship/" + id + "?v=1");
            assertThat(admin.text(By.tagName("h1"))).isEqualTo("Maija Mentori – (personal data erased)");
        }
        assertThat(query.json("/api/relationships/" + id + "/history").get("entries").get(1).get("type").asText())
                .isEqualTo("PersonalDataErased");
    }

    @Test
    @Order(7)
    void anOrganiserEndsARelationshipOfTheirProgrammeForTheirOwnDecisionOnly() {
        String id = "acting-ended";
        startPair(id, PROGRAMME);
        try (Browser organiser = Browser.startSignedOut(base(), "sv-FI,sv")) {
            organiser.signIn(ORGANISER);
            organiser.open("#/relationship/" + id);
            assertThat(offered(organiser)).containsExactly("terminate", "correctDate");
            open(organiser, "terminate");
            assertThat(organiser.findAll(By.cssSelector("#form-terminate .fixed"))).extracting(WebElement::getText)
                    .map(text -> text.replaceAll("\\s+", " ")).containsExactly("Orsak Arrangörens beslut", "På initiativ av Arrangören");
            assertThat(organiser.findAll(By.id("terminate-reason"))).as("no other reason to choose").isEmpty();
            type(organiser, "terminate-note", "Paret har inte träffats.");
            organiser.screenshot("acting-terminate-sv");
            submit(organiser, "terminate");
            assertThat(organiser.text(By.id("result"))).isEqualTo("Mentorskapet avbröts.");
            assertThat(organiser.text(By.cssSelector("[data-fact=stage]"))).isEqualTo("Avbrutet");
            assertThat(organiser.text(By.cssSelector("[data-fact=terminationReason]"))).isEqualTo("Arrangörens beslut");
            assertThat(organiser.text(By.cssSelector("ol.timeline > li:last-child .sentence"))).startsWith("Mentorskapet avbröts ")
                    .endsWith("(orsak: arrangörens beslut; på initiativ av arrangören).");
        }
        JsonNode ended = query.json("/api/relationships/" + id + "/history").get("entries").get(1);
        assertThat(ended.get("type").asText()).isEqualTo("RelationshipTerminated");
        assertThat(ended.get("actor").asText()).isEqualTo(ORGANISER.username());
        assertThat(ended.get("data").get("reason").asText()).isEqualTo("ORGANISER_DECISION");
        assertThat(ended.get("data").get("initiatedBy").asText()).isEqualTo("ORGANISER");
        assertThat(ended.get("data").get("note").asText()).isEqualTo("Paret har inte träffats.");
    }

    /**
     * The rest of the pair's actions, in English, by the mentor: amend the agreement (its form
     * starts from the agreement in force), mark a goal achieved, pause with a reason, resume, and end
     * early with a reason, who initiated it and a note; what the page offers follows each stage.
     */
    @Test
    @Order(8)
    void thePairAmendsAchievesPausesResumesAndEndsEarly() {
        String id = "acting-lifecycle";
        LocalDate today = LocalDate.now(HELSINKI);
        startPair(id, PROGRAMME);
        assertThat(commands.post("/api/relationships/" + id + "/agree", """
                {"goals":[{"goalId":"g1","description":"Find a UX job","milestones":["Portfolio"]}],
                 "groundRules":{"contactChannel":"Phone","meetingFrequency":"Monthly"},"agreedOn":"%s"}"""
                .formatted(today.minusDays(30))).statusCode()).isEqualTo(200);
        try (Browser mentor = Browser.startSignedOut(base(), "en-GB,en")) {
            mentor.signIn(MENTOR);
            mentor.open("#/relationship/" + id);
            assertThat(offered(mentor)).containsExactly("amend", "meeting", "achieve", "raise", "pause", "terminate");

            open(mentor, "amend");
            assertThat(mentor.find(By.id("amend-goal-0")).getDomProperty("value")).isEqualTo("Find a UX job");
            assertThat(mentor.find(By.id("amend-contact")).getDomProperty("value")).isEqualTo("Phone");
            mentor.find(By.id("amend-add-goal")).click();
            type(mentor, "amend-goal-1", "Speak at a meetup");
            mentor.screenshot("acting-amend-en");
            submit(mentor, "amend");
            assertThat(mentor.text(By.id("result"))).isEqualTo("The agreement was amended.");
            assertThat(mentor.findAll(By.cssSelector("ul.goals li"))).extracting(WebElement::getText)
                    .containsExactly("Find a UX job — open", "Speak at a meetup — open");

            open(mentor, "achieve");
            new Select(mentor.find(By.id("achieve-goal"))).selectByValue("g1");
            submit(mentor, "achieve");
            assertThat(mentor.text(By.cssSelector("ul.goals li[data-goal=g1]"))).startsWith("Find a UX job — achieved");

            open(mentor, "pause");
            type(mentor, "pause-reason", "Parental leave");
            submit(mentor, "pause");
            assertThat(mentor.text(By.id("result"))).isEqualTo("The relationship was paused.");
            assertThat(mentor.text(By.cssSelector("[data-fact=stage]"))).isEqualTo("Paused");
            assertThat(offered(mentor)).as("the mentor corrects the dates they recorded, while it is open")
                    .containsExactly("amend", "achieve", "raise", "resume", "terminate", "correctDate");
            assertThat(mentor.text(By.id("not-now"))).contains("A meeting can't be recorded");
            assertThat(mentor.text(By.cssSelector("ol.timeline > li[data-type=RelationshipPaused]"))).contains("Parental leave");

            open(mentor, "resume");
            submit(mentor, "resume");
            assertThat(mentor.text(By.id("result"))).isEqualTo("The relationship was resumed.");
            assertThat(mentor.text(By.cssSelector("[data-fact=stage]"))).isEqualTo("Agreed");

            open(mentor, "terminate");
            new Select(mentor.find(By.id("terminate-reason"))).selectByValue("RELOCATION");
            new Select(mentor.find(By.id("terminate-initiator"))).selectByValue("MENTEE");
            type(mentor, "terminate-note", "Aino moves to Oulu.");
            mentor.screenshot("acting-end-early-en");
            submit(mentor, "terminate");
            assertThat(mentor.text(By.id("result"))).isEqualTo("The relationship was ended early.");
            assertThat(mentor.text(By.cssSelector("[data-fact=stage]"))).isEqualTo("Terminated (dropped out)");
            assertThat(mentor.text(By.cssSelector("[data-fact=terminationReason]"))).isEqualTo("Relocation");
            assertThat(offered(mentor)).containsExactly("evaluate");
            mentor.screenshot("acting-ended-early-en");
        }
        List<String> types = new java.util.ArrayList<>();
        query.json("/api/relationships/" + id + "/history").get("entries")
                .forEach(entry -> types.add(entry.get("type").asText() + " by " + entry.get("actor").asText()));
        assertThat(types).containsExactly("RelationshipStarted by admin", "AgreementSigned by admin",
                "AgreementAmended by mentor-maija", "GoalAchieved by mentor-maija", "RelationshipPaused by mentor-maija",
                "RelationshipResumed by mentor-maija", "RelationshipTerminated by mentor-maija");
    }

    /**
     * DOMAIN.md, "Corrections": an organiser of the programme corrects one mistake of each kind in
     * English: withdraws a meeting logged by mistake, corrects a meeting's date, withdraws an
     * evaluation submitted for the wrong party and reopens a relationship closed by mistake. The
     * figures follow the corrected facts; the history keeps each mistake, marked with the entry that
     * corrected it, and each correction with who made it and why.
     */
    @Test
    @Order(11)
    void anOrganiserCorrectsEachKindOfMistakeAndTheHistoryKeepsTheMistakesMarked() {
        String id = "acting-corrected";
        LocalDate today = LocalDate.now(HELSINKI);
        startPair(id, PROGRAMME);
        assertThat(commands.post("/api/relationships/" + id + "/agree", """
                {"goals":[{"goalId":"g1","description":"Find a UX job","milestones":[]}],
                 "groundRules":{"contactChannel":"Phone","meetingFrequency":"Monthly"},"agreedOn":"%s"}"""
                .formatted(today.minusDays(30))).statusCode()).isEqualTo(200);
        for (String meeting : List.of("m1:20", "m2:10")) {
            String[] idAndDaysAgo = meeting.split(":");
            assertThat(commands.post("/api/relationships/" + id + "/meetings", """
                    {"meetingId":"%s","heldOn":"%s","durationMinutes":60,"format":"REMOTE"}"""
                    .formatted(idAndDaysAgo[0], today.minusDays(Long.parseLong(idAndDaysAgo[1])))).statusCode())
                    .isEqualTo(200);
        }
        try (Browser organiser = Browser.startSignedOut(base(), "en-GB,en")) {
            organiser.signIn(ORGANISER);
            organiser.open("#/relationship/" + id);
            assertThat(organiser.text(By.cssSelector("#actions > p.muted"))).isEqualTo("As the programme's organiser"
                    + " you can end this relationship for your decision and correct what was recorded by mistake;"
                    + " the pair records everything else.");
            assertThat(offered(organiser)).containsExactly("terminate", "withdrawMeeting", "correctDate");

            open(organiser, "withdrawMeeting");
            new Select(organiser.find(By.id("withdraw-meeting"))).selectByValue("m2");
            type(organiser, "withdraw-meeting-reason", "Logged on the wrong pair.");
            organiser.screenshot("acting-withdraw-meeting-en");
            submit(organiser, "withdrawMeeting");
            assertThat(organiser.text(By.id("result")))
                    .isEqualTo("The meeting was withdrawn; the history keeps it, marked as corrected.");
            assertThat(organiser.text(By.cssSelector("[data-fact=meetings]"))).isEqualTo("1");
            WebElement withdrawn = organiser.find(By.cssSelector("ol.timeline > li[data-sequence='3']"));
            assertThat(withdrawn.getDomAttribute("class")).isEqualTo("corrected");
            assertThat(withdrawn.findElement(By.cssSelector("h3")).getText()).isEqualTo("Meeting held corrected");
            assertThat(withdrawn.findElement(By.cssSelector(".corrected-by")).getText())
                    .isEqualTo("Corrected later: see entry 4.");
            assertThat(organiser.text(By.cssSelector("ol.timeline > li[data-type=MeetingWithdrawn]")))
                    .contains("was withdrawn as recorded by mistake", "Logged on the wrong pair.");

            open(organiser, "correctDate");
            new Select(organiser.find(By.id("correct-entry"))).selectByValue("2");
            type(organiser, "correct-date", today.minusDays(15).toString());
            type(organiser, "correct-date-reason", "We met a week later than logged.");
            submit(organiser, "correctDate");
            assertThat(organiser.text(By.id("result")))
                    .isEqualTo("The date was corrected; the history keeps the original, marked as corrected.");
            assertThat(organiser.find(By.cssSelector("ol.timeline > li[data-sequence='2'] .corrected-by")).getText())
                    .isEqualTo("Corrected later: see entry 5.");
            assertThat(organiser.text(By.cssSelector("ol.timeline > li[data-type=DateCorrected]")))
                    .contains("The date of entry 2 was corrected from", "We met a week later than logged.");
            // the entries the corrections name can be found by their number
            assertThat(organiser.text(By.cssSelector("#entry-5 .entry-number"))).isEqualTo("5");
            assertThat(organiser.find(By.id("entry-5")).getDomAttribute("data-type")).isEqualTo("DateCorrected");
        }
        assertThat(commands.post("/api/relationships/" + id + "/close", """
                {"closedOn":"%s"}""".formatted(today.minusDays(5))).statusCode()).isEqualTo(200);
        assertThat(commands.post("/api/relationships/" + id + "/evaluations", """
                {"by":"MENTOR","rating":2,"goalsMet":"NOT"}""").statusCode()).isEqualTo(200);
        try (Browser organiser = Browser.startSignedOut(base(), "en-GB,en")) {
            organiser.signIn(ORGANISER);
            organiser.open("#/relationship/" + id);
            assertThat(offered(organiser)).containsExactly("withdrawMeeting", "correctDate", "reopen",
                    "withdrawEvaluation");

            open(organiser, "withdrawEvaluation");
            new Select(organiser.find(By.id("withdraw-evaluation"))).selectByValue("MENTOR");
            type(organiser, "withdraw-evaluation-reason", "The mentor rated another pair here.");
            submit(organiser, "withdrawEvaluation");
            assertThat(organiser.text(By.id("result")))
                    .isEqualTo("The evaluation was withdrawn; that party may evaluate again.");

            open(organiser, "reopen");
            type(organiser, "reopen-reason", "Closed by mistake: they still meet.");
            submit(organiser, "reopen");
            assertThat(organiser.text(By.id("result")))
                    .isEqualTo("The relationship was reopened in the stage it was ended from.");
            assertThat(organiser.text(By.cssSelector("[data-fact=stage]"))).isEqualTo("In progress");
            assertThat(organiser.text(By.cssSelector("[data-fact=endedOn]"))).isEqualTo("–");
            assertThat(organiser.findAll(By.cssSelector("ol.timeline > li.corrected")))
                    .extracting(li -> li.getDomAttribute("data-type"))
                    .containsExactly("MeetingRecorded", "MeetingRecorded", "RelationshipClosed", "EvaluationSubmitted");
            organiser.screenshot("acting-corrected-history-en");
        }

        JsonNode summary = query.json("/api/relationships/" + id);
        assertThat(summary.get("stage").asText()).isEqualTo("IN_PROGRESS");
        assertThat(summary.get("meetingCount").asInt()).isEqualTo(1);
        assertThat(summary.get("lastMeetingOn").asText()).isEqualTo(today.minusDays(15).toString());
        assertThat(summary.get("inProgressOn").asText()).isEqualTo(today.minusDays(15).toString());
        assertThat(summary.get("endedOn").isNull()).isTrue();
        List<String> entries = new ArrayList<>();
        query.json("/api/relationships/" + id + "/history").get("entries").forEach(entry -> entries.add(
                entry.get("sequence").asInt() + " " + entry.get("type").asText() + " by " + entry.get("actor").asText()
                        + (entry.get("correctedBy").isEmpty() ? "" : " corrected by " + entry.get("correctedBy"))
                        + (entry.get("corrects").isNull() ? "" : " corrects " + entry.get("corrects")
                                + " because " + entry.get("data").get("reason").asText())));
        String organiser = ORGANISER.username();
        assertThat(entries).containsExactly("0 RelationshipStarted by admin", "1 AgreementSigned by admin",
                "2 MeetingRecorded by admin corrected by [5]", "3 MeetingRecorded by admin corrected by [4]",
                "4 MeetingWithdrawn by " + organiser + " corrects 3 because Logged on the wrong pair.",
                "5 DateCorrected by " + organiser + " corrects 2 because We met a week later than logged.",
                "6 RelationshipClosed by admin corrected by [9]", "7 EvaluationSubmitted by admin corrected by [8]",
                "8 EvaluationWithdrawn by " + organiser + " corrects 7 because The mentor rated another pair here.",
                "9 RelationshipReopened by " + organiser + " corrects 6 because Closed by mistake: they still meet.");
    }

    /** Admins start pairs in any programme, typed in; a mentor or mentee is told who starts them. */
    @Test
    @Order(9)
    void anAdminStartsAPairInAnyProgrammeAndAParticipantIsToldWhoStartsThem() {
        try (Browser admin = Browser.start(base(), "en-GB,en"); Browser mentee = Browser.startSignedOut(base(), "en-GB,en")) {
            admin.open("#/new");
            assertThat(admin.find(By.id("start-programme")).getTagName()).as("any programme, typed in").isEqualTo("input");
            type(admin, "start-programme", "autumn-2027");
            type(admin, "start-mentor-name", "Mikko Mentor");
            type(admin, "start-mentor-id", "p-mikko");
            type(admin, "start-mentee-name", "Aada Aktori");
            type(admin, "start-mentee-id", "p-aada");
            type(admin, "start-id", "acting-admin-started");
            submit(admin, "start");
            assertThat(admin.text(By.id("result"))).isEqualTo("The relationship was started.");
            assertThat(admin.text(By.cssSelector("[data-fact=programme]"))).isEqualTo("autumn-2027");
            assertThat(admin.text(By.tagName("h1"))).isEqualTo("Mikko Mentor – Aada Aktori");
            admin.screenshot("acting-admin-started-en");

            mentee.signIn(MENTEE);
            mentee.open("#/new");
            assertThat(mentee.text(By.cssSelector("main .notice"))).isEqualTo(
                    "Relationships are started by the programme's organiser. Ask them to register your pair.");
            assertThat(mentee.findAll(By.id("form-start"))).isEmpty();
        }
        assertThat(query.json("/api/relationships/acting-admin-started").get("programmeId").asText()).isEqualTo("autumn-2027");
    }

    /**
     * A session that ended while a concern was being written (expired, or signed out in another
     * tab): sending it goes to the sign-in page, and signing in again comes back to the same page
     * with what was typed in the form, saying so, ready to send.
     */
    @Test
    @Order(10)
    void aSessionThatEndedWhileTypingComesBackAfterSigningInWithWhatWasTyped() {
        String id = "acting-session";
        startPair(id, PROGRAMME);
        try (Browser mentee = Browser.startSignedOut(base(), "en-GB,en")) {
            mentee.signIn(MENTEE);
            mentee.open("#/relationship/" + id);
            open(mentee, "raise");
            type(mentee, "raise-description", "We keep missing each other.");
            mentee.find(By.id("raise-organiser")).click();
            assertThat(((Number) mentee.script(
                    "return document.getElementById('raise-organiser').getBoundingClientRect().width;")).doubleValue())
                    .as("a checkbox beside its label, not stretched across the form").isLessThan(40);

            mentee.driver().manage().deleteCookieNamed("JSESSIONID");
            mentee.find(By.id("form-raise-submit")).click();
            mentee.waitFor(d -> d.getCurrentUrl().contains("/login"));
            mentee.signIn(MENTEE);
            mentee.waitFor(d -> !d.findElements(By.cssSelector("#form-raise .form-status.warning")).isEmpty());

            assertThat(mentee.driver().getCurrentUrl()).endsWith("#/relationship/" + id);
            assertThat(mentee.text(By.cssSelector("#form-raise .form-status"))).isEqualTo(
                    "You had been signed out, so nothing was saved. What you wrote is back here: send it again.");
            assertThat(mentee.find(By.id("raise-description")).getDomProperty("value")).isEqualTo("We keep missing each other.");
            assertThat(mentee.find(By.id("raise-organiser")).isSelected()).isTrue();
            mentee.screenshot("acting-signed-in-again-en");
            submit(mentee, "raise");
            assertThat(mentee.text(By.id("result"))).isEqualTo("The concern was raised.");
            assertThat(mentee.script("return sessionStorage.length;")).as("nothing of the text kept any longer")
                    .isEqualTo(0L);
        }
        JsonNode raised = query.json("/api/relationships/" + id + "/history").get("entries").get(1);
        assertThat(raised.get("type").asText()).isEqualTo("ConcernRaised");
        assertThat(raised.at("/data/organiserContacted").asBoolean()).isTrue();
    }

    /**
     * A real dead letter: a stored start whose language is longer than the summary's column (as
     * written before languages were limited) parks its relationship. The admin sees it, a retry
     * before the fix leaves it parked and says so, and after the column is widened a retry clears it.
     */
    @Test
    @Order(12)
    void anAdminSeesARealDeadLetterAndRetriesItAfterTheFix() throws Exception {
        Journey poisoned = new Journey("acting-poison", PROGRAMME, LocalDate.now(HELSINKI).minusDays(10));
        RelationshipStarted started = (RelationshipStarted) poisoned.events.get(0);
        String longLanguage = "fi-x-" + "murre".repeat(8);
        poisoned.events.set(0, new RelationshipStarted(started.relationshipId(), started.programmeId(),
                started.mentor(), started.mentee(), longLanguage, started.startedOn()));
        query.append(List.of(poisoned));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> query.json("/api/admin/dead-letters").size() == 1);

        try (Browser admin = Browser.start(base(), "fi-FI,fi")) {
            admin.open("#/admin");
            WebElement letter = admin.find(By.cssSelector("#dead-letters tr[data-aggregate='acting-poison']"));
            assertThat(letter.getText()).contains("relationship-summary", "Suhde aloitettu", "acting-poison");
            assertThat(admin.find(By.id("dead-letters-retry")).isEnabled()).isTrue();
            admin.screenshot("acting-dead-letter-fi");

            admin.find(By.id("dead-letters-retry")).click();
            admin.waitFor(d -> statusOf(admin).startsWith("Yritetty uudelleen"));
            assertThat(admin.text(By.id("dead-letters-status"))).isEqualTo("Yritetty uudelleen: 0 käsitelty, 1 odottaa yhä.");
            assertThat(admin.findAll(By.cssSelector("#dead-letters tr[data-aggregate='acting-poison']"))).hasSize(1);

            // the fix, as an operator would make it: widen the column, then let the services reconnect
            // (a changed column type invalidates the statements their pooled connections prepared)
            try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
                statement.execute("ALTER TABLE relationship_summary ALTER COLUMN language TYPE VARCHAR(100)");
                statement.execute("""
                        SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                         WHERE datname = current_database() AND pid <> pg_backend_pid()""");
            }
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> query.get("/api/admin/dead-letters").statusCode() == 200);
            admin.find(By.id("dead-letters-retry")).click();
            admin.waitFor(d -> statusOf(admin).equals("Yritetty uudelleen: 1 käsitelty, 0 odottaa yhä."));
            assertThat(admin.findAll(By.cssSelector("#dead-letters .notice.empty"))).hasSize(1);
            assertThat(admin.findAll(By.cssSelector("#dead-letters tr[data-aggregate]"))).isEmpty();
            admin.screenshot("acting-dead-letter-retried-fi");
        }
        assertThat(query.json("/api/relationships/acting-poison").get("language").asText()).isEqualTo(longLanguage);
    }

    /** The service's own field messages (400) are shown next to their fields in the person's language. */
    @Test
    @Order(13)
    void theServicesFieldMessagesAreShownInThePersonsLanguage() {
        try (Browser organiser = Browser.startSignedOut(base(), "sv-FI,sv")) {
            organiser.signIn(ORGANISER);
            organiser.open("#/new");
            type(organiser, "start-mentor-name", "M".repeat(201));
            type(organiser, "start-mentor-id", "p-maija");
            type(organiser, "start-mentee-name", "Aino Aktori");
            type(organiser, "start-mentee-id", "=p-aino");
            type(organiser, "start-id", "-acting-bad");
            organiser.find(By.id("form-start-submit")).click();
            organiser.waitFor(d -> organiser.find(By.id("start-id-error")).isDisplayed());

            assertThat(organiser.text(By.id("start-id-error")))
                    .isEqualTo("Använd 1–100 bokstäver, siffror eller . _ : -, först en bokstav eller siffra.");
            assertThat(organiser.text(By.id("start-mentee-id-error")))
                    .isEqualTo("Använd 1–200 bokstäver, siffror eller . _ : -, först en bokstav eller siffra.");
            assertThat(organiser.text(By.id("start-mentor-name-error"))).isEqualTo("Högst 200 tecken (eller rader).");
            assertThat(organiser.find(By.id("start-mentee-name")).getDomProperty("value")).isEqualTo("Aino Aktori");
            organiser.screenshot("acting-start-refused-sv");
        }
        assertThat(query.send("GET", "/api/relationships/-acting-bad", "application/json", TestUsers.ADMIN).statusCode())
                .isEqualTo(404);
    }

    /**
     * An outage of the command-service while a meeting is being logged: nothing is saved, the page
     * says so in the person's language, and what they typed is still in the form. Last, since it
     * stops the command-service.
     */
    @Test
    @Order(20)
    void anOutageSavesNothingSaysSoAndKeepsWhatWasTyped() {
        String id = "acting-outage";
        startPair(id, PROGRAMME);
        try (Browser mentee = Browser.startSignedOut(base(), "sv-FI,sv")) {
            mentee.signIn(MENTEE);
            mentee.open("#/relationship/" + id);
            open(mentee, "meeting");
            type(mentee, "meeting-duration", "50");
            type(mentee, "meeting-tasks", "Skriva ansökan");
            type(mentee, "meeting-notes", "Vi pratade om lön.");

            commands.close();
            mentee.find(By.id("form-meeting-submit")).click();
            mentee.waitFor(d -> !mentee.findAll(By.cssSelector("#form-meeting .form-status.error")).isEmpty());

            assertThat(mentee.text(By.cssSelector("#form-meeting .form-status"))).isEqualTo(
                    "Tjänsten gick inte att nå, så ingenting sparades. Det du skrev finns kvar: försök igen om en stund.");
            assertThat(mentee.find(By.id("meeting-duration")).getDomProperty("value")).isEqualTo("50");
            assertThat(mentee.find(By.id("meeting-tasks")).getDomProperty("value")).isEqualTo("Skriva ansökan");
            assertThat(mentee.find(By.id("meeting-notes")).getDomProperty("value")).isEqualTo("Vi pratade om lön.");
            assertThat(mentee.find(By.id("form-meeting-submit")).isEnabled()).as("ready to try again").isTrue();
            mentee.screenshot("acting-outage-sv");
        }
        assertThat(query.json("/api/relationships/" + id).get("meetingCount").asInt()).isZero();
    }

    /** The dead letters' status line; the view is drawn anew after a retry, so a line read meanwhile may be gone. */
    private static String statusOf(Browser admin) {
        try {
            return admin.text(By.id("dead-letters-status"));
        } catch (org.openqa.selenium.StaleElementReferenceException | org.openqa.selenium.NoSuchElementException redrawn) {
            return "";
        }
    }

    /** A pair started through the command API by the admin, for the tests that need one of their own. */
    private static void startPair(String id, String programme) {
        String body = """
                {"relationshipId":"%s","programmeId":"%s","mentor":{"id":"p-maija","name":"Mentor %s"},
                 "mentee":{"id":"p-aino","name":"Mentee %s"},"language":"fi","startedOn":"%s"}"""
                .formatted(id, programme, id, id, LocalDate.now(HELSINKI).minusDays(40));
        assertThat(commands.post("/api/relationships", body).statusCode()).isEqualTo(201);
    }

    /** The actions the page offers now, in its order. */
    private static List<String> offered(Browser browser) {
        return browser.findAll(By.cssSelector("#actions details.action")).stream()
                .map(details -> details.getDomAttribute("data-action")).toList();
    }

    private static void open(Browser browser, String action) {
        WebElement details = browser.find(By.id("action-" + action));
        if (details.getDomAttribute("open") == null) {
            details.findElement(By.tagName("summary")).click();
        }
    }

    private static void type(Browser browser, String id, String text) {
        WebElement input = browser.find(By.id(id));
        input.clear();
        input.sendKeys(text);
    }

    /** Sends a form as a person would and waits for the page that shows its result. */
    private static void submit(Browser browser, String action) {
        int before = browser.renders();
        browser.find(By.id("form-" + action + "-submit")).click();
        browser.awaitRenderAfter(before);
    }

    private static String finnish(LocalDate date) {
        return date.format(DateTimeFormatter.ofPattern("d.M.yyyy"));
    }

    private static String base() {
        return query.base();
    }
}
