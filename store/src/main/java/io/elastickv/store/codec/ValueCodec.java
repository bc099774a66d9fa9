package io.elastickv.store.codec;

import io.elastickv.common.Checks;

/**
 * The value stored under a version key: a header that readers honour, then the user's bytes.
 *
 * <pre>
 *  +-------+-------------------------------+------------------+
 *  | flags | expiry ms, 8 bytes big-endian | user value       |
 *  | 1 B   | present iff flags has EXPIRY  | rest of the value |
 *  +-------+-------------------------------+------------------+
 *  flags: bit 0 TOMBSTONE (no user value follows), bit 1 EXPIRY; other bits must be 0.
 * </pre>
 *
 * <p>Expiry is an absolute wall-clock time in milliseconds. As in Redis, a version with expiry {@code e} is
 * still visible at a read whose physical time is exactly {@code e} and gone after it.
 */
public final class ValueCodec {
    public static final int FLAG_TOMBSTONE = 0x01;
    public static final int FLAG_EXPIRY = 0x02;
    /** Expiry value meaning "never expires". */
    public static final long NO_EXPIRY = 0L;

    private static final int KNOWN_FLAGS = FLAG_TOMBSTONE | FLAG_EXPIRY;
    private static final byte[] TOMBSTONE = {FLAG_TOMBSTONE};

    private ValueCodec() {
    }

    public static byte[] encodePut(final byte[] value, final long expiryMs) {
        Checks.requireNonNull("value", value);
        Checks.requireNonNegative("expiryMs", expiryMs);
        if (expiryMs == NO_EXPIRY) {
            final byte[] out = new byte[1 + value.length];
            System.arraycopy(value, 0, out, 1, value.length);
            return out;
        }
        final byte[] out = new byte[9 + value.length];
        out[0] = FLAG_EXPIRY;
        for (int i = 0; i < 8; i++) {
            out[1 + i] = (byte) (expiryMs >>> (56 - 8 * i));
        }
        System.arraycopy(value, 0, out, 9, value.length);
        return out;
    }

    /** The stored form of a delete. Callers must not modify the returned array. */
    public static byte[] tombstone() {
        return TOMBSTONE;
    }

    public static boolean isTombstone(final byte[] stored) {
        return (flags(stored) & FLAG_TOMBSTONE) != 0;
    }

    /** The expiry in ms, or {@link #NO_EXPIRY}. */
    public static long expiryMs(final byte[] stored) {
        if ((flags(stored) & FLAG_EXPIRY) == 0) {
            return NO_EXPIRY;
        }
        long expiry = 0;
        for (int i = 1; i < 9; i++) {
            expiry = (expiry << 8) | (stored[i] & 0xFF);
        }
        return expiry;
    }

    /** True when a version is readable at wall-clock {@code nowMs}: not a tombstone and not expired. */
    public static boolean isLive(final byte[] stored, final long nowMs) {
        final int flags = flags(stored);
        if ((flags & FLAG_TOMBSTONE) != 0) {
            return false;
        }
        return (flags & FLAG_EXPIRY) == 0 || nowMs <= expiryMs(stored);
    }

    /** The user's bytes of a put. */
    public static byte[] userValue(final byte[] stored) {
        final int flags = flags(stored);
        if ((flags & FLAG_TOMBSTONE) != 0) {
            throw new IllegalArgumentException("a tombstone has no value");
        }
        final int offset = (flags & FLAG_EXPIRY) == 0 ? 1 : 9;
        final byte[] out = new byte[stored.length - offset];
        System.arraycopy(stored, offset, out, 0, out.length);
        return out;
    }

    private static int flags(final byte[] stored) {
        if (stored.length == 0) {
            throw new IllegalArgumentException("stored value has no header");
        }
        final int flags = stored[0] & 0xFF;
        if ((flags & ~KNOWN_FLAGS) != 0 || ((flags & FLAG_EXPIRY) != 0 && stored.length < 9)) {
            throw new IllegalArgumentException("corrupt value header flags=0x" + Integer.toHexString(flags)
                + " length=" + stored.length);
        }
        return flags;
    }
}
