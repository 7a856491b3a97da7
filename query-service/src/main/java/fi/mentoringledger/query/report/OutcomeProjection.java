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
import fi.mentoringledger.api.relationship.RelationshipClosed;
import fi.mentoringledger.api.relationship.RelationshipEvent;
import fi.mentoringledger.api.relationship.RelationshipId;
import fi.mentoringledger.api.relationship.RelationshipPaused;
import fi.mentoringledger.api.relationship.RelationshipReopened;
import fi.mentoringledger.api.relationship.RelationshipResumed;
import fi.mentoringledger.api.relationship.RelationshipStarted;
import fi.mentoringledger.api.relationship.RelationshipTerminated;
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
 * processor's token. What each event changes is the fact's own ({@link OutcomeFact#next}): the
 * handlers only say which events the reports count.
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
    void on(AgreementSigned event, @SequenceNumber long sequence) {
        change(event, sequence);
    }

    @EventHandler
    void on(MeetingRecorded event, @SequenceNumber long sequence) {
        change(event, sequence);
    }

    @EventHandler
    void on(RelationshipPaused event, @SequenceNumber long sequence) {
        change(event, sequence);
    }

    @EventHandler
    void on(RelationshipResumed event, @SequenceNumber long sequence) {
        change(event, sequence);
    }

    @EventHandler
    void on(RelationshipClosed event, @SequenceNumber long sequence) {
        change(event, sequence);
    }

    @EventHandler
    void on(RelationshipTerminated event, @SequenceNumber long sequence) {
        change(event, sequence);
    }

    @EventHandler
    void on(EvaluationSubmitted event, @SequenceNumber long sequence) {
        change(event, sequence);
    }

    @EventHandler
    void on(MeetingWithdrawn event, @SequenceNumber long sequence) {
        change(event, sequence);
    }

    @EventHandler
    void on(DateCorrected event, @SequenceNumber long sequence) {
        change(event, sequence);
    }

    @EventHandler
    void on(RelationshipReopened event, @SequenceNumber long sequence) {
        change(event, sequence);
    }

    @EventHandler
    void on(EvaluationWithdrawn event, @SequenceNumber long sequence) {
        change(event, sequence);
    }

    /** The relationship's fact as the event changes it ({@link OutcomeFact#next}); the fact must exist. */
    private void change(RelationshipEvent event, long sequence) {
        put(fact(event.relationshipId()).next(event, sequence));
    }

    private OutcomeFact fact(RelationshipId relationshipId) {
        return rows.find(facts, relationshipId.value()).orElseThrow(() ->
                new IllegalStateException("relationship " + relationshipId + " is not in the report facts"));
    }

    private void put(OutcomeFact fact) {
        rows.put(facts, fact.relationshipId(), fact);
    }
}
