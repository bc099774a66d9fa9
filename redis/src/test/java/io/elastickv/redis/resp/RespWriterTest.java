package io.elastickv.redis.resp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class RespWriterTest {
    private static String write(final int protocol, final Consumer<RespWriter> body) {
        final ByteBuf out = Unpooled.buffer();
        body.accept(new RespWriter(out, protocol));
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void scalarsAreTheSameInBothProtocols() {
        for (final int protocol : new int[] {2, 3}) {
            assertEquals("+PONG\r\n", write(protocol, w -> w.simple("PONG")));
            assertEquals(":-42\r\n", write(protocol, w -> w.integer(-42)));
            assertEquals("$3\r\na\u0000b\r\n", write(protocol, w -> w.bulk(new byte[] {'a', 0, 'b'})));
            assertEquals("*2\r\n$1\r\na\r\n:1\r\n", write(protocol, w -> w.array(2).bulk("a").integer(1)));
        }
    }

    @Test
    void typesRespTwoLacksTakeTheirRespTwoForms() {
        assertEquals("$-1\r\n", write(2, RespWriter::nullBulk));
        assertEquals("_\r\n", write(3, RespWriter::nullBulk));
        assertEquals("*-1\r\n", write(2, RespWriter::nullArray));
        assertEquals("*4\r\n", write(2, w -> w.map(2)));
        assertEquals("%2\r\n", write(3, w -> w.map(2)));
        assertEquals("*3\r\n", write(2, w -> w.set(3)));
        assertEquals("~3\r\n", write(3, w -> w.set(3)));
        assertEquals(">3\r\n", write(3, w -> w.push(3)));
        assertEquals(":1\r\n", write(2, w -> w.bool(true)));
        assertEquals("#f\r\n", write(3, w -> w.bool(false)));
    }

    @Test
    void errorsCannotBeCutShortByNewlinesInQuotedInput() {
        assertEquals("-ERR unknown command 'a  b', with args beginning with: \r\n",
            write(2, w -> w.error("ERR unknown command 'a\r\nb', with args beginning with: ")));
    }
}
