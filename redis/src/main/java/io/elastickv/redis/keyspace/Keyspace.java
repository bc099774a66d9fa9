package io.elastickv.redis.keyspace;

import io.elastickv.raft.ExecutionContext;
import io.elastickv.store.Bound;
import io.elastickv.store.KeyValue;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * One Redis database as commands see it, over the layout of {@link RedisKeys}: typed lookups that honour
 * expiry, and writes that keep the metadata record, collection members, the expiry index and the database
 * sizes consistent with each other.
 *
 * <p>The same commands run in two places: in the state machine, over the replicated entry's context
 * ({@code writable}), and on the read path after a fence, over a read-only view of the local store. Expiry
 * is judged against the context's "now" in both. As in Redis, a writable keyspace deletes a key it finds
 * expired (lazy expiry) before answering, so writes never see a dead key's leftovers; a read-only one just
 * treats it as absent.
 */
public final class Keyspace {
    /** The number of databases, 0 to 15, as Redis's default {@code databases 16}. */
    public static final int DATABASES = 16;

    /** Records read per store scan when a command walks a whole collection or database. */
    private static final int CHUNK = 1024;
    /** RANDOMKEY: random positions tried, and scan-order entries examined at each, before giving up. */
    private static final int RANDOM_PROBES = 16;
    private static final int RANDOM_RUN = 64;

    private final ExecutionContext context;
    private final int db;
    private final boolean writable;

    public Keyspace(final ExecutionContext context, final int db, final boolean writable) {
        this.context = context;
        this.db = db;
        this.writable = writable;
    }

    public int db() {
        return db;
    }

    /** The same context on database {@code index} (MOVE, COPY ... DB, SWAPDB). */
    public Keyspace database(final int index) {
        return index == db ? this : new Keyspace(context, index, writable);
    }

    /** "Now" in ms: the entry's time in the state machine, the read time on the read path. */
    public long nowMs() {
        return context.nowMs();
    }

    /** This command's seed for randomness: the same on every replica. */
    public long seed() {
        return context.seed();
    }

    public boolean writable() {
        return writable;
    }

    /** The key's live metadata, or {@code null} when it does not exist or has expired. */
    public KeyMeta lookup(final byte[] key) {
        final KeyValue stored = context.get(RedisKeys.meta(db, key));
        if (stored == null) {
            return null;
        }
        final KeyMeta meta = KeyMeta.decode(stored.value(), stored.commitTs());
        if (meta.expiredAt(nowMs())) {
            if (writable) {
                delete(key, meta);
            }
            return null;
        }
        return meta;
    }

    /** Like {@link #lookup(byte[])}, but a key of another type is a {@code WRONGTYPE} error. */
    public KeyMeta lookup(final byte[] key, final RedisType expected) {
        final KeyMeta meta = lookup(key);
        if (meta != null && meta.type() != expected) {
            throw RedisException.wrongType();
        }
        return meta;
    }

    /** The string value of {@code key}, or {@code null}; another type is a {@code WRONGTYPE} error. */
    public byte[] getString(final byte[] key) {
        final KeyMeta meta = lookup(key, RedisType.STRING);
        return meta == null ? null : meta.stringValue();
    }

    /**
     * Makes {@code key} the string {@code value} with {@code expiryMs} (0: none), replacing whatever
     * {@code previous} (its live metadata, or {@code null}) was.
     */
    public void setString(final byte[] key, final KeyMeta previous, final byte[] value, final long expiryMs) {
        if (previous != null && previous.type() != RedisType.STRING) {
            deleteMembers(key, previous);
        }
        context.put(RedisKeys.meta(db, key), KeyMeta.encodeString(value, expiryMs), 0);
        afterMetaWrite(key, previous, expiryMs);
    }

    /** Deletes {@code key}; true when it existed. */
    public boolean delete(final byte[] key) {
        final KeyMeta meta = lookup(key);
        if (meta == null) {
            return false;
        }
        delete(key, meta);
        return true;
    }

    /** Deletes {@code key}, whose metadata is {@code meta}, with its members and index entries. */
    public void delete(final byte[] key, final KeyMeta meta) {
        requireWritable();
        if (meta.type() != RedisType.STRING) {
            deleteMembers(key, meta);
        }
        context.delete(RedisKeys.meta(db, key));
        context.delete(RedisKeys.scanOrder(db, RedisKeys.keyHash(key), key));
        if (meta.hasExpiry()) {
            context.delete(RedisKeys.expiry(meta.expiryMs(), db, key));
        }
        adjustSizes(-1, meta.hasExpiry() ? -1 : 0);
    }

