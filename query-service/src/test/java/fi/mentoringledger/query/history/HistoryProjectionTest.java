package fi.mentoringledger.query.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import fi.mentoringledger.api.relationship.Agreement;
import fi.mentoringledger.api.relationship.AgreementAmended;
import fi.mentoringledger.api.relationship.AgreementSigned;
import fi.mentoringledger.api.relationship.ConcernRaised;
import fi.mentoringledger.api.relationship.ConcernResolved;
import fi.mentoringledger.api.relationship.DateCorrected;
import fi.mentoringledger.api.relationship.EvaluationSubmitted;
import fi.mentoringledger.api.relationship.EvaluationWithdrawn;
import fi.mentoringledger.api.relationship.Goal;
import fi.mentoringledger.api.relationship.GoalAchieved;
import fi.mentoringledger.api.relationship.GoalsMet;
import fi.mentoringledger.api.relationship.GroundRules;
import fi.mentoringledger.api.relationship.Initiator;
import fi.mentoringledger.api.relationship.MeetingFormat;
import fi.mentoringledger.api.relationship.MeetingRecorded;
import fi.mentoringledger.api.relationship.MeetingWithdrawn;
import fi.mentoringledger.api.relationship.Party;
import fi.mentoringledger.api.relationship.Person;
import fi.mentoringledger.api.relationship.PersonalDataErased;
import fi.mentoringledger.api.relationship.RelationshipClosed;
import fi.mentoringledger.api.relationship.RelationshipId;
import fi.mentoringledger.api.relationship.RelationshipPaused;
import fi.mentoringledger.api.relationship.RelationshipReopened;
import fi.mentoringledger.api.relationship.RelationshipResumed;
import fi.mentoringledger.api.relationship.RelationshipStarted;
import fi.mentoringledger.api.relationship.RelationshipTerminated;
import fi.mentoringledger.api.relationship.Stage;
import fi.mentoringledger.api.relationship.TerminationReason;
import fi.mentoringledger.query.processing.ProjectionGenerations;
import fi.mentoringledger.query.support.Journey;
import fi.mentoringledger.query.support.ReadModelDatabase;
import fi.mentoringledger.query.support.ReadModelKeys;
import fi.mentoringledger.security.Caller;
import fi.mentoringledger.security.Role;

/**
 * The audit history, event type by event type: entry, sentence, data; the pair's private text kept
 * apart and read only by the pair; and what an erasure scrubs.
 */
class HistoryProjectionTest {

    private static final RelationshipId ID = RelationshipId.of("r1");
    private static final LocalDate DAY = LocalDate.of(2025, 3, 4);
    private static final Instant RECORDED = Instant.parse("2025-03-05T10:15:30.123Z");
    private static final String SECRET = "only for the two of us";
    private static final Caller ADMIN = new Caller("admin", Set.of(Role.ADMIN), null, Set.of());
    private static final Caller ORGANISER = new Caller("organiser", Set.of(Role.ORGANISER), null, Set.of("p"));
    private static final Caller MENTOR = new Caller("anna", Set.of(Role.MENTOR), "m1", Set.of());
    private static final Caller MENTEE = new Caller("matti", Set.of(Role.MENTEE), "e1", Set.of());
    private static final Caller MENTOR_ELSEWHERE = new Caller("olli", Set.of(Role.MENTOR), "m2", Set.of());
    /** An admin who is also a mentor, of another relationship. */
    private static final Caller ADMIN_AND_MENTOR_ELSEWHERE = new Caller("aino", Set.of(Role.ADMIN, Role.MENTOR), "m2",
            Set.of());

    @RegisterExtension
    static final ReadModelDatabase db = ReadModelDatabase.emptiedBeforeEach();
    private static ReadModelKeys keys;
    private static HistoryProjection projection;
    private static AuditHistory history;
    private static ObjectMapper json;
    private long sequence;

    @BeforeAll
    static void projections() {
        json = Jackson2ObjectMapperBuilder.json().featuresToDisable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build();
        keys = new ReadModelKeys(db);
        projection = new HistoryProjection(db.namedJdbc(), new ProjectionGenerations(db.jdbc()), json, keys.sealing());
        history = new AuditHistory(db.jdbc(), json, keys.sealing());
    }

    @BeforeEach
    void firstEvent() {
        sequence = 0;
    }

