package io.elastickv.redis.command.string;

import io.elastickv.redis.command.Arguments;
import io.elastickv.redis.keyspace.KeyMeta;
import io.elastickv.redis.keyspace.Keyspace;
import io.elastickv.redis.keyspace.RedisException;
import io.elastickv.redis.keyspace.RedisType;
import io.elastickv.redis.resp.RespDecoder;
import io.elastickv.redis.resp.RespWriter;
import java.util.Arrays;
import java.util.List;

/**
 * The commands over byte ranges of a string: APPEND, GETRANGE (and its old name SUBSTR) and SETRANGE. The
 * ones that write keep the key's expiry, and refuse to grow a string past proto-max-bulk-len (512 MB), the
 * longest value a client could ever read back.
 */
final class RangeCommands {
    private static final String TOO_LONG = "ERR string exceeds maximum allowed size (proto-max-bulk-len)";

    private RangeCommands() {
    }

    /** A missing key is created, even with an empty value. */
    static void append(final Keyspace keyspace, final List<byte[]> args, final RespWriter out) {
        final byte[] key = args.get(1);
        final byte[] suffix = args.get(2);
        final KeyMeta meta = keyspace.lookup(key, RedisType.STRING);
        if (meta == null) {
            keyspace.setString(key, null, suffix, 0);
            out.integer(suffix.length);
            return;
        }
        final byte[] value = meta.stringValue();
        requireFits(value.length, suffix.length);
        final byte[] appended = Arrays.copyOf(value, value.length + suffix.length);
        System.arraycopy(suffix, 0, appended, value.length, suffix.length);
        StringCommands.replaceValue(keyspace, key, meta, appended);
        out.integer(appended.length);
    }

    /**
     * Negative indexes count from the end; both are clamped into the string, and an empty range (or a
     * missing key) is an empty string. Two negative indexes in the wrong order are empty before clamping,
     * so {@code GETRANGE k -1 -100} is empty while {@code GETRANGE k 0 -100} is the first byte.
     */
    static void getrange(final Keyspace keyspace, final List<byte[]> args, final RespWriter out) {
        long start = Arguments.integer(args.get(2));
        long end = Arguments.integer(args.get(3));
        final KeyMeta meta = keyspace.lookup(args.get(1), RedisType.STRING);
        final byte[] value = meta == null ? new byte[0] : meta.stringValue();
        final long length = value.length;
        if (start < 0 && end < 0 && start > end) {
            out.bulk(new byte[0]);
            return;
        }
        if (start < 0) {
            start = Math.max(0, length + start);
        }
        if (end < 0) {
            end = Math.max(0, length + end);
        }
        end = Math.min(end, length - 1);
        if (start > end) {
            out.bulk(new byte[0]);
            return;
        }
        out.bulk(Arrays.copyOfRange(value, (int) start, (int) end + 1));
    }

    /**
     * Writes {@code value} at {@code offset}, padding with zero bytes. An empty value writes nothing: on a
     * missing key it answers 0 without creating it, on a string its length, whatever the offset.
     */
    static void setrange(final Keyspace keyspace, final List<byte[]> args, final RespWriter out) {
        final long offset = Arguments.integer(args.get(2));
        if (offset < 0) {
            throw new RedisException("ERR offset is out of range");
        }
        final byte[] key = args.get(1);
        final byte[] patch = args.get(3);
        final KeyMeta meta = keyspace.lookup(key, RedisType.STRING);
        final byte[] value = meta == null ? new byte[0] : meta.stringValue();
        if (patch.length == 0) {
            out.integer(value.length);
            return;
        }
        requireFits(offset, patch.length);
        final byte[] patched = Arrays.copyOf(value, (int) Math.max(value.length, offset + patch.length));
        System.arraycopy(patch, 0, patched, (int) offset, patch.length);
        StringCommands.replaceValue(keyspace, key, meta, patched);
        out.integer(patched.length);
    }

    private static void requireFits(final long prefix, final long added) {
        if (prefix > RespDecoder.DEFAULT_MAX_BULK_LENGTH - added) {
            throw new RedisException(TOO_LONG);
        }
    }
}
