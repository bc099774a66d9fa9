package io.elastickv.raft;

import java.nio.charset.StandardCharsets;

/**
 * Store keys the Raft layer writes for itself. They all start with 0xFF 0x00, a prefix front ends must
 * not use for their own keys (the Redis layout starts every record with a family letter: M, C, X, I, S, G).
 */
public final class SystemKeys {
    /** First bytes of every system key. */
    public static final byte[] PREFIX = {(byte) 0xFF, 0x00};

    /** The highest HLC physical ceiling any leader replicated (int64 big-endian ms). */
    public static final byte[] HLC_CEILING = key("raft/hlc-ceiling");

    private SystemKeys() {
    }

    private static byte[] key(final String name) {
        final byte[] suffix = name.getBytes(StandardCharsets.US_ASCII);
        final byte[] key = new byte[PREFIX.length + suffix.length];
        System.arraycopy(PREFIX, 0, key, 0, PREFIX.length);
        System.arraycopy(suffix, 0, key, PREFIX.length, suffix.length);
        return key;
    }
}