    /** Sets (or with 0 removes) the expiry of the live key {@code key}. */
    public void setExpiry(final byte[] key, final KeyMeta meta, final long expiryMs) {
        context.put(RedisKeys.meta(db, key), meta.withExpiry(expiryMs).encode(), 0);
        afterMetaWrite(key, meta, expiryMs);
    }

    /**
     * A token that changes whenever {@code key} is written, deleted or expires: the version of its metadata
     * record, negated when the key is not live. WATCH records it and EXEC compares.
     */
    public long watchToken(final byte[] key) {
        final long version = context.latestCommitTs(RedisKeys.meta(db, key));
        return lookup(key) == null ? -version : version;
    }

    // ---- active expiry

    /**
     * Active expiry of one index entry: deletes {@code key} if it carries expiry {@code indexedExpiryMs} and
     * that has passed; drops an index entry that no longer matches the key. True when the key was deleted.
     */
    public boolean expireIfDue(final byte[] key, final long indexedExpiryMs) {
        final KeyValue stored = context.get(RedisKeys.meta(db, key));
        final KeyMeta meta = stored == null ? null : KeyMeta.decode(stored.value(), stored.commitTs());
        if (meta != null && meta.expiryMs() == indexedExpiryMs) {
            if (meta.expiredAt(nowMs())) {
                delete(key, meta);
                return true;
            }
            return false;
        }
        context.delete(RedisKeys.expiry(indexedExpiryMs, db, key));
        return false;
    }

    /** Up to {@code limit} expiry-index entries due at {@code nowMs}, earliest first, over all databases. */
    public static List<DueKey> dueKeys(final ExecutionContext context, final long nowMs, final int limit) {
        final List<KeyValue> stored = context.scan(Bound.inclusive(new byte[] {RedisKeys.EXPIRY}),
            Bound.exclusive(RedisKeys.expiry(nowMs, 0, new byte[0])), limit);
        final List<DueKey> due = new ArrayList<>(stored.size());
        for (final KeyValue kv : stored) {
            final ByteBuffer in = ByteBuffer.wrap(kv.key(), 1, kv.key().length - 1);
            final long expiryMs = in.getLong();
            final int db = in.get();
            due.add(new DueKey(db, expiryMs, Arrays.copyOfRange(kv.key(), 10, kv.key().length)));
        }
        return due;
    }

    /** An expiry-index entry: key {@code key} of database {@code db} expires after {@code expiryMs}. */
    public record DueKey(int db, long expiryMs, byte[] key) {
    }

    // ---- collections

    /** Metadata for a new, empty collection under a fresh generation; written by {@link #writeCollection}. */
    public KeyMeta newCollection(final RedisType type) {
        requireWritable();
        final KeyValue last = context.get(RedisKeys.GENERATION);
        final long generation = last == null ? 1 : ByteBuffer.wrap(last.value()).getLong() + 1;
        context.put(RedisKeys.GENERATION, ByteBuffer.allocate(8).putLong(generation).array(), 0);
        return new KeyMeta(type, 0, null, generation, 0, 0);
    }

    /**
     * Writes a collection's metadata after its members changed: with {@code count} members (and the expiry it
     * had), or, when {@code count} is 0, deletes the key as Redis does with an emptied collection.
     * {@code previous} is the live metadata before the command, or {@code null} for a new key.
     */
    public void writeCollection(final byte[] key, final KeyMeta previous, final KeyMeta meta, final long count) {
        if (count == 0) {
            if (previous != null) {
                delete(key, previous);
            }
            return;
        }
        putCollection(key, previous, meta, count, previous == null ? 0 : previous.expiryMs());
    }

    /**
     * Creates {@code key}, which must not exist, as the collection {@code meta} (from {@link #newCollection},
     * members already written) with {@code count} members and {@code expiryMs} (0: none).
     */
    public void createCollection(final byte[] key, final KeyMeta meta, final long count, final long expiryMs) {
        putCollection(key, null, meta, count, expiryMs);
    }

    private void putCollection(final byte[] key, final KeyMeta previous, final KeyMeta meta, final long count,
                               final long expiryMs) {
        context.put(RedisKeys.meta(db, key),
            KeyMeta.encodeCollection(meta.type(), expiryMs, meta.generation(), count), 0);
        afterMetaWrite(key, previous, expiryMs);
    }