    @Test
    void aStartEntryNamesThePartiesProgrammeAndLanguage() {
        History.Entry entry = record(new RelationshipStarted(ID, "womento", new Person("m1", "Anna Virtanen"),
                new Person("e1", "Matti Meikäläinen"), "fi", DAY));

        assertThat(entry.sequence()).isZero();
        assertThat(entry.type()).isEqualTo("RelationshipStarted");
        assertThat(entry.occurredOn()).isEqualTo(DAY);
        assertThat(entry.recordedAt()).isEqualTo(RECORDED);
        assertThat(entry.actor()).isNull();
        assertThat(entry.correlationId()).isEqualTo("request-1");
        assertThat(entry.summary()).isEqualTo("Mentor Anna Virtanen and mentee Matti Meikäläinen started mentoring on "
                + "2025-03-04 in programme womento (language: fi).");
        assertThat(entry.data().get("relationshipId").asText()).isEqualTo("r1");
        assertThat(entry.data().get("programmeId").asText()).isEqualTo("womento");
        assertThat(entry.data().get("mentor").get("name").asText()).isEqualTo("Anna Virtanen");
        assertThat(entry.data().get("startedOn").asText()).isEqualTo("2025-03-04");
        assertThat(entry.data().has("confidential")).isFalse();
    }

    @Test
    void aStartOutsideAnyProgrammeSaysSo() {
        History.Entry entry = record(new RelationshipStarted(ID, null, new Person("m1", "Anna"),
                new Person("e1", "Matti"), "sv", DAY));

        assertThat(entry.summary()).isEqualTo("Mentor Anna and mentee Matti started mentoring on 2025-03-04 outside "
                + "any programme (language: sv).");
    }

    @Test
    void anAgreementEntryCountsGoalsAndNamesThePlannedEnd() {
        started();
        History.Entry entry = record(new AgreementSigned(ID, agreement("Build a network", "Find a job"), DAY));

        assertThat(entry.type()).isEqualTo("AgreementSigned");
        assertThat(entry.occurredOn()).isEqualTo(DAY);
        assertThat(entry.summary()).isEqualTo(
                "The mentoring agreement was signed on 2025-03-04 with 2 goals, planned to end on 2025-12-31.");
        assertThat(entry.data().at("/agreement/goals/1/description").asText()).isEqualTo("Find a job");
        assertThat(entry.data().at("/agreement/groundRules/meetingFrequency").asText()).isEqualTo("monthly");
    }

    @Test
    void anAmendmentEntryCountsTheGoalsNow() {
        started();
        record(new AgreementSigned(ID, agreement("One"), DAY));
        History.Entry entry = record(new AgreementAmended(ID, agreement("One", "Two", "Three"), DAY.plusDays(9)));

        assertThat(entry.type()).isEqualTo("AgreementAmended");
        assertThat(entry.occurredOn()).isEqualTo(DAY.plusDays(9));
        assertThat(entry.summary()).isEqualTo(
                "The mentoring agreement was amended on 2025-03-13 with 3 goals, planned to end on 2025-12-31.");
    }

    @Test
    void aMeetingEntryShowsWhenHowLongAndTheTasksButNotThePrivateNotes() {
        started();
        History.Entry entry = record(new MeetingRecorded(ID, "m-1", DAY, 60, SECRET, List.of("read", "write"),
                MeetingFormat.IN_PERSON));

        assertThat(entry.type()).isEqualTo("MeetingRecorded");
        assertThat(entry.occurredOn()).isEqualTo(DAY);
        assertThat(entry.summary())
                .isEqualTo("An in-person meeting of 60 minutes was held on 2025-03-04.");
        assertThat(entry.data().get("format").asText()).isEqualTo("IN_PERSON");
        assertThat(entry.data().has("privateNotes")).isFalse();
        assertThat(entry.data().get("confidential").toString()).isEqualTo("[\"privateNotes\"]");
        assertThat(entry.data().get("tasks").toString()).isEqualTo("[\"read\",\"write\"]");
        assertThat(entry.data().get("durationMinutes").asInt()).isEqualTo(60);
        assertNoSecretStored();
    }

    @Test
    void aMeetingWithoutNotesHasNothingConfidential() {
        started();
        History.Entry entry = record(new MeetingRecorded(ID, "m-1", DAY, null, null, List.of(),
                MeetingFormat.NOT_RECORDED));
        History.Entry remote = record(new MeetingRecorded(ID, "m-2", DAY, 30, "", List.of("a"),
                MeetingFormat.REMOTE));

        assertThat(entry.summary()).isEqualTo("A meeting was held on 2025-03-04.");
        assertThat(remote.summary()).isEqualTo("A remote meeting of 30 minutes was held on 2025-03-04.");
        assertThat(remote.data().has("confidential")).isFalse();
        assertThat(entry.data().has("confidential")).isFalse();
    }

