package io.elastickv.redis.command.hash;

import io.elastickv.common.Checks;

/**
 * An HSCAN cursor: a field-name lower bound packed into a positive 63-bit integer, since clients parse
 * cursors as unsigned 64-bit numbers (and some as signed ones). The bound is the hash's shared field-name
 * prefix, given by its length only, followed by up to {@link #MAX_TAIL} literal bytes:
 *
 * <pre>
 *  bit 63 | bits 62-51            | bits 50-48          | bits 47-0
 *  0      | prefix length 0-4095  | tail length 1-6     | tail bytes, first byte highest, zero-padded
 * </pre>
 *
 * The tail is never empty, so no cursor is 0 (which ends a scan). Any 64-bit number decodes to some cursor:
 * a client may send anything, and Redis too just resumes from wherever a made-up cursor points.
 */
record FieldCursor(int prefixLength, byte[] tail) {
    static final int MAX_PREFIX = (1 << 12) - 1;
    static final int MAX_TAIL = 6;

    FieldCursor {
        Checks.requireInRange("prefixLength", prefixLength, 0, MAX_PREFIX);
        Checks.requireInRange("tail.length", tail.length, 0, MAX_TAIL);
    }

    static FieldCursor decode(final long cursor) {
        final int prefixLength = (int) (cursor >>> 51) & MAX_PREFIX;
        final byte[] tail = new byte[Math.min((int) (cursor >>> 48) & 7, MAX_TAIL)];
        for (int i = 0; i < tail.length; i++) {
            tail[i] = (byte) (cursor >>> (40 - 8 * i));
        }
        return new FieldCursor(prefixLength, tail);
    }

    long encode() {
        if (tail.length == 0) {
            throw new IllegalStateException("a cursor needs a tail, or it would read as 0: prefixLength="
                + prefixLength);
        }
        long cursor = (long) prefixLength << 51 | (long) tail.length << 48;
        for (int i = 0; i < tail.length; i++) {
            cursor |= (tail[i] & 0xFFL) << (40 - 8 * i);
        }
        return cursor;
    }
}