    /** The value stored for {@code member} of a collection, or {@code null}. */
    public byte[] member(final byte[] key, final KeyMeta meta, final byte[] member) {
        final KeyValue stored = context.get(RedisKeys.member(memberPrefix(key, meta), member));
        return stored == null ? null : stored.value();
    }

    public void putMember(final byte[] key, final KeyMeta meta, final byte[] member, final byte[] value) {
        context.put(RedisKeys.member(memberPrefix(key, meta), member), value, 0);
    }

    public void deleteMember(final byte[] key, final KeyMeta meta, final byte[] member) {
        context.delete(RedisKeys.member(memberPrefix(key, meta), member));
    }

    /** Up to {@code limit} members in member order, starting after {@code after} (or from the first). */
    public List<Member> members(final byte[] key, final KeyMeta meta, final byte[] after, final int limit) {
        final byte[] prefix = memberPrefix(key, meta);
        final Bound lower = after == null ? Bound.inclusive(prefix) : Bound.exclusive(RedisKeys.member(prefix, after));
        final List<KeyValue> stored = context.scan(lower, upperOf(prefix), limit);
        final List<Member> out = new ArrayList<>(stored.size());
        for (final KeyValue kv : stored) {
            out.add(new Member(Arrays.copyOfRange(kv.key(), prefix.length, kv.key().length), kv.value()));
        }
        return out;
    }

    /** A collection member and its stored value. */
    public record Member(byte[] name, byte[] value) {
    }

    // ---- whole keys

    /**
     * Writes a copy of the live key {@code key} (metadata {@code meta}) as {@code targetKey} of {@code target}
     * (this keyspace or another database of it), with the same expiry, replacing {@code targetPrevious} (the
     * target's live metadata, or {@code null}). A collection's members are copied under a fresh generation,
     * so the copy shares nothing with the original. RENAME and MOVE are a copy and a delete.
     */
    public void copy(final byte[] key, final KeyMeta meta, final Keyspace target, final byte[] targetKey,
                     final KeyMeta targetPrevious) {
        requireWritable();
        if (targetPrevious != null) {
            target.delete(targetKey, targetPrevious);
        }
        if (meta.type() == RedisType.STRING) {
            target.setString(targetKey, null, meta.stringValue(), meta.expiryMs());
            return;
        }
        final KeyMeta copy = target.newCollection(meta.type());
        final byte[] source = memberPrefix(key, meta);
        forEachRecord(Bound.inclusive(source), upperOf(source), kv -> target.putMember(targetKey, copy,
            Arrays.copyOfRange(kv.key(), source.length, kv.key().length), kv.value()));
        target.createCollection(targetKey, copy, meta.count(), meta.expiryMs());
    }

    // ---- the key space

    /**
     * Up to {@code limit} live keys that start with {@code keyPrefix}, in key order after {@code after} (or
     * from the first), with their metadata; also reports how far the scan got, so a caller can resume even
     * when every key it saw had expired.
     */
    public KeyPage keys(final byte[] keyPrefix, final byte[] after, final int limit) {
        final byte[] prefix = RedisKeys.meta(db, keyPrefix);
        final Bound lower = after == null ? Bound.inclusive(prefix) : Bound.exclusive(RedisKeys.meta(db, after));
        final List<KeyValue> stored = context.scan(lower, upperOf(prefix), limit);
        final List<KeyEntry> live = new ArrayList<>(stored.size());
        for (final KeyValue kv : stored) {
            final KeyMeta meta = KeyMeta.decode(kv.value(), kv.commitTs());
            if (!meta.expiredAt(nowMs())) {
                live.add(new KeyEntry(RedisKeys.userKey(kv.key()), meta));
            }
        }
        final byte[] last = stored.isEmpty() ? null : RedisKeys.userKey(stored.get(stored.size() - 1).key());
        return new KeyPage(live, last, stored.size() < limit);
    }

    /** A key and its metadata. */
    public record KeyEntry(byte[] key, KeyMeta meta) {
    }

    /** One page of {@link #keys}: the live keys, the last key examined, and whether the range ended. */
    public record KeyPage(List<KeyEntry> entries, byte[] lastExamined, boolean complete) {
    }