    /** The sentence holds facts only, so that an erasure never leaves one that quotes the pair's text. */
    @Test
    void aGoalEntryNamesTheGoalById() {
        started();
        record(new AgreementSigned(ID, agreement("Build a network"), DAY));
        History.Entry entry = record(new GoalAchieved(ID, "goal-1", DAY.plusDays(30)));

        assertThat(entry.type()).isEqualTo("GoalAchieved");
        assertThat(entry.occurredOn()).isEqualTo(DAY.plusDays(30));
        assertThat(entry.summary()).isEqualTo("Goal goal-1 was achieved on 2025-04-03.");
    }

    @Test
    void aConcernThePairKeepsShowsWhoRaisedItButNotWhatItSays() {
        started();
        History.Entry entry = record(new ConcernRaised(ID, "c-1", Party.MENTEE, SECRET, false, DAY));

        assertThat(entry.type()).isEqualTo("ConcernRaised");
        assertThat(entry.occurredOn()).isEqualTo(DAY);
        assertThat(entry.summary()).isEqualTo("The mentee raised a concern on 2025-03-04; the organiser was not contacted.");
        assertThat(entry.data().has("description")).isFalse();
        assertThat(entry.data().get("confidential").toString()).isEqualTo("[\"description\"]");
        assertThat(entry.data().get("raisedBy").asText()).isEqualTo("MENTEE");
        assertNoSecretStored();
    }

    /**
     * DOMAIN.md, "Confidentiality": a concern addressed to the organiser, and its resolution, are
     * personal data, which whoever may see the relationship reads.
     */
    @Test
    void aConcernAddressedToTheOrganiserAndItsResolutionAreReadByTheOrganiser() {
        started();
        record(new ConcernRaised(ID, "c-1", Party.MENTEE, "The mentor keeps cancelling", true, DAY));
        record(new ConcernRaised(ID, "c-2", Party.MENTEE, SECRET, false, DAY));
        record(new ConcernResolved(ID, "c-1", "We agreed on fixed dates", DAY.plusDays(1)));
        record(new ConcernResolved(ID, "c-2", SECRET, DAY.plusDays(1)));

        for (Caller reader : List.of(ORGANISER, ADMIN, MENTOR)) {
            List<History.Entry> entries = history.find(ID.value(), reader).orElseThrow().entries();
            assertThat(entries.get(1).summary())
                    .isEqualTo("The mentee raised a concern on 2025-03-04; the organiser was contacted.");
            assertThat(entries.get(1).data().get("description").asText()).isEqualTo("The mentor keeps cancelling");
            assertThat(entries.get(1).data().has("confidential")).isFalse();
            assertThat(entries.get(3).data().get("resolution").asText()).isEqualTo("We agreed on fixed dates");
            assertThat(entries.get(3).data().has("confidential")).isFalse();
        }
        for (Caller other : List.of(ORGANISER, ADMIN)) {
            List<History.Entry> entries = history.find(ID.value(), other).orElseThrow().entries();
            assertThat(entries.get(2).data().has("description")).isFalse();
            assertThat(entries.get(4).data().has("resolution")).isFalse();
        }
        assertThat(storedPrivateFields()).containsExactly("description", "resolution");
        assertNoSecretStored();
    }

    @Test
    void aResolvedConcernEntryLeavesTheResolutionOut() {
        started();
        record(new ConcernRaised(ID, "c-1", Party.MENTOR, "x", false, DAY));
        History.Entry entry = record(new ConcernResolved(ID, "c-1", SECRET, DAY.plusDays(1)));

        assertThat(entry.type()).isEqualTo("ConcernResolved");
        assertThat(entry.occurredOn()).isEqualTo(DAY.plusDays(1));
        assertThat(entry.summary()).isEqualTo("Concern c-1 was resolved on 2025-03-05.");
        assertThat(entry.data().get("confidential").toString()).isEqualTo("[\"resolution\"]");
        assertNoSecretStored();
    }

    @Test
    void pauseAndResumeEntries() {
        started();
        History.Entry paused = record(new RelationshipPaused(ID, "summer holidays", DAY));
        History.Entry resumed = record(new RelationshipResumed(ID, DAY.plusDays(60)));

        assertThat(paused.type()).isEqualTo("RelationshipPaused");
        assertThat(paused.occurredOn()).isEqualTo(DAY);
        assertThat(paused.summary()).isEqualTo("The relationship was paused on 2025-03-04.");
        assertThat(paused.data().get("reason").asText()).isEqualTo("summer holidays");
        assertThat(resumed.type()).isEqualTo("RelationshipResumed");
        assertThat(resumed.occurredOn()).isEqualTo(DAY.plusDays(60));
        assertThat(resumed.summary()).isEqualTo("The relationship was resumed on 2025-05-03.");
    }

