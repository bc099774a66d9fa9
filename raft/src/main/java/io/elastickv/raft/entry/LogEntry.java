package io.elastickv.raft.entry;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * One replicated log entry: the leader's stamp (time, randomness, clock ceiling) and a batch of commands.
 *
 * <pre>
 *  +-------------+-------------+-------------+-----------------+----------------------------+
 *  | version: u8 | hlcTs: i64  | seed: i64   | ceilingMs: i64  | commands ({@link FrameCodec}) |
 *  +-------------+-------------+-------------+-----------------+----------------------------+
 *  version = 1; integers big-endian
 *  hlcTs:     the leader's HLC timestamp when it accepted the entry; commit ts = max(hlcTs, last + 1)
 *  seed:      randomness for the entry's commands, drawn by the leader
 *  ceilingMs: the leader's HLC physical ceiling: no leader after this entry may issue time at or below it
 * </pre>
 *
 * <p>The stamp is added on the leader ({@code startTransaction}), so a proposal sent from any node carries
 * only the commands, and every replica executes the same stamped entry.
 */
public record LogEntry(long hlcTs, long seed, long ceilingMs, List<byte[]> commands) {
    public static final byte VERSION = 1;
    private static final int HEADER_BYTES = 1 + 8 + 8 + 8;

    /** Prepends the stamp to an already encoded command batch (what a proposal carries). */
    public static byte[] stamp(final long hlcTs, final long seed, final long ceilingMs, final byte[] commandBatch) {
        final ByteBuffer out = ByteBuffer.allocate(HEADER_BYTES + commandBatch.length);
        out.put(VERSION).putLong(hlcTs).putLong(seed).putLong(ceilingMs).put(commandBatch);
        return out.array();
    }

    public static LogEntry decode(final ByteBuffer in) {
        if (in.remaining() < HEADER_BYTES) {
            throw new IllegalArgumentException("corrupt log entry: length=" + in.remaining() + " < " + HEADER_BYTES);
        }
        final byte version = in.get();
        if (version != VERSION) {
            throw new IllegalArgumentException("log entry version=" + version + " is not " + VERSION
                + "; written by another elastickv version");
        }
        final long hlcTs = in.getLong();
        final long seed = in.getLong();
        final long ceilingMs = in.getLong();
        return new LogEntry(hlcTs, seed, ceilingMs, FrameCodec.decode(in));
    }
}
