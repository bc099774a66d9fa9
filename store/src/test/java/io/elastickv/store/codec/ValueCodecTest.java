package io.elastickv.store.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ValueCodecTest {
    @Test
    void putWithoutExpiryRoundTrips() {
        final byte[] stored = ValueCodec.encodePut(new byte[] {1, 2, 0}, ValueCodec.NO_EXPIRY);
        assertFalse(ValueCodec.isTombstone(stored));
        assertEquals(ValueCodec.NO_EXPIRY, ValueCodec.expiryMs(stored));
        assertArrayEquals(new byte[] {1, 2, 0}, ValueCodec.userValue(stored));
        assertTrue(ValueCodec.isLive(stored, Long.MAX_VALUE));
    }

    @Test
    void expiringPutIsLiveUpToAndIncludingItsExpiry() {
        final byte[] stored = ValueCodec.encodePut(new byte[0], 1_700_000_000_123L);
        assertEquals(1_700_000_000_123L, ValueCodec.expiryMs(stored));
        assertArrayEquals(new byte[0], ValueCodec.userValue(stored));
        assertTrue(ValueCodec.isLive(stored, 1_700_000_000_123L));
        assertFalse(ValueCodec.isLive(stored, 1_700_000_000_124L));
    }

    @Test
    void tombstoneIsNeverLiveAndHasNoValue() {
        assertTrue(ValueCodec.isTombstone(ValueCodec.tombstone()));
        assertFalse(ValueCodec.isLive(ValueCodec.tombstone(), 0));
        assertThrows(IllegalArgumentException.class, () -> ValueCodec.userValue(ValueCodec.tombstone()));
    }

    @Test
    void corruptHeadersAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> ValueCodec.isLive(new byte[0], 0));
        assertThrows(IllegalArgumentException.class, () -> ValueCodec.isLive(new byte[] {(byte) 0x80}, 0));
        assertThrows(IllegalArgumentException.class, () -> ValueCodec.expiryMs(new byte[] {0x02, 1, 2}));
    }
}