    /**
     * One SCAN step: the live keys among the next {@code count} entries of the scan order from position
     * {@code cursor} (0 to {@link Long#MAX_VALUE}), and the cursor to continue from, 0 when the database
     * ended. A cursor cannot point between keys of one hash, so a page always ends with every key of its last
     * hash (more than {@code count} entries only when hashes collide). Like every lookup, a writable keyspace
     * deletes the expired keys it meets.
     */
    public ScanPage scan(final long cursor, final int count) {
        final byte[] prefix = RedisKeys.scanOrderPrefix(db);
        final List<KeyValue> entries = new ArrayList<>(
            context.scan(Bound.inclusive(RedisKeys.scanOrderFrom(db, cursor)), upperOf(prefix), count));
        long next = 0;
        if (entries.size() == count) {
            final byte[] lastEntry = entries.get(count - 1).key();
            final long lastHash = RedisKeys.scanOrderHash(lastEntry);
            final Bound sameHashEnd = lastHash == Long.MAX_VALUE ? upperOf(prefix)
                : Bound.exclusive(RedisKeys.scanOrderFrom(db, lastHash + 1));
            forEachRecord(Bound.exclusive(lastEntry), sameHashEnd, entries::add);
            next = lastHash == Long.MAX_VALUE ? 0 : lastHash + 1;
        }
        final List<KeyEntry> live = new ArrayList<>(entries.size());
        for (final KeyValue entry : entries) {
            final byte[] key = RedisKeys.scanOrderKey(entry.key());
            final KeyMeta meta = lookup(key);
            if (meta != null) {
                live.add(new KeyEntry(key, meta));
            }
        }
        return new ScanPage(live, next);
    }

    /** One page of {@link #scan}: the live keys and the cursor that continues after them (0: done). */
    public record ScanPage(List<KeyEntry> entries, long nextCursor) {
    }

    /**
     * A random live key, or {@code null} when there is none. Seeks to a random place in the scan order (the
     * command's seed, so replicas agree) and takes the first live key there. A run of expired keys is skipped
     * up to a bound; when every probe lands in such runs the answer is {@code null}, which active expiry
     * makes unlikely by deleting expired keys.
     */
    public byte[] randomKey() {
        final SplittableRandom random = new SplittableRandom(seed());
        final byte[] prefix = RedisKeys.scanOrderPrefix(db);
        for (int probe = 0; probe < RANDOM_PROBES; probe++) {
            final List<KeyValue> run = new ArrayList<>(context.scan(
                Bound.inclusive(RedisKeys.scanOrderFrom(db, random.nextLong() >>> 1)), upperOf(prefix), RANDOM_RUN));
            if (run.size() < RANDOM_RUN) {
                run.addAll(context.scan(Bound.inclusive(prefix), upperOf(prefix), RANDOM_RUN - run.size()));
            }
            if (run.isEmpty()) {
                return null;
            }
            for (final KeyValue entry : run) {
                final byte[] key = RedisKeys.scanOrderKey(entry.key());
                if (lookup(key) != null) {
                    return key;
                }
            }
        }
        return null;
    }

    /** The number of keys, as DBSIZE counts them (expired keys count until they are deleted). */
    public long size() {
        return sizes()[0];
    }

    /** The number of keys with an expiry, as INFO keyspace reports it. */
    public long expiringSize() {
        return sizes()[1];
    }

    /** Deletes every key of this database: whole ranges of records, not key by key. */
    public void flush() {
        requireWritable();
        final byte[] metaPrefix = RedisKeys.metaPrefix(db);
        forEachRecord(Bound.inclusive(metaPrefix), upperOf(metaPrefix), kv -> {
            // Expiry entries are ordered by time, not by database: drop each expiring key's own entry.
            final KeyMeta meta = KeyMeta.decode(kv.value(), kv.commitTs());
            if (meta.hasExpiry()) {
                context.delete(RedisKeys.expiry(meta.expiryMs(), db, RedisKeys.userKey(kv.key())));
            }
            context.delete(kv.key());
        });
        deleteRange(RedisKeys.memberDbPrefix(db));
        deleteRange(RedisKeys.scanOrderPrefix(db));
        context.delete(RedisKeys.sizes(db));
    }

    /**
     * Exchanges the contents of this database and database {@code other} (SWAPDB). Every record of both
     * moves, so this costs time and memory in proportion to both databases, unlike Redis's pointer swap;
     * in exchange no command pays for a database indirection.
     */
    public void swapWith(final int other) {
        requireWritable();
        final List<KeyValue> mine = databaseRecords(db);
        final List<KeyValue> theirs = databaseRecords(other);
        // All deletes first: a record that exists on both sides is then rewritten by its move, not lost.
        removeRecords(mine, db);
        removeRecords(theirs, other);
        placeRecords(mine, other);
        placeRecords(theirs, db);
    }

