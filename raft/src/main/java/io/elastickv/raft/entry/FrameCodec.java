package io.elastickv.raft.entry;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A list of byte strings in one buffer: the commands of a proposal, and the replies to them.
 *
 * <pre>
 *  +---------------+---------------------------------------------------+
 *  | count: int32  | count x ( length: int32 | length bytes )           |
 *  +---------------+---------------------------------------------------+
 *  all integers big-endian; lengths >= 0
 * </pre>
 */
public final class FrameCodec {
    private FrameCodec() {
    }

    /** Encoded size of {@code frames}. */
    private static int encodedSize(final List<byte[]> frames) {
        long size = 4;
        for (final byte[] frame : frames) {
            size += 4L + frame.length;
        }
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("frames size=" + size + " exceeds " + Integer.MAX_VALUE);
        }
        return (int) size;
    }

    public static byte[] encode(final List<byte[]> frames) {
        final ByteBuffer out = ByteBuffer.allocate(encodedSize(frames));
        write(frames, out);
        return out.array();
    }

    static void write(final List<byte[]> frames, final ByteBuffer out) {
        out.putInt(frames.size());
        for (final byte[] frame : frames) {
            out.putInt(frame.length);
            out.put(frame);
        }
    }

    /** Decodes frames from the rest of {@code in}; fails on any inconsistency instead of over-reading. */
    public static List<byte[]> decode(final ByteBuffer in) {
        if (in.remaining() < 4) {
            throw new IllegalArgumentException("corrupt frames: remaining=" + in.remaining() + " < 4");
        }
        final int count = in.getInt();
        if (count < 0 || count > in.remaining() / 4) {
            throw new IllegalArgumentException("corrupt frames: count=" + count + " remaining=" + in.remaining());
        }
        final List<byte[]> frames = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            if (in.remaining() < 4) {
                throw new IllegalArgumentException("corrupt frames: truncated at frame " + i);
            }
            final int length = in.getInt();
            if (length < 0 || length > in.remaining()) {
                throw new IllegalArgumentException("corrupt frames: length=" + length + " remaining="
                    + in.remaining() + " at frame " + i);
            }
            final byte[] frame = new byte[length];
            in.get(frame);
            frames.add(frame);
        }
        if (in.hasRemaining()) {
            throw new IllegalArgumentException("corrupt frames: " + in.remaining() + " trailing bytes");
        }
        return frames;
    }

    public static List<byte[]> decode(final byte[] bytes) {
        return decode(ByteBuffer.wrap(bytes));
    }
}
