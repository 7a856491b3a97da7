package fi.mentoringledger.eventstore.personaldata;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import fi.mentoringledger.eventstore.personaldata.KeyEncryptionKeys.WrappedKey;

/**
 * The key of each person, in {@code personal_data_key}, and the record of erasures, in
 * {@code personal_data_erasure}. A key is created when the first personal data of a person is
 * written, in the transaction that writes it. Erasing deletes the key and remembers the erasure, so
 * that no new key is ever made for that person.
 *
 * <p>Keys are kept in memory for a minute once the transaction that made or read them has
 * committed (a key made by one that rolls back never existed), sparing the queries of a write and
 * one query per sealed field when an aggregate loads or a projection replays. An instance that
 * erases forgets the key at once; another may still use it for up to that minute: to open a stored
 * event (the read models are scrubbed by the erasure's event, not by this cache), or to seal new
 * data, which then can never be read — erased as well. A transaction that read a key before this
 * instance erased its person does not keep it when it commits afterwards.
 *
 * <p>A key is stored wrapped by a key-encryption key ({@link KeyEncryptionKeys}), the row naming
 * the KEK's version ({@code kek_version}), so that the table alone opens nothing. A row without a
 * version holds a key stored plain before keys were wrapped: it opens as it is until
 * {@link #rewrapWithTheCurrentKek} wraps it.
 */
public class PersonalDataKeys {

    static final String ALGORITHM = "AES";
    private static final int KEY_BITS = 256;
    private static final Duration KEPT_FOR = Duration.ofMinutes(1);
    private static final int MAX_KEPT = 10_000;
    private static final String SELECT_KEY = "SELECT key_id, person_id, secret, kek_version FROM personal_data_key ";

    /** A person's key as stored: its id goes into every envelope sealed with it. */
    public record PersonKey(UUID keyId, String personId, SecretKey secret) {
    }

    /** That a person's personal data was erased: when, and by which user. */
    public record Erasure(String personId, Instant erasedAt, String erasedBy) {
    }

    private record Kept(PersonKey key, Instant until) {
    }

    private final JdbcClient jdbc;
    private final KeyEncryptionKeys keyEncryptionKeys;
    private final SecureRandom random = new SecureRandom();
    private final Map<UUID, Kept> kept = new ConcurrentHashMap<>();
    private final Map<String, Kept> keptToSeal = new ConcurrentHashMap<>();
    /** Orders reads and erasures in this instance: a key read before its person's erasure is not kept. */
    private final AtomicLong moments = new AtomicLong();
    private final Map<String, Long> erasedAt = new ConcurrentHashMap<>();

    public PersonalDataKeys(JdbcClient jdbc, KeyEncryptionKeys keyEncryptionKeys) {
        this.jdbc = jdbc;
        this.keyEncryptionKeys = keyEncryptionKeys;
    }

    /**
     * The key to seal a person's data with, made now if they have none.
     *
     * @throws PersonErasedException when the person was erased
     */
    public PersonKey keyToSeal(String personId) {
        Kept known = keptToSeal.get(personId);
        if (known != null && known.until().isAfter(Instant.now())) {
            return known.key();
        }
        if (erasure(personId).isPresent()) {
            throw new PersonErasedException(personId);
        }
        UUID keyId = UUID.randomUUID();
        byte[] secret = newSecret();
        WrappedKey wrapped = keyEncryptionKeys.wrap(keyId, personId, secret);
        // Two transactions making the first key of one person: the second waits for the first and keeps its key.
        List<UUID> made = jdbc.sql("""
                        INSERT INTO personal_data_key (key_id, person_id, secret, kek_version)
                        VALUES (:keyId, :personId, :secret, :kekVersion)
                        ON CONFLICT (person_id) DO NOTHING
                        RETURNING key_id""")
                .param("keyId", keyId)
                .param("personId", personId)
                .param("secret", wrapped.wrapped())
                .param("kekVersion", wrapped.kekVersion())
                .query(UUID.class)
                .list();
        PersonKey key = !made.isEmpty() ? new PersonKey(keyId, personId, new SecretKeySpec(secret, ALGORITHM))
                : jdbc.sql(SELECT_KEY + "WHERE person_id = :personId")
                        .param("personId", personId)
                        .query(this::key)
                        .single();
        Arrays.fill(secret, (byte) 0);
        keepOnceCommitted(key);
        return key;
    }