    /** The metadata, member, scan-order and sizes records of database {@code index}. */
    private List<KeyValue> databaseRecords(final int index) {
        final List<KeyValue> records = new ArrayList<>();
        for (final byte[] prefix : List.of(RedisKeys.metaPrefix(index), RedisKeys.memberDbPrefix(index),
            RedisKeys.scanOrderPrefix(index))) {
            forEachRecord(Bound.inclusive(prefix), upperOf(prefix), records::add);
        }
        final KeyValue sizes = context.get(RedisKeys.sizes(index));
        if (sizes != null) {
            records.add(sizes);
        }
        return records;
    }

    private void removeRecords(final List<KeyValue> records, final int from) {
        for (final KeyValue kv : records) {
            context.delete(kv.key());
            final long expiryMs = metaExpiry(kv);
            if (expiryMs != 0) {
                context.delete(RedisKeys.expiry(expiryMs, from, RedisKeys.userKey(kv.key())));
            }
        }
    }

    private void placeRecords(final List<KeyValue> records, final int to) {
        for (final KeyValue kv : records) {
            context.put(RedisKeys.inDatabase(kv.key(), to), kv.value(), kv.expiryMs());
            final long expiryMs = metaExpiry(kv);
            if (expiryMs != 0) {
                context.put(RedisKeys.expiry(expiryMs, to, RedisKeys.userKey(kv.key())), new byte[0], 0);
            }
        }
    }

    /** The expiry of a metadata record, 0 for one without expiry or a record of another family. */
    private static long metaExpiry(final KeyValue record) {
        return record.key()[0] == RedisKeys.META ? KeyMeta.decode(record.value(), record.commitTs()).expiryMs() : 0;
    }

    private void deleteMembers(final byte[] key, final KeyMeta meta) {
        deleteRange(memberPrefix(key, meta));
    }

    private void deleteRange(final byte[] prefix) {
        forEachRecord(Bound.inclusive(prefix), upperOf(prefix), kv -> context.delete(kv.key()));
    }

    /**
     * Calls {@code action} on every record in the range, a chunk at a time. Each chunk starts after the last
     * record of the previous one, so writes the action stages behind the scan never slow the next chunk.
     */
    private void forEachRecord(final Bound lower, final Bound upper, final Consumer<KeyValue> action) {
        Bound from = lower;
        List<KeyValue> chunk;
        do {
            chunk = context.scan(from, upper, CHUNK);
            chunk.forEach(action);
            if (!chunk.isEmpty()) {
                from = Bound.exclusive(chunk.get(chunk.size() - 1).key());
            }
        } while (chunk.size() == CHUNK);
    }

    private static Bound upperOf(final byte[] prefix) {
        return Bound.exclusive(RedisKeys.prefixEnd(prefix));
    }

    private byte[] memberPrefix(final byte[] key, final KeyMeta meta) {
        return RedisKeys.memberPrefix(db, key, meta.generation());
    }

    /** Keeps the expiry index, the scan order and the database sizes in step with a metadata write. */
    private void afterMetaWrite(final byte[] key, final KeyMeta previous, final long expiryMs) {
        final long previousExpiry = previous == null ? 0 : previous.expiryMs();
        if (previousExpiry != expiryMs) {
            if (previousExpiry != 0) {
                context.delete(RedisKeys.expiry(previousExpiry, db, key));
            }
            if (expiryMs != 0) {
                context.put(RedisKeys.expiry(expiryMs, db, key), new byte[0], 0);
            }
        }
        if (previous == null) {
            context.put(RedisKeys.scanOrder(db, RedisKeys.keyHash(key), key), new byte[0], 0);
        }
        final int keys = previous == null ? 1 : 0;
        final int expiring = (expiryMs != 0 ? 1 : 0) - (previousExpiry != 0 ? 1 : 0);
        if (keys != 0 || expiring != 0) {
            adjustSizes(keys, expiring);
        }
    }

    private long[] sizes() {
        final KeyValue stored = context.get(RedisKeys.sizes(db));
        if (stored == null) {
            return new long[2];
        }
        final ByteBuffer in = ByteBuffer.wrap(stored.value());
        return new long[] {in.getLong(), in.getLong()};
    }

    private void adjustSizes(final long keys, final long expiring) {
        final long[] sizes = sizes();
        context.put(RedisKeys.sizes(db),
            ByteBuffer.allocate(16).putLong(sizes[0] + keys).putLong(sizes[1] + expiring).array(), 0);
    }

    private void requireWritable() {
        if (!writable) {
            throw new IllegalStateException("a read-only command tried to write in db=" + db);
        }
    }
}
