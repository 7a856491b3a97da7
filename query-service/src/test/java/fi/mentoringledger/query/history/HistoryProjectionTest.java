package fi.mentoringledger.query.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import fi.mentoringledger.api.relationship.Agreement;
import fi.mentoringledger.api.relationship.AgreementAmended;
import fi.mentoringledger.api.relationship.AgreementSigned;
import fi.mentoringledger.api.relationship.ConcernRaised;
import fi.mentoringledger.api.relationship.ConcernResolved;
import fi.mentoringledger.api.relationship.EvaluationSubmitted;
import fi.mentoringledger.api.relationship.Goal;
import fi.mentoringledger.api.relationship.GoalAchieved;
import fi.mentoringledger.api.relationship.GoalsMet;
import fi.mentoringledger.api.relationship.GroundRules;
import fi.mentoringledger.api.relationship.Initiator;
import fi.mentoringledger.api.relationship.MeetingFormat;
import fi.mentoringledger.api.relationship.MeetingRecorded;
import fi.mentoringledger.api.relationship.Party;
import fi.mentoringledger.api.relationship.Person;
import fi.mentoringledger.api.relationship.RelationshipClosed;
import fi.mentoringledger.api.relationship.RelationshipId;
import fi.mentoringledger.api.relationship.RelationshipPaused;
import fi.mentoringledger.api.relationship.RelationshipResumed;
import fi.mentoringledger.api.relationship.RelationshipStarted;
import fi.mentoringledger.api.relationship.RelationshipTerminated;
import fi.mentoringledger.api.relationship.TerminationReason;
import fi.mentoringledger.query.infra.ProjectionGenerations;
import fi.mentoringledger.query.support.ReadModelDatabase;

/** The audit history, event type by event type: entry, sentence, data, and no private text. */
class HistoryProjectionTest {

    private static final RelationshipId ID = RelationshipId.of("r1");
    private static final LocalDate DAY = LocalDate.of(2025, 3, 4);
    private static final Instant RECORDED = Instant.parse("2025-03-05T10:15:30.123Z");
    private static final String SECRET = "only for the two of us";

    private static ReadModelDatabase db;
    private static HistoryProjection projection;
    private static AuditHistory history;
    private static ObjectMapper json;
    private long sequence;

    @BeforeAll
    static void database() {
        db = ReadModelDatabase.create();
        json = Jackson2ObjectMapperBuilder.json().featuresToDisable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build();
        projection = new HistoryProjection(db.jdbc(), new ProjectionGenerations(db.jdbc()), json);
        history = new AuditHistory(db.jdbc(), json);
    }

    @AfterAll
    static void dropDatabase() {
        db.close();
    }

    @BeforeEach
    void empty() {
        db.clear();
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
                .isEqualTo("An in-person meeting of 60 minutes was held on 2025-03-04, setting 2 tasks.");
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
        assertThat(remote.summary()).isEqualTo("A remote meeting of 30 minutes was held on 2025-03-04, setting 1 task.");
        assertThat(remote.data().has("confidential")).isFalse();
        assertThat(entry.data().has("confidential")).isFalse();
    }

    @Test
    void aGoalEntryNamesTheGoalFromTheLatestAgreement() {
        started();
        record(new AgreementSigned(ID, agreement("Build a network"), DAY));
        record(new AgreementAmended(ID, agreement("Build a wider network"), DAY));
        History.Entry entry = record(new GoalAchieved(ID, "goal-1", DAY.plusDays(30)));

        assertThat(entry.type()).isEqualTo("GoalAchieved");
        assertThat(entry.occurredOn()).isEqualTo(DAY.plusDays(30));
        assertThat(entry.summary()).isEqualTo("The goal \"Build a wider network\" was achieved on 2025-04-03.");
    }

    @Test
    void aConcernEntryShowsWhoRaisedItButNotWhatItSays() {
        started();
        History.Entry entry = record(new ConcernRaised(ID, "c-1", Party.MENTEE, SECRET, true, DAY));

        assertThat(entry.type()).isEqualTo("ConcernRaised");
        assertThat(entry.occurredOn()).isEqualTo(DAY);
        assertThat(entry.summary()).isEqualTo("The mentee raised a concern on 2025-03-04; the organiser was contacted.");
        assertThat(entry.data().has("description")).isFalse();
        assertThat(entry.data().get("confidential").toString()).isEqualTo("[\"description\"]");
        assertThat(entry.data().get("raisedBy").asText()).isEqualTo("MENTEE");
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
        assertThat(paused.summary()).isEqualTo("The relationship was paused on 2025-03-04 (reason: summer holidays).");
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

        History read = history.find("r1").orElseThrow();
        assertThat(read.relationshipId()).isEqualTo("r1");
        assertThat(read.entries()).extracting(History.Entry::sequence).containsExactly(0L, 1L, 2L);
        assertThat(read.entries()).extracting(History.Entry::type)
                .containsExactly("RelationshipStarted", "RelationshipPaused", "RelationshipResumed");
        assertThat(history.find("unknown")).isEmpty();
    }

    @Test
    void theSameEventTwiceBreaksTheKeyInsteadOfShowingTwice() {
        RelationshipStarted started = new RelationshipStarted(ID, null, new Person("m", "M"), new Person("e", "E"),
                "fi", DAY);
        record(started);
        sequence = 0;

        assertThatThrownBy(() -> record(started)).isInstanceOf(RuntimeException.class);
    }

    private void started() {
        record(new RelationshipStarted(ID, "p", new Person("m1", "Anna"), new Person("e1", "Matti"), "fi", DAY));
    }

    private History.Entry record(Object event) {
        Map<String, Object> metadata = new HashMap<>();
        metadata.put("actor", null);
        metadata.put("correlationId", "request-" + (sequence + 1));
        long number = sequence++;
        db.inTransaction(() -> projection.on(event, new GenericDomainEventMessage<>("Relationship", ID.value(), number,
                event, metadata, "event-" + number, RECORDED)));
        List<History.Entry> entries = history.find(ID.value()).orElseThrow().entries();
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