    /**
     * The person's key if they have one, never a new one: for a reader that seals a copy of data
     * the events already hold (a read model), and may not make keys. Empty when the person was
     * erased, or has no key because all their data was written before sealing existed.
     */
    public Optional<PersonKey> existingKeyToSeal(String personId) {
        Kept known = keptToSeal.get(personId);
        if (known != null && known.until().isAfter(Instant.now())) {
            return Optional.of(known.key());
        }
        Optional<PersonKey> stored = jdbc.sql(SELECT_KEY + "WHERE person_id = :personId")
                .param("personId", personId)
                .query(this::key)
                .optional();
        stored.ifPresent(this::keepOnceCommitted);
        return stored;
    }

    /** The key an envelope names; empty once its person was erased (or the key table was lost). */
    public Optional<PersonKey> keyToOpen(UUID keyId) {
        Kept known = kept.get(keyId);
        if (known != null && known.until().isAfter(Instant.now())) {
            return Optional.of(known.key());
        }
        Optional<PersonKey> stored = jdbc.sql(SELECT_KEY + "WHERE key_id = :keyId")
                .param("keyId", keyId)
                .query(this::key)
                .optional();
        stored.ifPresentOrElse(this::keepOnceCommitted, () -> kept.remove(keyId));
        return stored;
    }

    /** Whether any personal data of the person was ever written or erased. */
    public boolean isKnown(String personId) {
        return erasure(personId).isPresent() || jdbc.sql("SELECT count(*) FROM personal_data_key WHERE person_id = :personId")
                .param("personId", personId)
                .query(Long.class)
                .single() > 0;
    }

    public Optional<Erasure> erasure(String personId) {
        return jdbc.sql("SELECT person_id, erased_at, erased_by FROM personal_data_erasure WHERE person_id = :personId")
                .param("personId", personId)
                .query((rs, i) -> new Erasure(rs.getString("person_id"), rs.getTimestamp("erased_at").toInstant(),
                        rs.getString("erased_by")))
                .optional();
    }

    /**
     * Deletes the person's key and records the erasure; erasing again changes nothing and answers
     * the first erasure. Runs in the caller's transaction when there is one.
     */
    public Erasure erase(String personId, String erasedBy, Instant at) {
        jdbc.sql("""
                        INSERT INTO personal_data_erasure (person_id, erased_at, erased_by) VALUES (:personId, :at, :by)
                        ON CONFLICT (person_id) DO NOTHING""")
                .param("personId", personId)
                .param("at", Timestamp.from(at))
                .param("by", erasedBy)
                .update();
        jdbc.sql("DELETE FROM personal_data_key WHERE person_id = :personId").param("personId", personId).update();
        if (erasedAt.size() >= MAX_KEPT) {
            erasedAt.clear();
        }
        erasedAt.put(personId, moments.incrementAndGet());
        kept.values().removeIf(known -> known.key().personId().equals(personId));
        keptToSeal.remove(personId);
        return erasure(personId).orElseThrow();
    }

