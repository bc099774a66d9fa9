package io.elastickv.redis.command.hash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FieldCursorTest {
    @Test
    void encodedCursorsArePositiveAndDecodeToThemselves() {
        final Random random = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            final byte[] tail = new byte[1 + random.nextInt(FieldCursor.MAX_TAIL)];
            random.nextBytes(tail);
            final int prefix = random.nextInt(FieldCursor.MAX_PREFIX + 1);
            final long cursor = new FieldCursor(prefix, tail).encode();
            assertTrue(cursor > 0, () -> "cursor=" + cursor);
            final FieldCursor decoded = FieldCursor.decode(cursor);
            assertEquals(prefix, decoded.prefixLength());
            assertArrayEquals(tail, decoded.tail());
        }
    }

    @Test
    void extremesRoundTrip() {
        final byte[] ones = {-1, -1, -1, -1, -1, -1};
        final long max = new FieldCursor(FieldCursor.MAX_PREFIX, ones).encode();
        assertEquals(Long.MAX_VALUE & ~(1L << 48), max);
        assertArrayEquals(ones, FieldCursor.decode(max).tail());
        assertEquals(1L << 48, new FieldCursor(0, new byte[] {0}).encode());
    }

    @Test
    void anyNumberDecodes() {
        // A client may send any cursor; bit 63 is ignored and a tail length of 7 reads as 6.
        final FieldCursor all = FieldCursor.decode(-1L);
        assertEquals(FieldCursor.MAX_PREFIX, all.prefixLength());
        assertEquals(FieldCursor.MAX_TAIL, all.tail().length);
        assertEquals(0, FieldCursor.decode(12345).tail().length);
    }

    @Test
    void aCursorWithoutTailWouldReadAsZero() {
        assertThrows(IllegalStateException.class, () -> new FieldCursor(0, new byte[0]).encode());
        assertThrows(IllegalArgumentException.class, () -> new FieldCursor(FieldCursor.MAX_PREFIX + 1, new byte[1]));
        assertThrows(IllegalArgumentException.class, () -> new FieldCursor(0, new byte[7]));
    }
}