    @Test
    void aCloseEntry() {
        started();
        History.Entry entry = record(new RelationshipClosed(ID, DAY, "we are done", false));

        assertThat(entry.type()).isEqualTo("RelationshipClosed");
        assertThat(entry.occurredOn()).isEqualTo(DAY);
        assertThat(entry.summary()).isEqualTo(
                "The relationship was closed as completed on 2025-03-04; the pair will not keep in touch.");
        assertThat(entry.data().get("continueContact").asBoolean()).isFalse();
    }

    @Test
    void aTerminationEntryNamesTheReasonAndWhoEndedIt() {
        started();
        History.Entry entry = record(new RelationshipTerminated(ID, TerminationReason.LACK_OF_TIME, Initiator.BOTH,
                "too busy", DAY));

        assertThat(entry.type()).isEqualTo("RelationshipTerminated");
        assertThat(entry.occurredOn()).isEqualTo(DAY);
        assertThat(entry.summary()).isEqualTo(
                "The relationship was ended early on 2025-03-04 because of lack of time, on the initiative of both.");
        assertThat(entry.data().get("reason").asText()).isEqualTo("LACK_OF_TIME");
    }

    @Test
    void anEvaluationEntryShowsTheRatingButNotTheComments() {
        started();
        History.Entry entry = record(new EvaluationSubmitted(ID, Party.MENTOR, 4, GoalsMet.FULLY, SECRET, DAY));

        assertThat(entry.type()).isEqualTo("EvaluationSubmitted");
        assertThat(entry.occurredOn()).isEqualTo(DAY);
        assertThat(entry.summary()).isEqualTo(
                "The mentor evaluated the relationship on 2025-03-04: rating 4 of 5, goals fully met.");
        assertThat(entry.data().get("rating").asInt()).isEqualTo(4);
        assertThat(entry.data().get("confidential").toString()).isEqualTo("[\"comments\"]");
        assertNoSecretStored();
    }

    @Test
    void entriesComeOldestFirstOnePerEvent() {
        started();
        record(new RelationshipPaused(ID, "x", DAY));
        record(new RelationshipResumed(ID, DAY));

        History read = history.find("r1", ADMIN).orElseThrow();
        assertThat(read.relationshipId()).isEqualTo("r1");
        assertThat(read.entries()).extracting(History.Entry::sequence).containsExactly(0L, 1L, 2L);
        assertThat(read.entries()).extracting(History.Entry::type)
                .containsExactly("RelationshipStarted", "RelationshipPaused", "RelationshipResumed");
        assertThat(history.find("unknown", ADMIN)).isEmpty();
    }

    @Test
    void theSameEventTwiceBreaksTheKeyInsteadOfShowingTwice() {
        RelationshipStarted started = new RelationshipStarted(ID, null, new Person("m", "M"), new Person("e", "E"),
                "fi", DAY);
        record(started);
        sequence = 0;

        assertThatThrownBy(() -> record(started)).isInstanceOf(RuntimeException.class);
    }

    @Test
    void theConfidentialFieldsAreThePairsPrivateTextOfEachEvent() {
        assertThat(HistoryNarrator.confidentialFields(MeetingRecorded.class)).containsExactly("privateNotes");
        assertThat(HistoryNarrator.confidentialFields(ConcernRaised.class)).containsExactly("description");
        assertThat(HistoryNarrator.confidentialFields(ConcernResolved.class)).containsExactly("resolution");
        assertThat(HistoryNarrator.confidentialFields(EvaluationSubmitted.class)).containsExactly("comments");
        assertThat(HistoryNarrator.confidentialFields(RelationshipStarted.class)).as("names are a person's, not the pair's")
                .isEmpty();
        assertThat(HistoryNarrator.confidentialFields(RelationshipClosed.class)).as("the summary is personal, not private")
                .isEmpty();
        assertThat(HistoryNarrator.confidentialFields(AgreementSigned.class)).isEmpty();
    }

