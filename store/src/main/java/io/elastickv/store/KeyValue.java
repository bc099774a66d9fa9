package io.elastickv.store;

import java.util.Arrays;
import java.util.HexFormat;

/** A version read from the store: user key, user value, the timestamp it was committed at and its expiry. */
public final class KeyValue {
    private final byte[] key;
    private final byte[] value;
    private final long commitTs;
    private final long expiryMs;

    public KeyValue(final byte[] key, final byte[] value, final long commitTs, final long expiryMs) {
        this.key = key;
        this.value = value;
        this.commitTs = commitTs;
        this.expiryMs = expiryMs;
    }

    public byte[] key() {
        return key;
    }

    public byte[] value() {
        return value;
    }

    public long commitTs() {
        return commitTs;
    }

    /** Absolute expiry in ms, or 0 when the value does not expire. */
    public long expiryMs() {
        return expiryMs;
    }

    @Override
    public boolean equals(final Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof KeyValue)) {
            return false;
        }
        final KeyValue that = (KeyValue) other;
        return commitTs == that.commitTs && expiryMs == that.expiryMs && Arrays.equals(key, that.key)
            && Arrays.equals(value, that.value);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(key) + Arrays.hashCode(value)) + Long.hashCode(commitTs);
    }

    @Override
    public String toString() {
        final HexFormat hex = HexFormat.of();
        return "KeyValue{key=" + hex.formatHex(key) + ", value=" + hex.formatHex(value) + ", commitTs=" + commitTs
            + ", expiryMs=" + expiryMs + '}';
    }
}
