package io.elastickv.redis.command.string;

import io.elastickv.redis.command.Arguments;
import io.elastickv.redis.keyspace.KeyMeta;
import io.elastickv.redis.keyspace.Keyspace;
import io.elastickv.redis.keyspace.RedisException;
import io.elastickv.redis.keyspace.RedisType;
import io.elastickv.redis.resp.RespDecoder;
import io.elastickv.redis.resp.RespWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code LCS key1 key2 [LEN] [IDX] [MINMATCHLEN len] [WITHMATCHLEN]}: the longest common subsequence of two
 * strings (a missing key is empty), its length, or its matching ranges.
 *
 * <p>Redis fills the whole dynamic-programming table of 32-bit lengths, then walks back from the end, and
 * where two ways are equally long it moves along the second string. Which subsequence and which ranges it
 * reports depend on that walk, so this one takes the same steps. It needs less memory for them: the walk only
 * asks, at a mismatch, whether the cell above is longer than the cell to the left, so one bit per cell is
 * kept and the lengths live in two rolling rows. Redis's own limit on the table it would allocate, 4 bytes a
 * cell up to proto-max-bulk-len, is still applied, with its error.
 */
final class LcsCommand {
    private LcsCommand() {
    }

    static void lcs(final Keyspace keyspace, final List<byte[]> args, final RespWriter out) {
        // Either key holding another type fails with LCS's own error, before the options are read.
        final KeyMeta first = keyspace.lookup(args.get(1));
        final KeyMeta second = keyspace.lookup(args.get(2));
        if (notString(first) || notString(second)) {
            throw new RedisException("ERR The specified keys must contain string values");
        }
        final byte[] a = first == null ? new byte[0] : first.stringValue();
        final byte[] b = second == null ? new byte[0] : second.stringValue();
        boolean idx = false;
        boolean len = false;
        boolean withMatchLen = false;
        long minMatchLen = 0;
        for (int i = 3; i < args.size(); i++) {
            switch (new String(args.get(i), StandardCharsets.ISO_8859_1).toUpperCase(Locale.ROOT)) {
                case "IDX" -> idx = true;
                case "LEN" -> len = true;
                case "WITHMATCHLEN" -> withMatchLen = true;
                case "MINMATCHLEN" -> {
                    if (i + 1 == args.size()) {
                        throw RedisException.syntax();
                    }
                    minMatchLen = Math.max(0, Arguments.integer(args.get(++i)));
                }
                default -> throw RedisException.syntax();
            }
        }
        if (len && idx) {
            throw new RedisException("ERR If you want both the length and indexes, please just use IDX.");
        }
        if ((a.length + 1L) * (b.length + 1L) * Integer.BYTES > RespDecoder.DEFAULT_MAX_BULK_LENGTH) {
            throw new RedisException("ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len");
        }
        final Table table = Table.fill(a, b, !len);
        if (len) {
            out.integer(table.length);
        } else if (idx) {
            writeMatches(out, table.walk(a, b, minMatchLen), table.length, withMatchLen);
        } else {
            out.bulk(table.walk(a, b, minMatchLen).sequence);
        }
    }

    /** IDX's reply: a map of the matching ranges (each optionally with its length) and the LCS length. */
    private static void writeMatches(final RespWriter out, final Walk walk, final int length,
                                     final boolean withMatchLen) {
        out.map(2);
        out.bulk("matches");
        out.array(walk.matches.size());
        for (final int[] match : walk.matches) {
            out.array(withMatchLen ? 3 : 2);
            out.array(2).integer(match[0]).integer(match[1]);
            out.array(2).integer(match[2]).integer(match[3]);
            if (withMatchLen) {
                out.integer(match[1] - match[0] + 1);
            }
        }
        out.bulk("len");
        out.integer(length);
    }

    private static boolean notString(final KeyMeta meta) {
        return meta != null && meta.type() != RedisType.STRING;
    }

    /** The LCS length of the two strings, and for each mismatching cell whether the walk goes up. */
    private static final class Table {
        private final int length;
        private final long[] up;
        private final int columns;

        private Table(final int length, final long[] up, final int columns) {
            this.length = length;
            this.up = up;
            this.columns = columns;
        }

        static Table fill(final byte[] a, final byte[] b, final boolean forWalk) {
            final int columns = b.length;
            final long[] up = forWalk ? new long[(int) (((long) a.length * columns + 63) >>> 6)] : null;
            int[] previous = new int[columns + 1];
            int[] current = new int[columns + 1];
            for (int i = 1; i <= a.length; i++) {
                for (int j = 1; j <= columns; j++) {
                    if (a[i - 1] == b[j - 1]) {
                        current[j] = previous[j - 1] + 1;
                    } else if (previous[j] > current[j - 1]) {
                        current[j] = previous[j];
                        if (up != null) {
                            final long bit = (long) (i - 1) * columns + (j - 1);
                            up[(int) (bit >>> 6)] |= 1L << bit;
                        }
                    } else {
                        current[j] = current[j - 1];
                    }
                }
                final int[] swap = previous;
                previous = current;
                current = swap;
            }
            return new Table(previous[columns], up, columns);
        }

        private boolean goesUp(final int i, final int j) {
            final long bit = (long) (i - 1) * columns + (j - 1);
            return (up[(int) (bit >>> 6)] & 1L << bit) != 0;
        }

        /**
         * Walks back from the last cell collecting the subsequence and its ranges, as Redis does: a match
         * extends the open range backwards, and a mismatch, or reaching the start of either string, closes
         * it. Within a range each match directly follows the one before (a mismatch in between would have
         * closed the range), so a range is contiguous in both strings.
         */
        Walk walk(final byte[] a, final byte[] b, final long minMatchLen) {
            final byte[] sequence = new byte[length];
            final List<int[]> matches = new ArrayList<>();
            int next = length;
            int[] open = null;
            int i = a.length;
            int j = b.length;
            while (i > 0 && j > 0) {
                final boolean close;
                if (a[i - 1] == b[j - 1]) {
                    sequence[--next] = a[i - 1];
                    if (open == null) {
                        open = new int[] {i - 1, i - 1, j - 1, j - 1};
                    } else {
                        open[0] = i - 1;
                        open[2] = j - 1;
                    }
                    close = i == 1 || j == 1;
                    i--;
                    j--;
                } else {
                    if (goesUp(i, j)) {
                        i--;
                    } else {
                        j--;
                    }
                    close = open != null;
                }
                if (close) {
                    if (open[1] - open[0] + 1 >= minMatchLen) {
                        matches.add(open);
                    }
                    open = null;
                }
            }
            return new Walk(sequence, matches);
        }
    }

    /** The subsequence, and its ranges as {start in a, end in a, start in b, end in b}, last first. */
    private record Walk(byte[] sequence, List<int[]> matches) {
    }
}
