package io.elastickv.redis.command.hash;

import io.elastickv.redis.keyspace.KeyMeta;
import io.elastickv.redis.keyspace.Keyspace;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The fields of one hash in member (unsigned byte) order, read from the keyspace a chunk at a time so a
 * large hash is never loaded by one store scan.
 */
final class HashMembers implements Iterator<Keyspace.Member> {
    /** Fields fetched per store scan. */
    private static final int CHUNK = 512;

    private final Keyspace keyspace;
    private final byte[] key;
    private final KeyMeta meta;
    private List<Keyspace.Member> chunk;
    private int next;
    private boolean exhausted;

    private HashMembers(final Keyspace keyspace, final byte[] key, final KeyMeta meta,
                        final List<Keyspace.Member> first) {
        this.keyspace = keyspace;
        this.key = key;
        this.meta = meta;
        this.chunk = first;
    }

    /** Every field of the hash, from the first. */
    static HashMembers of(final Keyspace keyspace, final byte[] key, final KeyMeta meta) {
        return new HashMembers(keyspace, key, meta, List.of());
    }

    /** The fields of the hash that are {@code >= from} (unsigned byte order). */
    static HashMembers from(final Keyspace keyspace, final byte[] key, final KeyMeta meta, final byte[] from) {
        final byte[] value = keyspace.member(key, meta, from);
        final HashMembers members = new HashMembers(keyspace, key, meta,
            value == null ? List.of() : List.of(new Keyspace.Member(from, value)));
        if (value == null) {
            members.chunk = members.fetch(from);
        }
        return members;
    }

    /** Every field and value of the hash, in member order. */
    static List<Keyspace.Member> all(final Keyspace keyspace, final byte[] key, final KeyMeta meta) {
        final List<Keyspace.Member> out = new ArrayList<>((int) Math.min(meta.count(), CHUNK));
        of(keyspace, key, meta).forEachRemaining(out::add);
        return out;
    }

    @Override
    public boolean hasNext() {
        if (next < chunk.size()) {
            return true;
        }
        if (exhausted) {
            return false;
        }
        chunk = fetch(chunk.isEmpty() ? null : chunk.get(chunk.size() - 1).name());
        next = 0;
        return !chunk.isEmpty();
    }

    @Override
    public Keyspace.Member next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no field after index=" + next + " of the hash");
        }
        return chunk.get(next++);
    }

    private List<Keyspace.Member> fetch(final byte[] after) {
        final List<Keyspace.Member> fetched = keyspace.members(key, meta, after, CHUNK);
        exhausted = fetched.size() < CHUNK;
        return fetched;
    }
}
