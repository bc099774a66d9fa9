package io.elastickv.redis.command.generic;

/**
 * The CRC-64 that closes a DUMP payload: the "Jones" polynomial {@code 0xad93d23594c935a9}, bit-reflected,
 * initial value 0, no final xor (its check value, over "123456789", is {@code 0xe9c6d914c4b8d9ca}).
 */
final class Crc64 {
    /** The polynomial with its bits reversed, for the reflected (least significant bit first) form. */
    private static final long REFLECTED_POLY = Long.reverse(0xad93d23594c935a9L);
    private static final long[] TABLE = new long[256];

    static {
        for (int b = 0; b < 256; b++) {
            long crc = b;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ REFLECTED_POLY : crc >>> 1;
            }
            TABLE[b] = crc;
        }
    }

    private Crc64() {
    }

    static long of(final byte[] data, final int from, final int to) {
        long crc = 0;
        for (int i = from; i < to; i++) {
            crc = TABLE[(int) ((crc ^ data[i]) & 0xFF)] ^ (crc >>> 8);
        }
        return crc;
    }
}
