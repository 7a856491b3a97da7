package fi.mentoringledger.query.processing;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import fi.mentoringledger.eventstore.DatabaseFailures;

/**
 * The rows a projection's batch of events reads and changes, kept in memory for the batch's
 * transaction and written just before it commits, together with the processor's token, so each
 * event still counts exactly once. A row is read at most once per batch, however many of the
 * batch's events touch it, and written at most once, in a JDBC batch with the batch's other rows
 * of its table: a replay no longer updates a hot row once per event.
 * <p>
 * <b>Poison events.</b> When a batch's rows are refused by PostgreSQL for their data (a value too
 * long for its column, a broken constraint; not a lost connection or a deadlock, see
 * {@link DatabaseFailures}), nobody knows which event made the bad row. The batch then fails as a
 * whole and rolls back (rows and token), and its events are remembered: a batch that holds one of
 * them again is applied event by event, each event's rows written inside that event's savepoint
 * ({@link SavepointPerEvent}), so that the dead-letter queue parks exactly the event that fails,
 * as it does for a projection that writes per event. A retried dead letter is applied so too.
 * <p>
 * Within an event, changes are also undone in memory when its handler fails, so that a parked
 * event leaves no trace in the rows the rest of the batch writes.
 * <p>
 * Outside a transaction (a handler called on its own) every change is written at once.
 */
public final class BatchRows {

    private static final Logger log = LoggerFactory.getLogger(BatchRows.class);

    private final String processor;
    private final Consumer<List<? extends EventMessage<?>>> atBatchStart;
    /** Identifiers of the events of batches that failed on their data, until applied one by one. */
    private final Set<String> suspects = ConcurrentHashMap.newKeySet();

    public BatchRows(String processor) {
        this(processor, events -> {
        });
    }

    /**
     * @param atBatchStart given the events of each batch of the processor before the first is
     *                     handled, to read the rows they will need at once ({@link #hold}); not
     *                     while a batch is applied event by event
     */
    public BatchRows(String processor, Consumer<List<? extends EventMessage<?>>> atBatchStart) {
        this.processor = processor;
        this.atBatchStart = atBatchStart;
    }

    /** The row, read from the table the first time this batch asks for it. */
    public <K, R> Optional<R> find(RowTable<K, R> table, K key) {
        return batch().find(table, key);
    }

    /** Changes (or adds) the row; written when the batch commits. */
    public <K, R> void put(RowTable<K, R> table, K key, R row) {
        batch().put(table, key, row);
    }

    /** Rows of the table that this batch holds now and that match, as they are to be stored. */
    public <K, R> List<R> held(RowTable<K, R> table, Predicate<R> which) {
        return batch().held(table, which);
    }

    /**
     * Rows the caller read from the table itself (several at once): the batch holds them from now
     * on, except those it holds already, whose version in memory is the newer.
     */
    public <K, R> void hold(RowTable<K, R> table, Map<K, R> stored) {
        batch().hold(table, stored);
    }

    /** Whether this batch applies its events one by one, each writing its rows in its savepoint. */
    boolean eventByEvent() {
        return batch().eventByEvent;
    }

    void beginEvent(EventMessage<?> event) {
        batch().begin(event.getIdentifier());
    }

    /** The event's handler succeeded: event by event, its rows are written now. */
    void endEvent() {
        Batch batch = batch();
        if (batch.eventByEvent) {
            batch.writeChanges();
        }
        batch.undo.clear();
    }

    /** The event's handler (or the writing of its rows) failed: its changes are forgotten. */
    void undoEvent(Throwable failure) {
        Batch batch = batch();
        batch.undo();
        if (!batch.eventByEvent && refusedByTheDatabase(failure)) {
            // a statement failed in the batch's transaction, which PostgreSQL has aborted: it fails
            batch.suspect(failure);
        }
    }