    @Test
    void thePairsPrivateTextIsStoredApartAndOnlyTheMentorAndMenteeReadIt() {
        started();
        record(new MeetingRecorded(ID, "m-1", DAY, 60, SECRET + " notes", List.of(), MeetingFormat.REMOTE));
        record(new ConcernRaised(ID, "c-1", Party.MENTEE, SECRET + " concern", false, DAY));
        record(new ConcernResolved(ID, "c-1", SECRET + " resolution", DAY));
        record(new EvaluationSubmitted(ID, Party.MENTOR, 5, GoalsMet.FULLY, SECRET + " comments", DAY));

        for (Caller pair : List.of(MENTOR, MENTEE)) {
            List<History.Entry> entries = history.find(ID.value(), pair).orElseThrow().entries();
            assertThat(entries.get(1).data().get("privateNotes").asText()).isEqualTo(SECRET + " notes");
            assertThat(entries.get(2).data().get("description").asText()).isEqualTo(SECRET + " concern");
            assertThat(entries.get(3).data().get("resolution").asText()).isEqualTo(SECRET + " resolution");
            assertThat(entries.get(4).data().get("comments").asText()).isEqualTo(SECRET + " comments");
            assertThat(entries.get(1).data().get("confidential").toString()).isEqualTo("[\"privateNotes\"]");
            assertThat(entries.get(1).summary()).doesNotContain(SECRET);
        }
        for (Caller other : List.of(ADMIN, ORGANISER, MENTOR_ELSEWHERE, ADMIN_AND_MENTOR_ELSEWHERE)) {
            History read = history.find(ID.value(), other).orElseThrow();
            assertThat(read.entries()).as(other.username()).allSatisfy(entry ->
                    assertThat(entry.data().toString()).doesNotContain(SECRET));
            assertThat(read.entries().get(4).data().get("confidential").toString()).isEqualTo("[\"comments\"]");
        }
        assertThat(storedPrivateFields()).containsExactly("privateNotes", "description", "resolution", "comments");
        assertNoSecretStored();
    }

    /**
     * DOMAIN.md, "Corrections": the history keeps the mistake and the correction; the mistake names
     * the corrections that followed it, and each correction the entry it corrects.
     */
    @Test
    void aCorrectedEntryNamesItsCorrectionsAndEachCorrectionTheEntryItCorrects() {
        started();
        record(new AgreementSigned(ID, agreement("A job"), DAY));
        record(new MeetingRecorded(ID, "m1", DAY.plusDays(1), 60, null, List.of(), MeetingFormat.REMOTE));
        record(new MeetingRecorded(ID, "m2", DAY.plusDays(2), 60, null, List.of(), MeetingFormat.REMOTE));
        record(new MeetingWithdrawn(ID, "m1", "logged on the wrong pair", false));
        record(new DateCorrected(ID, 3, "MeetingRecorded", DAY.plusDays(2), DAY.plusDays(3), "a typo"));
        record(new DateCorrected(ID, 3, "MeetingRecorded", DAY.plusDays(3), DAY.plusDays(4), "a typo again"));
        record(new RelationshipTerminated(ID, TerminationReason.OTHER, Initiator.MENTEE, null, DAY.plusDays(5)));
        record(new EvaluationSubmitted(ID, Party.MENTOR, 2, GoalsMet.PARTLY, null, DAY.plusDays(6)));
        record(new EvaluationWithdrawn(ID, Party.MENTOR, "for the wrong pair"));
        record(new EvaluationSubmitted(ID, Party.MENTOR, 4, GoalsMet.PARTLY, null, DAY.plusDays(6)));
        record(new EvaluationSubmitted(ID, Party.MENTEE, 5, GoalsMet.PARTLY, null, DAY.plusDays(6)));
        record(new RelationshipReopened(ID, Stage.IN_PROGRESS, "ended by mistake"));

        List<History.Entry> entries = history.find(ID.value(), ADMIN).orElseThrow().entries();

        Map<Long, List<Long>> correctedBy = new java.util.TreeMap<>();
        Map<Long, Long> corrects = new java.util.TreeMap<>();
        for (History.Entry entry : entries) {
            if (!entry.correctedBy().isEmpty()) {
                correctedBy.put(entry.sequence(), entry.correctedBy());
            }
            if (entry.corrects() != null) {
                corrects.put(entry.sequence(), entry.corrects());
            }
        }
        assertThat(correctedBy).containsExactly(Map.entry(2L, List.of(4L)), Map.entry(3L, List.of(5L, 6L)),
                Map.entry(7L, List.of(12L)), Map.entry(8L, List.of(9L)));
        assertThat(corrects).containsExactly(Map.entry(4L, 2L), Map.entry(5L, 3L), Map.entry(6L, 3L),
                Map.entry(9L, 8L), Map.entry(12L, 7L));
    }

