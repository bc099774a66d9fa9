package io.elastickv.redis.resp;

import io.elastickv.common.Checks;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Writes replies in RESP2 or RESP3, whichever the connection negotiated with {@code HELLO}. Callers state
 * the reply's meaning (a map, a null, a boolean) and the writer picks the wire form; RESP2 has no map, set,
 * null or boolean types and gets Redis's RESP2 equivalents:
 *
 * <pre>
 *  meaning      RESP3                RESP2
 *  null         _\r\n                $-1\r\n  (nullArray: *-1\r\n)
 *  map of n     %n\r\n + 2n items    *2n\r\n + 2n items
 *  set of n     ~n\r\n + n items     *n\r\n + n items
 *  boolean      #t\r\n / #f\r\n      :1\r\n / :0\r\n
 *  push of n    &gt;n\r\n + n items    *n\r\n + n items
 * </pre>
 *
 * <p>Error texts are written as Redis writes them: the caller gives the whole text including its code
 * ({@code ERR}, {@code WRONGTYPE}, ...), and any CR or LF in it becomes a space so that a client-supplied
 * string can never end the error line early. Texts are written byte for byte (ISO-8859-1), so an error
 * that quotes a client's bytes quotes exactly those bytes.
 */
public final class RespWriter {
    private static final byte[] CRLF = {'\r', '\n'};

    private final ByteBuf out;
    private final int protocol;

    public RespWriter(final ByteBuf out, final int protocol) {
        this.out = Checks.requireNonNull("out", out);
        this.protocol = Checks.requireInRange("protocol", protocol, 2, 3);
    }

    public int protocol() {
        return protocol;
    }

    /** A writer to the same buffer in another protocol (HELLO answers in the protocol it switches to). */
    public RespWriter withProtocol(final int version) {
        return new RespWriter(out, version);
    }

    public RespWriter simple(final String text) {
        out.writeByte('+');
        writeLine(text);
        return this;
    }

    /** An error reply; {@code text} starts with its code, e.g. {@code "ERR syntax error"}. */
    public RespWriter error(final String text) {
        out.writeByte('-');
        writeLine(text);
        return this;
    }

    public RespWriter integer(final long value) {
        out.writeByte(':');
        writeAscii(Long.toString(value));
        out.writeBytes(CRLF);
        return this;
    }

    public RespWriter bulk(final byte[] value) {
        out.writeByte('$');
        writeAscii(Integer.toString(value.length));
        out.writeBytes(CRLF);
        out.writeBytes(value);
        out.writeBytes(CRLF);
        return this;
    }

    public RespWriter bulk(final String value) {
        return bulk(value.getBytes(StandardCharsets.UTF_8));
    }

    /** A missing value: RESP3 null, RESP2 null bulk string. */
    public RespWriter nullBulk() {
        out.writeBytes(protocol == 3 ? new byte[] {'_', '\r', '\n'} : new byte[] {'$', '-', '1', '\r', '\n'});
        return this;
    }

    /** A missing array (for example EXEC aborted by WATCH): RESP3 null, RESP2 null array. */
    public RespWriter nullArray() {
        out.writeBytes(protocol == 3 ? new byte[] {'_', '\r', '\n'} : new byte[] {'*', '-', '1', '\r', '\n'});
        return this;
    }

    public RespWriter array(final int length) {
        return header('*', length);
    }

    /** A map of {@code entries} key-value pairs; the caller writes 2 x entries items. */
    public RespWriter map(final int entries) {
        return protocol == 3 ? header('%', entries) : header('*', 2L * entries);
    }

    public RespWriter set(final int length) {
        return header(protocol == 3 ? '~' : '*', length);
    }

    public RespWriter push(final int length) {
        return header(protocol == 3 ? '>' : '*', length);
    }

    /** Bytes that already are one or more complete replies in this writer's protocol. */
    public RespWriter raw(final byte[] encodedReplies) {
        out.writeBytes(encodedReplies);
        return this;
    }

    public RespWriter bool(final boolean value) {
        if (protocol == 3) {
            out.writeBytes(value ? new byte[] {'#', 't', '\r', '\n'} : new byte[] {'#', 'f', '\r', '\n'});
            return this;
        }
        return integer(value ? 1 : 0);
    }

    private RespWriter header(final char type, final long length) {
        out.writeByte(type);
        writeAscii(Long.toString(length));
        out.writeBytes(CRLF);
        return this;
    }

    private void writeLine(final String text) {
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            out.writeByte(c == '\r' || c == '\n' ? ' ' : c);
        }
        out.writeBytes(CRLF);
    }

    private void writeAscii(final String text) {
        for (int i = 0; i < text.length(); i++) {
            out.writeByte(text.charAt(i));
        }
    }
}