    /**
     * Wraps with the current KEK every key that another version wrapped, or that was stored plain,
     * {@code batchSize} rows per query, so that an older KEK can be retired. Each row is replaced
     * only while it still holds what was read, so several instances may run this at once, beside
     * new keys and erasures; the data keys themselves do not change, and neither does any event.
     *
     * @return how many keys this call rewrapped
     * @throws IllegalStateException when a key does not unwrap; the keys before it are rewrapped
     */
    public int rewrapWithTheCurrentKek(int batchSize) {
        int current = keyEncryptionKeys.currentVersion();
        int rewrapped = 0;
        // Through the table by key id, so that every row is looked at once, whatever others do meanwhile.
        UUID after = new UUID(0, 0);
        while (true) {
            List<StoredKey> batch = jdbc.sql(SELECT_KEY + """
                            WHERE (kek_version IS NULL OR kek_version <> :current) AND key_id > :after
                            ORDER BY key_id LIMIT :batchSize""")
                    .param("current", current)
                    .param("after", after)
                    .param("batchSize", batchSize)
                    .query(PersonalDataKeys::stored)
                    .list();
            if (batch.isEmpty()) {
                return rewrapped;
            }
            for (StoredKey stored : batch) {
                byte[] secret = unwrap(stored);
                WrappedKey wrapped = keyEncryptionKeys.wrap(stored.keyId(), stored.personId(), secret);
                Arrays.fill(secret, (byte) 0);
                rewrapped += jdbc.sql("""
                                UPDATE personal_data_key SET secret = :wrapped, kek_version = :kekVersion
                                 WHERE key_id = :keyId AND secret = :secret
                                   AND kek_version IS NOT DISTINCT FROM :oldVersion""")
                        .param("wrapped", wrapped.wrapped())
                        .param("kekVersion", wrapped.kekVersion())
                        .param("keyId", stored.keyId())
                        .param("secret", stored.secret())
                        .param("oldVersion", stored.kekVersion(), Types.INTEGER)
                        .update();
                after = stored.keyId();
            }
        }
    }

    /** The KEK versions that wrap stored keys and are not configured: the keys of those rows cannot be opened. */
    public List<Integer> kekVersionsInUseButUnknown() {
        return jdbc.sql("SELECT DISTINCT kek_version FROM personal_data_key WHERE kek_version IS NOT NULL ORDER BY 1")
                .query(Integer.class)
                .list()
                .stream()
                .filter(version -> !keyEncryptionKeys.knows(version))
                .toList();
    }

    /** A row of {@code personal_data_key} as stored; {@code kekVersion} null for a key stored plain. */
    private record StoredKey(UUID keyId, String personId, byte[] secret, Integer kekVersion) {
    }

    private static StoredKey stored(ResultSet row, int number) throws SQLException {
        return new StoredKey(row.getObject("key_id", UUID.class), row.getString("person_id"), row.getBytes("secret"),
                row.getObject("kek_version", Integer.class));
    }

    private PersonKey key(ResultSet row, int number) throws SQLException {
        StoredKey stored = stored(row, number);
        byte[] secret = unwrap(stored);
        PersonKey key = new PersonKey(stored.keyId(), stored.personId(), new SecretKeySpec(secret, ALGORITHM));
        Arrays.fill(secret, (byte) 0);
        return key;
    }

    private byte[] unwrap(StoredKey stored) {
        if (stored.kekVersion() == null) {
            return stored.secret().clone();
        }
        return keyEncryptionKeys.unwrap(stored.keyId(), stored.personId(),
                new WrappedKey(stored.kekVersion(), stored.secret()));
    }

    private void keepOnceCommitted(PersonKey key) {
        long readAt = moments.incrementAndGet();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    keep(key, readAt);
                }
            });
        } else {
            keep(key, readAt);
        }
    }

    private void keep(PersonKey key, long readAt) {
        Long erased = erasedAt.get(key.personId());
        if (erased != null && erased > readAt) {
            return;
        }
        if (kept.size() >= MAX_KEPT || keptToSeal.size() >= MAX_KEPT) {
            kept.clear();
            keptToSeal.clear();
        }
        Kept known = new Kept(key, Instant.now().plus(KEPT_FOR));
        kept.put(key.keyId(), known);
        keptToSeal.put(key.personId(), known);
    }

    private byte[] newSecret() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance(ALGORITHM);
            generator.init(KEY_BITS, random);
            return generator.generateKey().getEncoded();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has AES", e);
        }
    }
}
