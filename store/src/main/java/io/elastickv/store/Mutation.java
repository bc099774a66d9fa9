package io.elastickv.store;

import io.elastickv.common.Checks;
import io.elastickv.store.codec.ValueCodec;

/**
 * One write of a {@link MutationBatch}: a put of a value (optionally expiring) or a delete. The arrays are
 * taken over, not copied: do not modify them after handing them in.
 */
public final class Mutation {
    private final byte[] key;
    private final byte[] value;
    private final long expiryMs;

    private Mutation(final byte[] key, final byte[] value, final long expiryMs) {
        this.key = Checks.requireNonNull("key", key);
        this.value = value;
        this.expiryMs = Checks.requireNonNegative("expiryMs", expiryMs);
    }

    public static Mutation put(final byte[] key, final byte[] value) {
        return put(key, value, ValueCodec.NO_EXPIRY);
    }

    /** A put that readers stop seeing once their read time is past {@code expiryMs} (0: never). */
    public static Mutation put(final byte[] key, final byte[] value, final long expiryMs) {
        return new Mutation(key, Checks.requireNonNull("value", value), expiryMs);
    }

    public static Mutation delete(final byte[] key) {
        return new Mutation(key, null, ValueCodec.NO_EXPIRY);
    }

    public byte[] key() {
        return key;
    }

    /** The value of a put; {@code null} for a delete. */
    public byte[] value() {
        return value;
    }

    public long expiryMs() {
        return expiryMs;
    }

    public boolean isDelete() {
        return value == null;
    }

    /** The bytes stored for this mutation: value header and value, or a tombstone. */
    public byte[] storedValue() {
        return isDelete() ? ValueCodec.tombstone() : ValueCodec.encodePut(value, expiryMs);
    }
}