    /** A correction has no business date of its own: it shows who made it, when it was recorded, and why. */
    @Test
    void aCorrectionShowsWhoMadeItWhenAndWhy() {
        started();
        record(new MeetingRecorded(ID, "m1", DAY.plusDays(1), 60, null, List.of(), MeetingFormat.REMOTE), "anna", "m1");
        History.Entry withdrawn = record(new MeetingWithdrawn(ID, "m1", "logged on the wrong pair", false),
                "organiser", null);

        assertThat(withdrawn.type()).isEqualTo("MeetingWithdrawn");
        assertThat(withdrawn.actor()).isEqualTo("organiser");
        assertThat(withdrawn.recordedAt()).isEqualTo(RECORDED);
        assertThat(withdrawn.occurredOn()).isNull();
        assertThat(withdrawn.data().get("reason").asText()).isEqualTo("logged on the wrong pair");
        assertThat(withdrawn.summary()).isEqualTo("Meeting m1 was withdrawn as recorded by mistake.");
        assertThat(withdrawn.corrects()).isEqualTo(1L);
        History.Entry corrected = record(new DateCorrected(ID, 0, "RelationshipStarted", DAY, DAY.minusDays(2),
                "started earlier"), "admin", null);
        assertThat(corrected.summary()).isEqualTo("The date of entry 0 (RelationshipStarted) was corrected from "
                + DAY + " to " + DAY.minusDays(2) + ".");
        assertThat(corrected.data().get("reason").asText()).isEqualTo("started earlier");
        assertThat(history.find(ID.value(), ORGANISER).orElseThrow().entries().get(0).correctedBy())
                .containsExactly(3L);
    }

    @Test
    void anErasureIsAnEntryOfTheHistoryWithTheAdminWhoRecordedIt() {
        started();
        History.Entry entry = record(new PersonalDataErased(ID, "e1", Party.MENTEE, LocalDate.of(2026, 11, 29)),
                "admin", null);

        assertThat(entry.type()).isEqualTo("PersonalDataErased");
        assertThat(entry.occurredOn()).isEqualTo(LocalDate.of(2026, 11, 29));
        assertThat(entry.summary()).isEqualTo("The mentee's personal data was erased on 2026-11-29.");
        assertThat(entry.actor()).isEqualTo("admin");
        assertThat(entry.actorErased()).isFalse();
        assertThat(entry.data().get("party").asText()).isEqualTo("MENTEE");
        assertThat(entry.data().get("personId").asText()).isEqualTo("e1");
    }

    @Test
    void anErasureScrubsTheNameThePairsTextAndTheErasedParticipantsUserName() {
        record(new RelationshipStarted(ID, "p", new Person("m1", "Anna Virtanen"), new Person("e1", "Matti Meikäläinen"),
                "fi", DAY), "organiser", null);
        record(new AgreementSigned(ID, agreement("Matti's burnout"), DAY), "matti", "e1");
        record(new MeetingRecorded(ID, "m-1", DAY, 60, SECRET, List.of("read"), MeetingFormat.REMOTE), "matti", "e1");
        record(new ConcernRaised(ID, "c-1", Party.MENTOR, SECRET, false, DAY), "anna", "m1");
        record(new ConcernRaised(ID, "c-2", Party.MENTOR, "Matti drinks", true, DAY), "anna", "m1");
        record(new RelationshipPaused(ID, "Matti's sick leave", DAY), "anna", "m1");
        record(new PersonalDataErased(ID, "e1", Party.MENTEE, DAY.plusDays(1)), "admin", null);

        for (Caller reader : List.of(MENTOR, ADMIN)) {
            List<History.Entry> entries = history.find(ID.value(), reader).orElseThrow().entries();
            History.Entry start = entries.get(0);
            assertThat(start.summary()).isEqualTo("Mentor Anna Virtanen and mentee (erased) started mentoring on "
                    + "2025-03-04 in programme p (language: fi).");
            assertThat(start.data().at("/mentee/id").asText()).isEqualTo("e1");
            assertThat(start.data().at("/mentee/name").isNull()).isTrue();
            assertThat(start.data().at("/mentor/name").asText()).isEqualTo("Anna Virtanen");
            assertThat(start.actor()).isEqualTo("organiser");
            assertThat(entries.get(2).actor()).isNull();
            assertThat(entries.get(2).actorErased()).isTrue();
            assertThat(entries.get(3).actor()).isEqualTo("anna");
            assertThat(entries.get(3).actorErased()).isFalse();
            assertThat(entries).allSatisfy(entry -> {
                assertThat(entry.data().has("confidential")).as("the text no longer exists").isFalse();
                assertThat(entry.data().toString()).doesNotContain(SECRET);
            });
            assertThat(entries.get(2).data().get("tasks").toString()).as("personal text, erased too").isEqualTo("[]");
            assertThat(entries.get(1).data().at("/agreement/goals/0/goalId").asText()).isEqualTo("goal-1");
            assertThat(entries.get(1).data().at("/agreement/goals/0/description").isNull()).isTrue();
            assertThat(entries.get(4).data().get("description").isNull()).isTrue();
            assertThat(entries.get(4).data().get("organiserContacted").asBoolean()).as("a fact stays").isTrue();
            assertThat(entries.get(5).data().get("reason").isNull()).isTrue();
        }
        assertThat(storedPrivateData()).isEmpty();
        String stored = db.jdbc().sql("""
                        SELECT string_agg(summary || ' ' || data::text || ' ' || coalesce(actor::text, '')
                                          || ' ' || coalesce(private_data::text, ''), ' ')
                          FROM relationship_history""")
                .query(String.class).single();
        assertThat(stored).as("the remaining names are sealed too")
                .doesNotContain("Matti", "matti", "burnout", "\"read\"", SECRET, "Anna", "anna");
    }

