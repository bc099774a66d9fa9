package io.elastickv.redis.command.generic;

/**
 * Decompression of LZF, the format redis-server compresses long strings with in DUMP payloads. A stream
 * is a sequence of runs, each opened by a control byte: below 32, a literal run of control + 1 bytes;
 * otherwise a back-reference of length {@code control >> 5} (7 means: add the next byte) plus 2, at
 * distance {@code ((control & 0x1f) << 8) + next byte + 1} behind the output's end.
 */
final class Lzf {
    private Lzf() {
    }

    /** {@code in} decompressed to exactly {@code length} bytes, or {@code null} when it is not valid LZF. */
    static byte[] decompress(final byte[] in, final int length) {
        final byte[] out = new byte[length];
        int ip = 0;
        int op = 0;
        while (ip < in.length) {
            final int control = in[ip++] & 0xFF;
            if (control < 32) {
                final int run = control + 1;
                if (ip + run > in.length || op + run > length) {
                    return null;
                }
                System.arraycopy(in, ip, out, op, run);
                ip += run;
                op += run;
                continue;
            }
            int run = control >> 5;
            if (run == 7) {
                if (ip >= in.length) {
                    return null;
                }
                run += in[ip++] & 0xFF;
            }
            if (ip >= in.length) {
                return null;
            }
            int ref = op - ((control & 0x1F) << 8) - (in[ip++] & 0xFF) - 1;
            run += 2;
            if (ref < 0 || op + run > length) {
                return null;
            }
            // Byte by byte: a reference may overlap the bytes it is producing.
            for (int i = 0; i < run; i++) {
                out[op++] = out[ref++];
            }
        }
        return op == length ? out : null;
    }
}