    private static boolean refusedByTheDatabase(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataAccessException || cause instanceof SQLException) {
                return !DatabaseFailures.passingIsCauseOf(failure);
            }
        }
        return false;
    }

    private Batch batch() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return new Batch(List.of(), false, true);
        }
        Batch batch = (Batch) TransactionSynchronizationManager.getResource(this);
        if (batch == null) {
            List<? extends EventMessage<?>> messages = eventsOfTheUnitOfWork();
            List<String> events = messages.stream().map(EventMessage::getIdentifier).toList();
            boolean eventByEvent = retryingALetter() || events.stream().anyMatch(suspects::contains);
            batch = new Batch(events, eventByEvent, false);
            TransactionSynchronizationManager.bindResource(this, batch);
            TransactionSynchronizationManager.registerSynchronization(batch);
            if (!messages.isEmpty() && !eventByEvent) {
                readAhead(batch, messages);
            }
            if (eventByEvent) {
                log.info("Projection {} applies a batch of {} events one by one, to find the one that fails",
                        processor, events.size());
            }
        }
        return batch;
    }

    /** A read that PostgreSQL refuses aborts the transaction: the batch fails, and goes event by event next time. */
    private void readAhead(Batch batch, List<? extends EventMessage<?>> messages) {
        try {
            atBatchStart.accept(messages);
        } catch (RuntimeException failure) {
            if (refusedByTheDatabase(failure)) {
                batch.suspect(failure);
            }
            throw failure;
        }
    }

    private static List<? extends EventMessage<?>> eventsOfTheUnitOfWork() {
        if (CurrentUnitOfWork.isStarted() && CurrentUnitOfWork.get() instanceof BatchingUnitOfWork<?> batching) {
            return batching.getMessages().stream().filter(EventMessage.class::isInstance)
                    .map(message -> (EventMessage<?>) message).toList();
        }
        return List.of();
    }

    /** Axon's retry of a dead letter runs in a unit of work that carries the letter. */
    private static boolean retryingALetter() {
        return CurrentUnitOfWork.isStarted()
                && CurrentUnitOfWork.get().resources().containsKey(DeadLetter.class.getName());
    }

    /** A row as stored (null: none) and as it is now (null: none); equal when nothing changed. */
    private record Entry(Object stored, Object current) {
    }

    private record Slot(RowTable<?, ?> table, Object key) {
    }

    /** One transaction's rows. */
    private final class Batch implements TransactionSynchronization {

        private final Set<String> events;
        private final boolean eventByEvent;
        private final boolean writeThrough;
        private final Map<RowTable<?, ?>, Map<Object, Entry>> tables = new LinkedHashMap<>();
        /** How the rows changed by the current event were before it (null: not held). */
        private final Map<Slot, Entry> undo = new HashMap<>();

        Batch(List<String> events, boolean eventByEvent, boolean writeThrough) {
            this.events = new LinkedHashSet<>(events);
            this.eventByEvent = eventByEvent;
            this.writeThrough = writeThrough;
        }

        void begin(String event) {
            events.add(event);
            undo.clear();
        }

        @SuppressWarnings("unchecked")
        <K, R> Optional<R> find(RowTable<K, R> table, K key) {
            Map<Object, Entry> rows = rows(table);
            Entry entry = rows.get(key);
            if (entry == null) {
                R stored = table.load(key).orElse(null);
                entry = new Entry(stored, stored);
                rememberForUndo(table, key, null);
                rows.put(key, entry);
            }
            return Optional.ofNullable((R) entry.current());
        }

        <K, R> void put(RowTable<K, R> table, K key, R row) {
            Map<Object, Entry> rows = rows(table);
            Entry entry = rows.get(key);
            rememberForUndo(table, key, entry);
            rows.put(key, new Entry(entry == null ? null : entry.stored(), row));
            if (writeThrough) {
                writeChanges();
            }
        }

        @SuppressWarnings("unchecked")
        <K, R> List<R> held(RowTable<K, R> table, Predicate<R> which) {
            List<R> held = new ArrayList<>();
            for (Entry entry : rows(table).values()) {
                if (entry.current() != null && which.test((R) entry.current())) {
                    held.add((R) entry.current());
                }
            }
            return held;
        }

        <K, R> void hold(RowTable<K, R> table, Map<K, R> stored) {
            Map<Object, Entry> rows = rows(table);
            stored.forEach((key, row) -> {
                if (!rows.containsKey(key)) {
                    rememberForUndo(table, key, null);
                    rows.put(key, new Entry(row, row));
                }
            });
        }

        private Map<Object, Entry> rows(RowTable<?, ?> table) {
            return tables.computeIfAbsent(table, t -> new LinkedHashMap<>());
        }

        private void rememberForUndo(RowTable<?, ?> table, Object key, Entry before) {
            undo.putIfAbsent(new Slot(table, key), before == null ? new Entry(null, null) : before);
        }

        void undo() {
            undo.forEach((slot, before) -> {
                Map<Object, Entry> rows = rows(slot.table());
                if (before.stored() == null && before.current() == null) {
                    rows.remove(slot.key());
                } else {
                    rows.put(slot.key(), before);
                }
            });
            undo.clear();
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        void writeChanges() {
            tables.forEach((table, rows) -> {
                List<RowTable.Change<Object>> changes = new ArrayList<>();
                rows.replaceAll((key, entry) -> {
                    if (entry.current() == null || entry.current().equals(entry.stored())) {
                        return entry;
                    }
                    changes.add(new RowTable.Change<>(entry.stored(), entry.current()));
                    return new Entry(entry.current(), entry.current());
                });
                if (!changes.isEmpty()) {
                    ((RowTable) table).write(changes);
                }
            });
        }

        void suspect(Throwable failure) {
            suspects.addAll(events);
            log.warn("Projection {} could not write the rows of a batch of {} events ({}); the batch is rolled back"
                    + " and applied again event by event", processor, events.size(), failure.toString());
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            try {
                writeChanges();
            } catch (RuntimeException | Error failure) {
                if (!eventByEvent && !DatabaseFailures.passingIsCauseOf(failure)) {
                    suspect(failure);
                }
                throw failure;
            }
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(BatchRows.this);
            if (status == STATUS_COMMITTED && eventByEvent) {
                suspects.removeAll(events);
            }
        }
    }
}