    /**
     * A replay reads the events once the erased participant's key is gone: their name and the
     * pair's text arrive null, and their user name in the metadata may too. In a new generation it
     * builds exactly the rows that the live erasure left, whether the user name arrives or not.
     */
    @Test
    void aReplayAfterTheKeyIsGoneBuildsTheHistoryTheLiveErasureLeft() {
        List<Journey> journeys = List.of(
                new Journey("j1", "p", DAY).agree(DAY.plusDays(1), 2).meet(DAY.plusDays(2))
                        .raiseConcern("c1", DAY.plusDays(3)).resolveConcern("c1", DAY.plusDays(4))
                        .erase(Party.MENTEE, DAY.plusDays(5)).meet(DAY.plusDays(6)),
                new Journey("j2", null, DAY).meet(DAY.plusDays(1)).terminate(TerminationReason.OTHER, DAY.plusDays(2))
                        .evaluate(Party.MENTEE, 3, DAY.plusDays(3)).erase(Party.MENTOR, DAY.plusDays(4))
                        .evaluate(Party.MENTOR, 4, DAY.plusDays(5)).erase(Party.MENTEE, DAY.plusDays(6)),
                new Journey("j3", "p", DAY).agree(DAY.plusDays(1), 1).meet(DAY.plusDays(2)));
        journeys.forEach(journey -> replay(journey, journey.eventsAsReadLive(), false));
        assertThat(db.activeRows("relationship_history", HistoryProjection.PROCESSOR)).isNotEmpty()
                .as("stored sealed: no name, user name or text of anyone")
                .allSatisfy(row -> assertThat(row).doesNotContain(Journey.PRIVATE, Journey.PERSONAL, "Mentee j",
                        "Mentor j", "user-mentee-j", "user-mentor-j"));
        List<History> live = readByEveryone(journeys);
        String opened = live.toString();
        assertThat(opened).doesNotContain("Mentee j1", "Mentor j2", "Mentee j2", "user-mentee-j1", "user-mentor-j2",
                "user-mentee-j2").contains("Mentor j1", "user-mentor-j1")
                .as("j3's pair keeps its text").contains(Journey.PRIVATE, Journey.PERSONAL);

        ProjectionGenerations generations = new ProjectionGenerations(db.jdbc());
        for (boolean userNameArrives : List.of(false, true)) {
            db.inTransaction(projection::rebuildBesideTheCurrentGeneration);
            journeys.forEach(journey -> replay(journey, journey.eventsAfterKeyLoss(), !userNameArrives));
            int building = generations.state(HistoryProjection.PROCESSOR).building();
            db.inTransaction(() -> assertThat(generations.switchTo(HistoryProjection.PROCESSOR, building)).isTrue());

            assertThat(readByEveryone(journeys)).as("user name arrives: " + userNameArrives).isEqualTo(live);
        }
    }

    /**
     * Once a person's key is deleted, what the history keeps of them no longer opens, even before
     * the erasure's event is projected: their name, their user name and the pair's text read as
     * gone, while the other participant's name and every fact stay.
     */
    @Test
    void deletingAPersonsKeyErasesTheHistorysCopiesOfTheirData() {
        Journey journey = new Journey("k1", "p", DAY).agree(DAY.plusDays(1), 2).meet(DAY.plusDays(2))
                .raiseConcern("c1", DAY.plusDays(3));
        replay(journey, journey.eventsAsReadLive(), false);
        assertThat(readByEveryone(List.of(journey)).toString()).contains("Mentee k1", "user-mentee-k1",
                Journey.PRIVATE, Journey.PERSONAL);

        keys.erase(journey.personId(Party.MENTEE));

        List<History> read = readByEveryone(List.of(journey));
        assertThat(read.toString()).doesNotContain("Mentee k1", "user-mentee-k1", Journey.PRIVATE, Journey.PERSONAL)
                .contains("Mentor k1", "user-mentor-k1");
        History.Entry start = read.get(0).entries().get(0);
        assertThat(start.data().at("/mentee/id").asText()).isEqualTo("mentee-k1");
        assertThat(start.data().at("/mentee/name").isNull()).isTrue();
        assertThat(start.summary()).contains("Mentor Mentor k1 and mentee (erased) started mentoring");
        assertThat(read.get(0).entries()).hasSize(journey.eventsAsReadLive().size());
    }

