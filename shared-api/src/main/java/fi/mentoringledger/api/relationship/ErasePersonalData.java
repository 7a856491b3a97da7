package fi.mentoringledger.api.relationship;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record that a participant's personal data was erased (their key deleted). Unlike every lifecycle
 * action it is accepted in every stage, the final ones too: the law, not the programme, asks for it.
 */
public record ErasePersonalData(
        @TargetAggregateIdentifier RelationshipId relationshipId,
        String personId,
        LocalDate erasedOn) implements RelationshipCommand {

    @Override
    public boolean isAdminsAlone() {
        return true;
    }
}
