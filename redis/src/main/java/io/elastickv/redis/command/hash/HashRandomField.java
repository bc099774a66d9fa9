package io.elastickv.redis.command.hash;

import io.elastickv.redis.command.Arguments;
import io.elastickv.redis.keyspace.KeyMeta;
import io.elastickv.redis.keyspace.Keyspace;
import io.elastickv.redis.keyspace.RedisException;
import io.elastickv.redis.keyspace.RedisType;
import io.elastickv.redis.resp.RespWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * {@code HRANDFIELD key [count [WITHVALUES]]} with Redis 7.2's argument checks and reply shapes: no count
 * answers one field (or null); a positive count answers distinct fields (the whole hash when it has no more
 * than that); a negative count answers that many independent picks, repeats allowed, in pick order.
 *
 * <p>Randomness comes from {@link Keyspace#seed()} only, so inside MULTI (where the command runs in the
 * state machine) every replica picks the same fields. Fields have no positional index in the store, so a
 * pick is a walk over the hash in member order to the chosen ordinals, one walk per command: O(N) where
 * Redis is O(count).
 *
 * <p>Deviation: a negative count beyond {@link #MAX_SAMPLES} is refused with {@code ERR value is out of
 * range}. Redis would try to build the reply (with a count near 2^62 it never finishes); here the picks
 * are held in memory, in the state machine too, where running out of memory would stop the replica.
 */
final class HashRandomField {
    static final long MAX_SAMPLES = 1 << 20;

    private static final String COUNT_OUT_OF_RANGE =
        "ERR value is out of range, value must between " + -Long.MAX_VALUE + " and " + Long.MAX_VALUE;
    private static final String OUT_OF_RANGE = "ERR value is out of range";

    private HashRandomField() {
    }

    static void randomField(final Keyspace keyspace, final List<byte[]> args, final RespWriter out) {
        final byte[] key = args.get(1);
        if (args.size() == 2) {
            final KeyMeta meta = keyspace.lookup(key, RedisType.HASH);
            if (meta == null) {
                out.nullBulk();
                return;
            }
            final long pick = new SplittableRandom(keyspace.seed()).nextLong(meta.count());
            out.bulk(pick(keyspace, key, meta, new long[] {pick})[0].name());
            return;
        }
        final long count = Arguments.integer(args.get(2));
        if (count == Long.MIN_VALUE) {
            throw new RedisException(COUNT_OUT_OF_RANGE);
        }
        if (args.size() > 4 || args.size() == 4
            && !new String(args.get(3), StandardCharsets.ISO_8859_1).equalsIgnoreCase("withvalues")) {
            throw RedisException.syntax();
        }
        final boolean withValues = args.size() == 4;
        if (withValues && Math.abs(count) > Long.MAX_VALUE / 2) {
            throw new RedisException(OUT_OF_RANGE);
        }
        final KeyMeta meta = keyspace.lookup(key, RedisType.HASH);
        if (meta == null || count == 0) {
            out.array(0);
            return;
        }
        final SplittableRandom random = new SplittableRandom(keyspace.seed());
        final List<Keyspace.Member> chosen;
        if (count < 0 || count == 1) {
            chosen = withReplacement(keyspace, key, meta, Math.abs(count), random);
        } else if (count >= meta.count()) {
            chosen = HashMembers.all(keyspace, key, meta);
        } else {
            chosen = distinct(keyspace, key, meta, count, random);
        }
        out.array(withValues && out.protocol() == 2 ? 2 * chosen.size() : chosen.size());
        for (final Keyspace.Member member : chosen) {
            if (withValues && out.protocol() == 3) {
                out.array(2);
            }
            out.bulk(member.name());
            if (withValues) {
                out.bulk(member.value());
            }
        }
    }

    /** {@code samples} independent uniform picks, in the order they were drawn. */
    private static List<Keyspace.Member> withReplacement(final Keyspace keyspace, final byte[] key,
                                                         final KeyMeta meta, final long samples,
                                                         final SplittableRandom random) {
        if (samples > MAX_SAMPLES) {
            throw new RedisException(OUT_OF_RANGE);
        }
        final long[] picks = new long[(int) samples];
        for (int i = 0; i < picks.length; i++) {
            picks[i] = random.nextLong(meta.count());
        }
        return Arrays.asList(pick(keyspace, key, meta, picks));
    }

    /** {@code count} (less than the field count) distinct fields in member order: Floyd's sampling. */
    private static List<Keyspace.Member> distinct(final Keyspace keyspace, final byte[] key, final KeyMeta meta,
                                                  final long count, final SplittableRandom random) {
        final Set<Long> ordinals = new HashSet<>();
        for (long candidate = meta.count() - count; candidate < meta.count(); candidate++) {
            final long drawn = random.nextLong(candidate + 1);
            ordinals.add(ordinals.contains(drawn) ? candidate : drawn);
        }
        final long[] picks = ordinals.stream().mapToLong(Long::longValue).sorted().toArray();
        return Arrays.asList(pick(keyspace, key, meta, picks));
    }

    /** The fields at {@code ordinals} (member order, repeats allowed), in the order of {@code ordinals}. */
    private static Keyspace.Member[] pick(final Keyspace keyspace, final byte[] key, final KeyMeta meta,
                                          final long[] ordinals) {
        final long[] sorted = ordinals.clone();
        Arrays.sort(sorted);
        final Keyspace.Member[] atSorted = new Keyspace.Member[sorted.length];
        final Iterator<Keyspace.Member> members = HashMembers.of(keyspace, key, meta);
        int filled = 0;
        for (long ordinal = 0; filled < sorted.length && members.hasNext(); ordinal++) {
            final Keyspace.Member member = members.next();
            while (filled < sorted.length && sorted[filled] == ordinal) {
                atSorted[filled++] = member;
            }
        }
        if (filled < sorted.length) {
            throw new IllegalStateException("hash count=" + meta.count() + " but ordinal=" + sorted[filled]
                + " is past its last field");
        }
        final Keyspace.Member[] out = new Keyspace.Member[ordinals.length];
        for (int i = 0; i < ordinals.length; i++) {
            out[i] = atSorted[Arrays.binarySearch(sorted, ordinals[i])];
        }
        return out;
    }
}