    /** Each journey's history as an admin, its mentor and its mentee read it. */
    private static List<History> readByEveryone(List<Journey> journeys) {
        List<History> read = new java.util.ArrayList<>();
        for (Journey journey : journeys) {
            read.add(history.find(journey.id, ADMIN).orElseThrow());
            for (Party party : Party.values()) {
                String personId = journey.personId(party);
                Role role = party == Party.MENTOR ? Role.MENTOR : Role.MENTEE;
                read.add(history.find(journey.id, new Caller("user-" + personId, Set.of(role), personId, Set.of()))
                        .orElseThrow());
            }
        }
        return read;
    }

    /**
     * Feeds a journey's events as the processor would: the start by an organiser, then the mentor
     * and the mentee taking turns, each with their user name and person id in the metadata, and the
     * erasures by an admin. {@code erasedUserNamesGone}: an erased participant's user name is null.
     */
    private void replay(Journey journey, List<Object> events, boolean erasedUserNamesGone) {
        db.inTransaction(() -> {
            for (int i = 0; i < events.size(); i++) {
                Object event = events.get(i);
                String personId = i == 0 || event instanceof PersonalDataErased ? null
                        : journey.personId(i % 2 == 0 ? Party.MENTOR : Party.MENTEE);
                String actor = personId == null ? (i == 0 ? "organiser" : "admin")
                        : erasedUserNamesGone && journey.erased.contains(personId) ? null : "user-" + personId;
                Map<String, Object> metadata = new HashMap<>();
                metadata.put("actor", actor);
                metadata.put("correlationId", "request-" + journey.id + "-" + i);
                if (personId != null) {
                    metadata.put("actorPersonId", personId);
                }
                projection.on(event, new GenericDomainEventMessage<>("Relationship", journey.id, i, event, metadata,
                        "event-" + journey.id + "-" + i, RECORDED.plusSeconds(i)));
            }
        });
    }

    private static List<String> storedPrivateData() {
        return db.jdbc().sql("SELECT private_data::text FROM relationship_history WHERE private_data IS NOT NULL "
                        + "ORDER BY sequence")
                .query(String.class).list();
    }

    /** The fields of the stored private data, in order; each must hold an envelope, sealed with both keys. */
    private static List<String> storedPrivateFields() {
        List<String> fields = new java.util.ArrayList<>();
        for (String stored : storedPrivateData()) {
            try {
                json.readTree(stored).fields().forEachRemaining(field -> {
                    assertThat(field.getValue().path("sealed").asText()).as(field.getKey()).isEqualTo("pd2");
                    assertThat(field.getValue().path("keys")).as(field.getKey()).hasSize(2);
                    fields.add(field.getKey());
                });
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new AssertionError(e);
            }
        }
        return fields;
    }

    private void started() {
        record(new RelationshipStarted(ID, "p", new Person("m1", "Anna"), new Person("e1", "Matti"), "fi", DAY));
    }

    private History.Entry record(Object event) {
        return record(event, null, null);
    }

    /** Records an event sent by {@code actor}, a participant when {@code actorPersonId} is given; read as an admin. */
    private History.Entry record(Object event, String actor, String actorPersonId) {
        Map<String, Object> metadata = new HashMap<>();
        metadata.put("actor", actor);
        metadata.put("correlationId", "request-" + (sequence + 1));
        if (actorPersonId != null) {
            metadata.put("actorPersonId", actorPersonId);
        }
        long number = sequence++;
        db.inTransaction(() -> projection.on(event, new GenericDomainEventMessage<>("Relationship", ID.value(), number,
                event, metadata, "event-" + number, RECORDED)));
        List<History.Entry> entries = history.find(ID.value(), ADMIN).orElseThrow().entries();
        return entries.get(entries.size() - 1);
    }

    private static Agreement agreement(String... goals) {
        List<Goal> list = new java.util.ArrayList<>();
        for (int i = 0; i < goals.length; i++) {
            list.add(new Goal("goal-" + (i + 1), goals[i], List.of()));
        }
        return new Agreement(list, new GroundRules("video", "monthly", null), LocalDate.of(2025, 12, 31));
    }

    private static void assertNoSecretStored() {
        String stored = db.jdbc().sql("SELECT string_agg(summary || ' ' || data::text, ' ') FROM relationship_history")
                .query(String.class).single();
        assertThat(stored).doesNotContain(SECRET);
    }
}
