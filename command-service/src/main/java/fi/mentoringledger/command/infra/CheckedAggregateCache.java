package fi.mentoringledger.command.infra;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The aggregates this instance handled last, so that a command does not read and open all of its
 * relationship's events again; at most {@code capacity}, the least recently used leaving first.
 *
 * <p>Another instance may have appended to a relationship since it was kept here. Such a stale copy
 * must never decide: it would refuse what the newer state allows (a meeting of a relationship it
 * still thinks paused, a client's If-Match of the newer version) or answer a retry with an old
 * version. So a kept aggregate is used only while the store's last sequence number for it is still
 * the one it was kept at — one indexed lookup instead of reading and deserialising every event;
 * otherwise it is dropped and loaded from the store. An append by another instance between that
 * check and this one's commit is what it always was without a cache: the unique (aggregate,
 * sequence) key refuses the second, Axon evicts the copy when the unit of work rolls back, and the
 * command is retried against the stored events ({@code RelationshipCommands}).
 */
public class CheckedAggregateCache implements Cache {

    private final ObjectProvider<EventStore> eventStore;
    private final Map<Object, Object> kept;

    public CheckedAggregateCache(ObjectProvider<EventStore> eventStore, int capacity) {
        this.eventStore = eventStore;
        this.kept = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, Object> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        Object value;
        synchronized (kept) {
            value = kept.get(key);
        }
        if (value instanceof AggregateCacheEntry<?> entry && !isCurrent(key.toString(), entry)) {
            remove(key);
            return null;
        }
        return (V) value;
    }

    private boolean isCurrent(String aggregateId, AggregateCacheEntry<?> entry) {
        // An entry made in this JVM holds its aggregate, which recreateAggregate hands back as it is.
        EventSourcedAggregate<?> aggregate = entry.recreateAggregate(null, null, null, null);
        Long keptAt = aggregate.version();
        return keptAt != null && eventStore.getObject().lastSequenceNumberFor(aggregateId)
                .map(keptAt::equals)
                .orElse(false);
    }

    @Override
    public void put(Object key, Object value) {
        synchronized (kept) {
            kept.put(key, value);
        }
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        synchronized (kept) {
            return kept.putIfAbsent(key, value) == null;
        }
    }

    @Override
    public <T> T computeIfAbsent(Object key, Supplier<T> valueSupplier) {
        T known = get(key);
        if (known != null) {
            return known;
        }
        T made = valueSupplier.get();
        put(key, made);
        return made;
    }

    @Override
    public boolean remove(Object key) {
        synchronized (kept) {
            return kept.remove(key) != null;
        }
    }

    @Override
    public void removeAll() {
        synchronized (kept) {
            kept.clear();
        }
    }

    @Override
    public boolean containsKey(Object key) {
        synchronized (kept) {
            return kept.containsKey(key);
        }
    }

    int size() {
        synchronized (kept) {
            return kept.size();
        }
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
        throw new UnsupportedOperationException("nothing listens to the aggregate cache");
    }
}
