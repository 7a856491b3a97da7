package fi.mentoringledger.command.relationship;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import fi.mentoringledger.api.relationship.ErasePersonalData;
import fi.mentoringledger.api.relationship.RelationshipId;
import fi.mentoringledger.api.relationship.RelationshipStarted;
import fi.mentoringledger.eventstore.personaldata.PersonalDataKeys;
import fi.mentoringledger.eventstore.personaldata.PersonalDataKeys.Erasure;
import fi.mentoringledger.security.Caller;
import fi.mentoringledger.security.Callers;

/**
 * Erases a person (GDPR art. 17) from an event store that never forgets: deletes their key, which
 * makes their name and their pairs' private text unreadable in every stored event at once, then
 * records {@code PersonalDataErased} in each of their relationships, so that the erasure is part of
 * the audit history and the read models drop what they hold. The key goes first: should recording
 * fail half-way, the data is already gone, and erasing again records the rest (each relationship
 * records it once).
 */
@Service
class PersonalDataErasure {

    /** The answer: who, when and by whom, and the relationships in whose history it now shows. */
    record Result(String personId, Erasure erasure, List<String> relationships) {
    }

    private final PersonalDataKeys keys;
    private final RelationshipCommands commands;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final ErasureLog erasureLog;

    PersonalDataErasure(PersonalDataKeys keys, RelationshipCommands commands, JdbcClient jdbc, Clock clock,
            ErasureLog erasureLog) {
        this.keys = keys;
        this.commands = commands;
        this.jdbc = jdbc;
        this.clock = clock;
        this.erasureLog = erasureLog;
    }

    /**
     * Erases the person now, as the signed-in admin; the erasure is kept in the {@link ErasureLog}
     * (outside the database) before anything is deleted, so that a restore cannot undo it.
     *
     * @throws Refusal (unknown) when no relationship names the person and no data of theirs was ever kept
     */
    Result erase(String personId) {
        List<String> relationships = relationshipsOf(personId);
        if (relationships.isEmpty() && !keys.isKnown(personId)) {
            throw Refusal.unknownPerson(personId);
        }
        Caller admin = Callers.require();
        Instant at = keys.erasure(personId).map(Erasure::erasedAt).orElse(clock.instant());
        erasureLog.append(new ErasureLog.Entry(personId, at, admin.username()));
        return erase(personId, relationships, admin, at);
    }

    /**
     * Makes again an erasure that the log keeps and the database does not (a backup taken before it
     * was restored), as the admin who made it and at the time they made it. A person the restored
     * database does not know yet is still recorded as erased, so that nobody names them again.
     */
    void eraseAgain(String personId, Caller admin, Instant at) {
        Callers.runAs(admin, () -> erase(personId, relationshipsOf(personId), admin, at));
    }

    private Result erase(String personId, List<String> relationships, Caller admin, Instant at) {
        Erasure erasure = keys.erase(personId, admin.username(), at);
        LocalDate erasedOn = LocalDate.ofInstant(erasure.erasedAt(), clock.getZone());
        for (String relationshipId : relationships) {
            commands.send(new ErasePersonalData(RelationshipId.of(relationshipId), personId, erasedOn));
        }
        return new Result(personId, erasure, relationships);
    }

    /** Found in the events themselves: person ids are not sealed, and the start names both people. */
    private List<String> relationshipsOf(String personId) {
        return jdbc.sql("""
                        SELECT aggregate_identifier
                          FROM domain_event_entry
                         WHERE sequence_number = 0 AND payload_type = :started
                           AND :person IN (convert_from(payload, 'UTF8')::jsonb #>> '{mentor,id}',
                                           convert_from(payload, 'UTF8')::jsonb #>> '{mentee,id}')
                         ORDER BY global_index""")
                .param("started", RelationshipStarted.class.getName())
                .param("person", personId)
                .query(String.class)
                .list();
    }
}
