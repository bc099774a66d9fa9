package io.elastickv.redis.command.generic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.elastickv.redis.keyspace.Keyspace;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pieces of the DUMP format: checksum, LZF, listpack, and whole payloads, against bytes from Redis. */
class DumpPayloadTest {
    @Test
    void crc64HasTheJonesCheckValue() {
        final byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0xe9c6d914c4b8d9caL, Crc64.of(check, 0, check.length));
        assertEquals(0, Crc64.of(check, 3, 3));
    }

    /** {@code SET k 'a' x 48} then {@code DUMP k} on redis-server 7.0: an LZF-compressed string. */
    @Test
    void readsAStringRedisCompressed() throws Exception {
        final byte[] payload = HexFormat.of().parseHex("00c30930016161e023000161610a0034c5f2cf486cd18c");
        assertTrue(DumpPayload.verify(payload));
        final DumpPayload.Value value = DumpPayload.decode(payload);
        assertArrayEquals("a".repeat(48).getBytes(StandardCharsets.US_ASCII),
            assertInstanceOf(DumpPayload.StringValue.class, value).value());
    }

    /** {@code HSET h f1 v1 f2 2 f3 -5000} then {@code DUMP h} on redis-server 7.0: a listpack hash. */
    @Test
    void readsAndWritesTheListpackRedisWrote() throws Exception {
        final byte[] payload = HexFormat.of().parseHex(
            "101d1d0000000600826631038276310382663203020182663303f178ec03ff0a0074542239842a11a5");
        assertTrue(DumpPayload.verify(payload));
        final List<Keyspace.Member> fields = assertInstanceOf(DumpPayload.HashValue.class,
            DumpPayload.decode(payload)).fields();
        assertEquals(List.of("f1=v1", "f2=2", "f3=-5000"), fields.stream()
            .map(f -> text(f.name()) + "=" + text(f.value())).toList());
        final byte[] ours = DumpPayload.ofHash(fields);
        assertArrayEquals(Arrays.copyOf(payload, payload.length - 10),
            Arrays.copyOf(ours, ours.length - 10));
    }

    @Test
    void listpackRoundTripsEveryEncodingAndBacklenWidth() {
        final List<byte[]> elements = new ArrayList<>();
        for (final long number : new long[] {0, 127, 128, -1, -4096, 4095, 4096, -4097, 32767, -32768, 32768,
            8388607, -8388608, 8388608, Integer.MAX_VALUE, Integer.MIN_VALUE, 1L + Integer.MAX_VALUE, Long.MAX_VALUE,
            Long.MIN_VALUE}) {
            elements.add(Long.toString(number).getBytes(StandardCharsets.US_ASCII));
        }
        for (final int length : new int[] {0, 1, 63, 64, 125, 126, 4095, 4096, 16_379, 16_380, 70_000}) {
            elements.add("s".repeat(length).getBytes(StandardCharsets.US_ASCII));
        }
        elements.add("007".getBytes(StandardCharsets.US_ASCII));
        elements.add("-0".getBytes(StandardCharsets.US_ASCII));
        elements.add(new byte[] {(byte) 0xFF, 0, '\n'});
        final byte[] listpack = Listpack.encode(elements);
        final List<byte[]> decoded = Listpack.decode(listpack);
        assertEquals(elements.size(), decoded.size());
        for (int i = 0; i < elements.size(); i++) {
            assertArrayEquals(elements.get(i), decoded.get(i), "element " + i);
        }
    }

    @Test
    void malformedListpacksAreRefused() {
        final byte[] good = Listpack.encode(List.of("a".getBytes(StandardCharsets.US_ASCII)));
        assertNull(Listpack.decode(Arrays.copyOf(good, good.length - 1)));
        final byte[] wrongCount = good.clone();
        wrongCount[4] = 2;
        assertNull(Listpack.decode(wrongCount));
        final byte[] runsOver = good.clone();
        runsOver[6] = (byte) 0xBF;
        assertNull(Listpack.decode(runsOver));
        assertNull(Listpack.decode(new byte[] {7, 0, 0, 0, 0, 0, (byte) 0xFF, 0}));
    }

    @Test
    void lzfRefusesReferencesBeforeTheStartAndWrongLengths() {
        assertArrayEquals("aaaa".getBytes(StandardCharsets.US_ASCII),
            Lzf.decompress(new byte[] {0, 'a', 0x20, 0}, 4));
        assertNull(Lzf.decompress(new byte[] {0x20, 0}, 3));
        assertNull(Lzf.decompress(new byte[] {0, 'a', 0x20, 0}, 5));
        assertNull(Lzf.decompress(new byte[] {5, 'a'}, 6));
    }

    @Test
    void payloadsCarryVersionElevenAndAChecksum() throws Exception {
        final byte[] payload = DumpPayload.ofString("hello".getBytes(StandardCharsets.US_ASCII));
        assertEquals("000568656c6c6f0b00", HexFormat.of().formatHex(payload, 0, payload.length - 8));
        assertTrue(DumpPayload.verify(payload));
        payload[2] ^= 1;
        assertFalse(DumpPayload.verify(payload));
        assertFalse(DumpPayload.verify(new byte[9]));
    }

    private static String text(final byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
