package io.elastickv.store.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.elastickv.testkit.RandomSeedExtension;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RandomSeedExtension.class)
public class KeyCodecTest {
    private static final int CASES = 20_000;

    /** Keys drawn to hit the hard cases: empty, 0x00 and 0xFF runs, prefixes of each other. */
    public static byte[] randomKey(final Random random) {
        final int length = random.nextInt(10) == 0 ? 0 : random.nextInt(random.nextBoolean() ? 4 : 40);
        final byte[] key = new byte[length];
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(5)) {
                case 0:
                    key[i] = 0x00;
                    break;
                case 1:
                    key[i] = (byte) 0xFF;
                    break;
                case 2:
                    key[i] = 0x01;
                    break;
                default:
                    key[i] = (byte) random.nextInt(256);
            }
        }
        return key;
    }

    private static long randomTs(final Random random) {
        return random.nextInt(4) == 0 ? 1 + random.nextInt(3) : 1 + (random.nextLong() >>> 1) % Long.MAX_VALUE;
    }

    @Test
    void versionKeyRoundTripsKeyAndTimestamp(final Random random) {
        for (int i = 0; i < CASES; i++) {
            final byte[] key = randomKey(random);
            final long ts = randomTs(random);
            final byte[] encoded = KeyCodec.versionKey(key, ts);
            assertArrayEquals(key, KeyCodec.userKey(encoded), () -> hex(key));
            assertEquals(ts, KeyCodec.commitTs(encoded));
            assertArrayEquals(KeyCodec.keyPrefix(key), KeyCodec.keyPrefixOf(encoded));
            assertTrue(KeyCodec.prefixLength(encoded) >= KeyCodec.PREFIX_LENGTH);
        }
    }

    @Test
    void unsignedOrderOfKeysIsOrderOfEncodingsWhateverTheTimestamps(final Random random) {
        for (int i = 0; i < CASES; i++) {
            final byte[] a = randomKey(random);
            final byte[] b = random.nextInt(4) == 0 ? extend(a, random) : randomKey(random);
            final int expected = Integer.signum(Arrays.compareUnsigned(a, b));
            final byte[] encodedA = KeyCodec.versionKey(a, randomTs(random));
            final byte[] encodedB = KeyCodec.versionKey(b, randomTs(random));
            if (expected != 0) {
                assertEquals(expected, Integer.signum(Arrays.compareUnsigned(encodedA, encodedB)),
                    () -> hex(a) + " vs " + hex(b));
                assertEquals(expected, Integer.signum(Arrays.compareUnsigned(KeyCodec.keyPrefix(a),
                    KeyCodec.keyPrefix(b))));
            }
        }
    }

    @Test
    void versionsOfOneKeySortNewestFirstAndStayBetweenItsNeighbours(final Random random) {
        for (int i = 0; i < CASES; i++) {
            final byte[] key = randomKey(random);
            final long older = randomTs(random);
            final long newer = older == Long.MAX_VALUE ? older : older + 1 + random.nextInt(1000);
            assertTrue(Arrays.compareUnsigned(KeyCodec.versionKey(key, newer), KeyCodec.versionKey(key, older)) < 0);
            assertTrue(Arrays.compareUnsigned(KeyCodec.keyPrefix(key), KeyCodec.versionKey(key, newer)) < 0);
            assertTrue(Arrays.compareUnsigned(KeyCodec.versionKey(key, older), KeyCodec.afterAllVersions(key)) < 0);
            final byte[] other = randomKey(random);
            final int order = Arrays.compareUnsigned(key, other);
            if (order < 0) {
                assertTrue(Arrays.compareUnsigned(KeyCodec.afterAllVersions(key), KeyCodec.keyPrefix(other)) < 0,
                    () -> hex(key) + " < " + hex(other));
            } else if (order > 0) {
                assertTrue(Arrays.compareUnsigned(KeyCodec.afterAllVersions(other), KeyCodec.keyPrefix(key)) < 0);
            }
        }
    }

    @Test
    void noEncodedKeyIsAPrefixOfAnother(final Random random) {
        for (int i = 0; i < CASES; i++) {
            final byte[] a = randomKey(random);
            final byte[] b = random.nextBoolean() ? extend(a, random) : randomKey(random);
            if (Arrays.equals(a, b)) {
                continue;
            }
            final byte[] encodedA = escapedOnly(a);
            final byte[] encodedB = escapedOnly(b);
            assertFalse(isPrefix(encodedA, encodedB) || isPrefix(encodedB, encodedA),
                () -> hex(a) + " / " + hex(b));
        }
    }

    @Test
    void versionsOfAKeyDoNotInterleaveWithALongerKeyStartingWithIt() {
        final byte[] user1 = "user:1".getBytes(StandardCharsets.US_ASCII);
        final byte[] user10 = "user:10".getBytes(StandardCharsets.US_ASCII);
        final byte[] user1Oldest = KeyCodec.versionKey(user1, 1);
        final byte[] user10Newest = KeyCodec.versionKey(user10, Long.MAX_VALUE);
        assertTrue(Arrays.compareUnsigned(user1Oldest, user10Newest) < 0);
        final byte[] zero = {0x00};
        final byte[] zeroZero = {0x00, 0x00};
        assertTrue(Arrays.compareUnsigned(KeyCodec.versionKey(zero, 1),
            KeyCodec.versionKey(zeroZero, Long.MAX_VALUE)) < 0);
        assertTrue(Arrays.compareUnsigned(KeyCodec.versionKey(new byte[0], 1),
            KeyCodec.versionKey(zero, Long.MAX_VALUE)) < 0);
    }

    @Test
    void sameUserKeyComparesWholeKeyPrefix() {
        final byte[] longKey = "a-key-longer-than-the-sixteen-byte-prefix-1".getBytes(StandardCharsets.US_ASCII);
        final byte[] sibling = "a-key-longer-than-the-sixteen-byte-prefix-2".getBytes(StandardCharsets.US_ASCII);
        assertTrue(KeyCodec.sameUserKey(KeyCodec.versionKey(longKey, 5), KeyCodec.versionKey(longKey, 9)));
        assertFalse(KeyCodec.sameUserKey(KeyCodec.versionKey(longKey, 5), KeyCodec.versionKey(sibling, 5)));
    }

    @Test
    void malformedEncodingsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> KeyCodec.userKey(new byte[] {'a', 0x00, 0x02}));
        assertThrows(IllegalArgumentException.class, () -> KeyCodec.userKey(new byte[] {'a', 'b'}));
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> KeyCodec.commitTs(new byte[3]));
        assertEquals("versionKey.length=3 is shorter than 24", e.getMessage());
    }

    private static byte[] escapedOnly(final byte[] key) {
        final byte[] prefix = KeyCodec.keyPrefix(key);
        // Strip padding: the escaped key ends at the first terminator.
        for (int i = 0; i + 1 < prefix.length; i++) {
            if (prefix[i] == 0x00) {
                if (prefix[i + 1] == 0x01) {
                    return Arrays.copyOf(prefix, i + 2);
                }
                i++;
            }
        }
        throw new AssertionError("no terminator in " + hex(prefix));
    }

    private static byte[] extend(final byte[] key, final Random random) {
        final byte[] tail = randomKey(random);
        final byte[] out = Arrays.copyOf(key, key.length + tail.length);
        System.arraycopy(tail, 0, out, key.length, tail.length);
        return out;
    }

    private static boolean isPrefix(final byte[] prefix, final byte[] of) {
        return prefix.length <= of.length && Arrays.equals(prefix, 0, prefix.length, of, 0, prefix.length);
    }

    private static String hex(final byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
