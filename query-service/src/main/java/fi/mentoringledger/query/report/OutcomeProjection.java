package fi.mentoringledger.query.report;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.stereotype.Component;

import fi.mentoringledger.api.relationship.AgreementSigned;
import fi.mentoringledger.api.relationship.DateCorrected;
import fi.mentoringledger.api.relationship.EvaluationSubmitted;
import fi.mentoringledger.api.relationship.EvaluationWithdrawn;
import fi.mentoringledger.api.relationship.MeetingRecorded;
import fi.mentoringledger.api.relationship.MeetingWithdrawn;
import fi.mentoringledger.api.relationship.Party;
import fi.mentoringledger.api.relationship.RelationshipClosed;
import fi.mentoringledger.api.relationship.RelationshipEvent;
import fi.mentoringledger.api.relationship.RelationshipId;
import fi.mentoringledger.api.relationship.RelationshipPaused;
import fi.mentoringledger.api.relationship.RelationshipReopened;
import fi.mentoringledger.api.relationship.RelationshipResumed;
import fi.mentoringledger.api.relationship.RelationshipStarted;
import fi.mentoringledger.api.relationship.RelationshipTerminated;
import fi.mentoringledger.api.relationship.TerminationReason;
import fi.mentoringledger.query.processing.BatchRows;
import fi.mentoringledger.query.processing.BatchedProjection;
import fi.mentoringledger.query.processing.ProjectionGenerations;

/**
 * The facts that reports count, one row per relationship ({@link OutcomeFact}): programme, start
 * date, stage (and the stage it was terminated in), which stages it ever reached, when it closed,
 * how many meetings it had, and the sum and number of its evaluation ratings. Beside them, the same
 * figures summed per programme and start month ({@code outcome_counter},
 * {@code outcome_close_days}), which a report sums (see {@link OutcomeReports}).
 * <p>
 * As the summary does, the handlers change typed rows in memory ({@link BatchRows}); a batch
 * writes the rows it changed once, and moves the counters by the difference between the rows it
 * read and the rows it writes ({@link OutcomeFacts}), just before its transaction commits with the
 * processor's token. The stage moves only as the shared {@link fi.mentoringledger.api.relationship.Lifecycle} says,
 * and corrections leave the fact as if it had been recorded right the first time.
 */
@Component
@ProcessingGroup(OutcomeProjection.PROCESSOR)
class OutcomeProjection implements BatchedProjection {

    static final String PROCESSOR = "outcome-report";

    private final ProjectionGenerations generations;
    private final OutcomeFacts facts;
    private final BatchRows rows = new BatchRows(PROCESSOR, this::readTheBatchsFacts);

    OutcomeProjection(NamedParameterJdbcOperations jdbc, ProjectionGenerations generations) {
        this.generations = generations;
        this.facts = new OutcomeFacts(jdbc);
    }

    @Override
    public String processorName() {
        return PROCESSOR;
    }

    @Override
    public List<String> tables() {
        return List.of("outcome_fact", "outcome_counter", "outcome_close_days");
    }

    @Override
    public BatchRows rows() {
        return rows;
    }

    /** A batch reads the facts of the relationships it holds in one query rather than one query each. */
    private void readTheBatchsFacts(List<? extends EventMessage<?>> events) {
        Set<String> relationshipIds = new HashSet<>();
        for (EventMessage<?> event : events) {
            if (event instanceof DomainEventMessage<?> domainEvent) {
                relationshipIds.add(domainEvent.getAggregateIdentifier());
            }
        }
        rows.hold(facts, facts.loadAll(relationshipIds));
    }

    @ResetHandler
    void rebuildBesideTheCurrentGeneration() {
        generations.beginRebuild(this);
    }

    @EventHandler
    void on(RelationshipStarted event) {
        put(OutcomeFact.of(event));
    }

    @EventHandler
    void on(AgreementSigned event) {
        put(moved(event));
    }

    /** The first meeting after agreeing puts the relationship IN_PROGRESS. */
    @EventHandler
    void on(MeetingRecorded event) {
        put(moved(event).meetings(+1, false));
    }

    @EventHandler
    void on(RelationshipPaused event) {
        put(moved(event));
    }

    @EventHandler
    void on(RelationshipResumed event) {
        put(moved(event));
    }

    @EventHandler
    void on(RelationshipClosed event, @SequenceNumber long sequence) {
        put(moved(event).closed(event.closedOn(), sequence));
    }

    /** The event does not name the stage it ended in: the fact knows it. */
    @EventHandler
    void on(RelationshipTerminated event) {
        OutcomeFact before = fact(event.relationshipId());
        put(before.after(event).terminatedIn(before.stage(),
                event.reason() == null ? TerminationReason.OTHER : event.reason()));
    }

    @EventHandler
    void on(EvaluationSubmitted event) {
        put(fact(event.relationshipId()).rated(event.by(), event.rating()));
    }

    /*
     * Corrections (DOMAIN.md, "Corrections"): each leaves the fact as if recorded right the first
     * time, so that reports count the corrected facts.
     */

    /** The meeting no longer counts; one that alone put it in progress takes it back to AGREED. */
    @EventHandler
    void on(MeetingWithdrawn event) {
        put(moved(event).meetings(-1, event.backToAgreed()));
    }

    /**
     * The reports know two dates: the start (version 0), which may move the relationship to another
     * intake, and the close that counts, whose days to close change. Other dates count nowhere here.
     */
    @EventHandler
    void on(DateCorrected event) {
        OutcomeFact fact = fact(event.relationshipId());
        if (event.correctedVersion() == 0) {
            put(fact.startedOn(event.correctedDate()));
        } else if (Long.valueOf(event.correctedVersion()).equals(fact.closedVersion())) {
            put(fact.closed(event.correctedDate(), fact.closedVersion()));
        }
    }

    /** No longer ended, and its stage is the one it was ended from. */
    @EventHandler
    void on(RelationshipReopened event) {
        put(moved(event).reopened());
    }

    @EventHandler
    void on(EvaluationWithdrawn event) {
        OutcomeFact fact = fact(event.relationshipId());
        if ((event.by() == Party.MENTOR ? fact.mentorRating() : fact.menteeRating()) == null) {
            // projected before migration V10 kept ratings by party, and not filled in by it: a
            // dead letter that a replay of this projection resolves, rather than a figure that is wrong
            throw new IllegalStateException("the report facts of relationship " + event.relationshipId()
                    + " do not know the " + event.by() + "'s rating: replay " + PROCESSOR);
        }
        put(fact.rated(event.by(), null));
    }

    /** The relationship's fact after the event (its stage); the fact must exist. */
    private OutcomeFact moved(RelationshipEvent event) {
        return fact(event.relationshipId()).after(event);
    }

    private OutcomeFact fact(RelationshipId relationshipId) {
        return rows.find(facts, relationshipId.value()).orElseThrow(() ->
                new IllegalStateException("relationship " + relationshipId + " is not in the report facts"));
    }

    private void put(OutcomeFact fact) {
        rows.put(facts, fact.relationshipId(), fact);
    }
}
