package io.elastickv.redis.command.hash;

import io.elastickv.redis.command.Arguments;
import io.elastickv.redis.command.GlobPattern;
import io.elastickv.redis.keyspace.KeyMeta;
import io.elastickv.redis.keyspace.Keyspace;
import io.elastickv.redis.keyspace.RedisException;
import io.elastickv.redis.keyspace.RedisType;
import io.elastickv.redis.resp.RespWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * {@code HSCAN key cursor [MATCH pattern] [COUNT count]}, with Redis 7.2's argument handling: the cursor is
 * parsed first (C {@code strtoul} rules), a missing key answers an empty scan before options are looked at,
 * then the type is checked, then the options.
 *
 * <p><b>Small hashes</b> (at most {@link #WHOLE_HASH_FIELDS} fields, Redis's default listpack limit) come
 * back whole with cursor 0 whatever the cursor and COUNT, exactly as redis-server answers a listpack hash.
 *
 * <p><b>Larger hashes</b> are paged in field order. The cursor must be a number and a read has nowhere to
 * keep state (any node may serve the next call, and inside MULTI the state machine runs it), so the cursor
 * itself carries a lower bound {@code B} on the field names still to return: every field below {@code B}
 * that existed when the page was read has been returned. A page returns the fields from {@code B} on, at
 * least COUNT of them, and ends between two fields {@code L < N}; the next bound is the shortest string
 * above {@code L} and not above {@code N} (a prefix of {@code N}), so a field inserted between them later may
 * be missed (it was not there the whole scan), and no field that was there is skipped.
 *
 * <p>A bound does not fit 63 bits, so {@link FieldCursor} keeps it as the length of the prefix all the
 * hash's fields share (often long: {@code user:1000:...}) plus at most 6 further bytes, truncating the
 * bound; a truncated bound is lower, which only re-returns some fields (SCAN allows duplicates). To keep
 * progress, a page whose truncated bound would not pass its own first field continues until it does, so a
 * run of fields that agree on their first prefix+6 bytes comes back in one page, however long.
 *
 * <p>The prefix is rebuilt from the current first field. Every field the cursor still owes was there when
 * it was made, so it starts with the prefix then shared by all fields, and the current first field sorts at
 * or below it: the first field's prefix is either that prefix, giving back the cursor's bound, or lower
 * (fields with another prefix arrived ahead), giving a lower bound: duplicates, nothing missed. So a full
 * iteration returns every field present from its start to its end, as Redis promises; it ends unless such
 * outlier fields keep arriving and leaving between calls.
 */
final class HashScan {
    private static final int WHOLE_HASH_FIELDS = 128;

    private HashScan() {
    }

    static void scan(final Keyspace keyspace, final List<byte[]> args, final RespWriter out) {
        final long cursor = parseCursor(args.get(2));
        final byte[] key = args.get(1);
        final KeyMeta meta = keyspace.lookup(key, RedisType.HASH);
        if (meta == null) {
            reply(out, 0, List.of());
            return;
        }
        long count = 10;
        GlobPattern match = null;
        for (int i = 3; i < args.size(); i += 2) {
            final String option = new String(args.get(i), StandardCharsets.ISO_8859_1);
            if (option.equalsIgnoreCase("count") && i + 1 < args.size()) {
                count = Arguments.integer(args.get(i + 1));
                if (count < 1) {
                    throw RedisException.syntax();
                }
            } else if (option.equalsIgnoreCase("match") && i + 1 < args.size()) {
                final GlobPattern pattern = GlobPattern.of(args.get(i + 1));
                match = pattern.matchesEverything() ? null : pattern;
            } else {
                throw RedisException.syntax();
            }
        }
        if (meta.count() <= WHOLE_HASH_FIELDS) {
            reply(out, 0, matching(HashMembers.all(keyspace, key, meta), match));
        } else {
            new Page(keyspace, key, meta).read(cursor, count, out, match);
        }
    }

    /**
     * The cursor as C's {@code strtoul} reads it, which is what Redis 7.2 does: an optional sign (a minus
     * negates modulo 2^64), decimal digits, nothing after them up to the first NUL; no leading space; no
     * overflow. No digits at all is cursor 0 when the text is empty.
     */
    private static long parseCursor(final byte[] text) {
        int end = 0;
        while (end < text.length && text[end] != 0) {
            end++;
        }
        if (end > 0 && isSpace(text[0])) {
            throw invalidCursor();
        }
        final boolean negative = end > 0 && text[0] == '-';
        final int digits = end > 0 && (negative || text[0] == '+') ? 1 : 0;
        int i = digits;
        long value = 0;
        boolean overflow = false;
        for (; i < end && text[i] >= '0' && text[i] <= '9'; i++) {
            final int digit = text[i] - '0';
            overflow |= Long.compareUnsigned(value, Long.divideUnsigned(-1L - digit, 10)) > 0;
            value = value * 10 + digit;
        }
        if (i == digits && end == 0) {
            return 0;
        }
        if (i == digits || i != end || overflow) {
            throw invalidCursor();
        }
        return negative ? -value : value;
    }

    private static boolean isSpace(final byte b) {
        return b == ' ' || b >= '\t' && b <= '\r';
    }

    private static RedisException invalidCursor() {
        return new RedisException("ERR invalid cursor");
    }

    private static List<Keyspace.Member> matching(final List<Keyspace.Member> fields, final GlobPattern match) {
        if (match == null) {
            return fields;
        }
        final List<Keyspace.Member> out = new ArrayList<>();
        for (final Keyspace.Member field : fields) {
            if (match.matches(field.name())) {
                out.add(field);
            }
        }
        return out;
    }

    private static void reply(final RespWriter out, final long cursor, final List<Keyspace.Member> fields) {
        out.array(2).bulk(Long.toString(cursor)).array(2 * fields.size());
        for (final Keyspace.Member field : fields) {
            out.bulk(field.name()).bulk(field.value());
        }
    }

    /** One page of a hash too large to answer whole. */
    private static final class Page {
        private final Keyspace keyspace;
        private final byte[] key;
        private final KeyMeta meta;
        private final byte[] first;

        Page(final Keyspace keyspace, final byte[] key, final KeyMeta meta) {
            this.keyspace = keyspace;
            this.key = key;
            this.meta = meta;
            this.first = keyspace.members(key, meta, null, 1).get(0).name();
        }

        void read(final long cursor, final long count, final RespWriter out, final GlobPattern match) {
            final byte[] lower = cursor == 0 ? null : lowerBound(FieldCursor.decode(cursor));
            final Iterator<Keyspace.Member> fields = lower == null ? HashMembers.of(keyspace, key, meta)
                : HashMembers.from(keyspace, key, meta, lower);
            final List<Keyspace.Member> page = new ArrayList<>();
            long next = 0;
            int prefix = -1;
            Keyspace.Member last = fields.hasNext() ? fields.next() : null;
            while (last != null) {
                page.add(last);
                final Keyspace.Member following = fields.hasNext() ? fields.next() : null;
                if (following != null && page.size() >= count) {
                    if (prefix < 0) {
                        prefix = sharedPrefixLength(following.name());
                    }
                    final byte[] bound = bound(last.name(), following.name(), prefix);
                    if (Arrays.compareUnsigned(bound, page.get(0).name()) > 0) {
                        next = new FieldCursor(prefix, Arrays.copyOfRange(bound, prefix, bound.length)).encode();
                        break;
                    }
                }
                last = following;
            }
            reply(out, next, matching(page, match));
        }

        /**
         * The bound a cursor stands for, rebuilt with the current first field's prefix; null (from the
         * first field) when that field is too short to have one.
         */
        private byte[] lowerBound(final FieldCursor cursor) {
            final int length = cursor.prefixLength();
            if (first.length < length) {
                return null;
            }
            final byte[] bound = Arrays.copyOf(first, length + cursor.tail().length);
            System.arraycopy(cursor.tail(), 0, bound, length, cursor.tail().length);
            return bound;
        }

        /**
         * The cursor bound between consecutive fields {@code last < following}: the shortest prefix of
         * {@code following} above {@code last}, cut to the shared prefix plus {@link FieldCursor#MAX_TAIL}.
         * Both fields start with the shared prefix, so the cut keeps at least one byte after it.
         */
        private static byte[] bound(final byte[] last, final byte[] following, final int prefix) {
            final int separator = Arrays.mismatch(last, following) + 1;
            return Arrays.copyOf(following, Math.min(separator, prefix + FieldCursor.MAX_TAIL));
        }

        /**
         * The length of the prefix every field shares (at most {@link FieldCursor#MAX_PREFIX}); {@code other}
         * is any field, which bounds it. Binary search over "every field starts with first[0..k)".
         */
        private int sharedPrefixLength(final byte[] other) {
            final int mismatch = Arrays.mismatch(first, other);
            int high = Math.min(mismatch < 0 ? first.length : mismatch, FieldCursor.MAX_PREFIX);
            if (allStartWith(high)) {
                return high;
            }
            int low = 0;
            while (high - low > 1) {
                final int middle = (low + high) >>> 1;
                if (allStartWith(middle)) {
                    low = middle;
                } else {
                    high = middle;
                }
            }
            return low;
        }

        /**
         * True when every field starts with {@code first[0..length)}: the first field does, so it is enough
         * that no field sorts at or above the smallest string after all strings with that prefix.
         */
        private boolean allStartWith(final int length) {
            int last = length - 1;
            while (last >= 0 && first[last] == (byte) 0xFF) {
                last--;
            }
            if (last < 0) {
                return true;
            }
            final byte[] above = Arrays.copyOf(first, last + 1);
            above[last]++;
            return keyspace.member(key, meta, above) == null && keyspace.members(key, meta, above, 1).isEmpty();
        }
    }
}
