package io.elastickv.redis.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.elastickv.testkit.RandomSeedExtension;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Requests and the exact errors redis-server 7 gives for them (observed against a running redis-server with
 * the same bytes; each case names the rule of Redis's networking.c it exercises).
 */
@ExtendWith(RandomSeedExtension.class)
class RespDecoderTest {
    private static List<List<String>> decodeAll(final String wire) throws RespProtocolException {
        return decodeAll(wire.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static List<List<String>> decodeAll(final byte[] wire) throws RespProtocolException {
        final RespDecoder decoder = new RespDecoder(RespDecoder.DEFAULT_MAX_BULK_LENGTH);
        final ByteBuf in = Unpooled.wrappedBuffer(wire);
        final List<List<String>> out = new ArrayList<>();
        List<byte[]> command;
        while ((command = decoder.decode(in)) != null) {
            out.add(strings(command));
        }
        return out;
    }

    private static List<String> strings(final List<byte[]> command) {
        final List<String> out = new ArrayList<>();
        command.forEach(a -> out.add(new String(a, StandardCharsets.ISO_8859_1)));
        return out;
    }

    private static String error(final String wire) {
        return assertThrows(RespProtocolException.class, () -> decodeAll(wire)).getMessage();
    }

    @Test
    void multibulkAndInlineRequestsInOnePipeline() throws Exception {
        assertEquals(List.of(List.of("SET", "k", "v"), List.of("PING"), List.of("ECHO", "")),
            decodeAll("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\nPING\r\n*2\r\n$4\r\nECHO\r\n$0\r\n\r\n"));
    }

    @Test
    void emptyRequestsAreSkipped() throws Exception {
        assertEquals(List.of(List.of("PING"), List.of("PING"), List.of("PING")),
            decodeAll("*0\r\nPING\r\n*-1\r\nPING\r\n\r\n  \r\nPING\n"));
    }

    @Test
    void theTwoBytesAfterABulkAreNotChecked() throws Exception {
        assertEquals(List.of(List.of("PING")), decodeAll("*1\r\n$4\r\nPINGxx"));
    }

    @Test
    void inlineQuotingFollowsSdssplitargs() throws Exception {
        assertEquals(List.of(List.of("ECHO", "aAb", "c d")), decodeAll("ECHO \"a\\x41b\" 'c d'\r\n"));
        assertEquals(List.of(List.of("ECHO", "x4G")), decodeAll("ECHO \"\\x4G\"\r\n"));
        assertEquals(List.of(List.of("ECHO", "it's")), decodeAll("ECHO 'it\\'s'\r\n"));
        assertEquals(List.of(List.of("ECHO", "\n\t")), decodeAll("ECHO \"\\n\\t\"\r\n"));
        assertEquals(List.of(List.of("PING")), decodeAll("PING\r\r\n"));
        assertEquals(List.of(List.of("ECHO", "a")), decodeAll("ECHO a\u0000ignored\r\n"));
    }

    @Test
    void protocolErrorsHaveRedisTexts() {
        assertEquals("Protocol error: invalid bulk length", error("*2\r\n$4\r\nECHO\r\n$-5\r\n"));
        assertEquals("Protocol error: invalid bulk length", error("*1\r\n$-1\r\n"));
        assertEquals("Protocol error: invalid bulk length", error("*1\r\n$abc\r\n"));
        assertEquals("Protocol error: invalid bulk length", error("*1\r\n$600000000\r\n"));
        assertEquals("Protocol error: expected '$', got 'x'", error("*1\r\nx4\r\n"));
        assertEquals("Protocol error: unbalanced quotes in request", error("ECHO \"abc\r\n"));
        assertEquals("Protocol error: unbalanced quotes in request", error("ECHO \"abc\"x\r\n"));
        assertEquals("Protocol error: invalid multibulk length", error("*3000000000\r\n"));
        assertEquals("Protocol error: invalid multibulk length", error("*abc\r\n"));
        assertEquals("Protocol error: invalid multibulk length", error("*1 \r\n"));
        assertEquals("Protocol error: invalid multibulk length", error("*+1\r\n"));
        assertEquals("Protocol error: invalid multibulk length", error("*01\r\n"));
        assertEquals("Protocol error: too big inline request", error("x".repeat(70_000)));
        assertEquals("Protocol error: too big mbulk count string", error("*" + "1".repeat(70_000)));
        assertEquals("Protocol error: too big bulk count string", error("*1\r\n$" + "1".repeat(70_000)));
    }

    @Test
    void aHugeCountAloneAllocatesNothingAndWaits() throws Exception {
        final RespDecoder decoder = new RespDecoder(RespDecoder.DEFAULT_MAX_BULK_LENGTH);
        assertNull(decoder.decode(Unpooled.wrappedBuffer("*2147483647\r\n$1\r\n".getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void aRequestSplitAtEveryByteDecodesTheSame(final Random random) throws Exception {
        final String wire = "*3\r\n$3\r\nSET\r\n$5\r\nk\u0000\u00ffey\r\n$0\r\n\r\nGET \"k\\x00\"\r\n*1\r\n$4\r\nPING\r\n";
        final byte[] bytes = wire.getBytes(StandardCharsets.ISO_8859_1);
        final List<List<String>> whole = decodeAll(bytes);
        for (int trial = 0; trial < 200; trial++) {
            final RespDecoder decoder = new RespDecoder(RespDecoder.DEFAULT_MAX_BULK_LENGTH);
            final ByteBuf in = Unpooled.buffer();
            final List<List<String>> pieces = new ArrayList<>();
            int offset = 0;
            while (offset < bytes.length) {
                final int chunk = 1 + random.nextInt(Math.min(8, bytes.length - offset));
                in.writeBytes(bytes, offset, chunk);
                offset += chunk;
                List<byte[]> command;
                while ((command = decoder.decode(in)) != null) {
                    pieces.add(strings(command));
                }
            }
            assertEquals(whole, pieces);
        }
    }

    @Test
    void randomBytesNeverFailOtherwiseThanWithAProtocolError(final Random random) {
        for (int trial = 0; trial < 20_000; trial++) {
            final byte[] garbage = new byte[random.nextInt(64)];
            for (int i = 0; i < garbage.length; i++) {
                final int pick = random.nextInt(10);
                garbage[i] = pick < 3 ? (byte) "*$\r\n\"'\\ 0123456789-x".charAt(random.nextInt(20))
                    : (byte) random.nextInt(256);
            }
            try {
                final RespDecoder decoder = new RespDecoder(1024);
                final ByteBuf in = Unpooled.wrappedBuffer(garbage);
                int rounds = 0;
                while (decoder.decode(in) != null) {
                    assertTrue(++rounds <= garbage.length, "each command consumes input");
                }
            } catch (RespProtocolException expected) {
                assertTrue(expected.getMessage().startsWith("Protocol error: "), expected.getMessage());
            }
        }
    }
}
