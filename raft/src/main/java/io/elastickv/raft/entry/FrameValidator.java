package io.elastickv.raft.entry;

import java.nio.ByteBuffer;

/** Checks that bytes are a well-formed {@link FrameCodec} list without copying them. */
public final class FrameValidator {
    private FrameValidator() {
    }

    /** Returns null when {@code in} (from its position to its limit) is a valid frame list, else why not. */
    public static String problem(final ByteBuffer in) {
        final ByteBuffer view = in.duplicate();
        if (view.remaining() < 4) {
            return "shorter than a frame count";
        }
        final int count = view.getInt();
        if (count < 0) {
            return "negative frame count=" + count;
        }
        for (int i = 0; i < count; i++) {
            if (view.remaining() < 4) {
                return "truncated at frame " + i;
            }
            final int length = view.getInt();
            if (length < 0 || length > view.remaining()) {
                return "frame " + i + " length=" + length + " exceeds remaining=" + view.remaining();
            }
            view.position(view.position() + length);
        }
        return view.hasRemaining() ? view.remaining() + " trailing bytes" : null;
    }
}
