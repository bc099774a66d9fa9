package io.elastickv.redis.resp;

import io.elastickv.common.Checks;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the bytes of one connection into commands (lists of byte-string arguments), accepting exactly
 * what redis-server accepts and rejecting the rest with its error texts.
 *
 * <p>Two request forms, chosen by the first byte:
 * <pre>
 *  multibulk: *&lt;count&gt;\r\n then count x ( $&lt;length&gt;\r\n &lt;length bytes&gt;\r\n )
 *  inline:    any other line ending in \n (a trailing \r is dropped), split like a shell (see InlineSplitter)
 * </pre>
 * Counts and lengths are strict decimal: no sign but a leading {@code -}, no leading zeros, no spaces.
 * A count of zero or less is an empty request and is skipped, as is an empty inline line. As in Redis, the
 * two bytes after a bulk are skipped without being checked.
 *
 * <p>Incremental: {@link #decode} returns {@code null} when the buffer ends inside a request and keeps its
 * place, so a request that arrives in many reads is parsed once, not rescanned: a header line is searched
 * from where the last search stopped, and a bulk is copied only when all its bytes are there.
 *
 * <p>Limits: a header or inline line longer than {@value #MAX_LINE} bytes without its terminator, a count
 * above {@link Integer#MAX_VALUE}, and a bulk longer than {@code maxBulkLength} ({@code proto-max-bulk-len},
 * 512 MB by default) are protocol errors. Argument arrays grow as bulks arrive, so a huge count alone
 * allocates nothing.
 */
public final class RespDecoder {
    /** Redis's PROTO_INLINE_MAX_SIZE. */
    public static final int MAX_LINE = 64 * 1024;
    /** Redis's default proto-max-bulk-len. */
    public static final long DEFAULT_MAX_BULK_LENGTH = 512L * 1024 * 1024;
    /** What {@link #readHeader} returns while the header line is still arriving; never a valid number. */
    private static final long INCOMPLETE = StrictNumbers.INVALID;

    private final long maxBulkLength;
    /** Arguments still expected by the multibulk request being read; 0 between requests. */
    private long remainingArgs;
    /** Length of the bulk whose payload is awaited, or -1 while its {@code $} header is awaited. */
    private long bulkLength = -1;
    private List<byte[]> args;
    /** Bytes after the reader index already searched for a line terminator without finding one. */
    private int searched;

    public RespDecoder(final long maxBulkLength) {
        this.maxBulkLength = Checks.requirePositive("maxBulkLength", maxBulkLength);
    }

    /** The next complete command in {@code in}, or {@code null} when more bytes are needed. */
    public List<byte[]> decode(final ByteBuf in) throws RespProtocolException {
        while (true) {
            if (remainingArgs == 0) {
                if (!in.isReadable()) {
                    return null;
                }
                if (in.getByte(in.readerIndex()) != '*') {
                    final List<byte[]> inline = readInline(in);
                    if (inline == null || !inline.isEmpty()) {
                        return inline;
                    }
                    continue;
                }
                final long count = readHeader(in, "Protocol error: too big mbulk count string",
                    "Protocol error: invalid multibulk length");
                if (count == INCOMPLETE) {
                    return null;
                }
                if (count > Integer.MAX_VALUE) {
                    throw new RespProtocolException("Protocol error: invalid multibulk length");
                }
                if (count <= 0) {
                    continue;
                }
                remainingArgs = count;
                args = new ArrayList<>((int) Math.min(count, 1024));
            }
            while (remainingArgs > 0) {
                if (bulkLength < 0) {
                    if (!in.isReadable()) {
                        return null;
                    }
                    final byte first = in.getByte(in.readerIndex());
                    if (first != '$') {
                        throw new RespProtocolException("Protocol error: expected '$', got '" + (char) (first & 0xFF)
                            + "'");
                    }
                    final long length = readHeader(in, "Protocol error: too big bulk count string",
                        "Protocol error: invalid bulk length");
                    if (length == INCOMPLETE) {
                        return null;
                    }
                    if (length < 0 || length > maxBulkLength) {
                        throw new RespProtocolException("Protocol error: invalid bulk length");
                    }
                    bulkLength = length;
                }
                if (in.readableBytes() < bulkLength + 2) {
                    return null;
                }
                final byte[] arg = new byte[(int) bulkLength];
                in.readBytes(arg);
                in.skipBytes(2);
                args.add(arg);
                bulkLength = -1;
                remainingArgs--;
            }
            final List<byte[]> command = args;
            args = null;
            return command;
        }
    }

    /**
     * Reads a {@code *} or {@code $} header line: the type byte, a strict decimal, {@code \r}, one more byte.
     * Returns {@link #INCOMPLETE} when the line is not complete yet.
     */
    private long readHeader(final ByteBuf in, final String tooLong, final String invalid) throws RespProtocolException {
        final int start = in.readerIndex();
        final int cr = find(in, (byte) '\r', tooLong);
        if (cr < 0 || cr + 1 >= in.writerIndex()) {
            return INCOMPLETE;
        }
        final int digits = cr - start - 1;
        final long value;
        if (digits > 20) {
            value = StrictNumbers.INVALID;
        } else {
            final byte[] text = new byte[digits];
            in.getBytes(start + 1, text);
            value = StrictNumbers.parseLong(text);
        }
        if (value == StrictNumbers.INVALID) {
            throw new RespProtocolException(invalid);
        }
        in.readerIndex(cr + 2);
        searched = 0;
        return value;
    }

    private List<byte[]> readInline(final ByteBuf in) throws RespProtocolException {
        final int lf = find(in, (byte) '\n', "Protocol error: too big inline request");
        if (lf < 0) {
            return null;
        }
        int end = lf;
        if (end > in.readerIndex() && in.getByte(end - 1) == '\r') {
            end--;
        }
        final byte[] line = new byte[end - in.readerIndex()];
        in.getBytes(in.readerIndex(), line);
        in.readerIndex(lf + 1);
        searched = 0;
        return InlineSplitter.split(line);
    }

    /** Index of {@code terminator} after the reader index, or -1; fails once the line passes {@link #MAX_LINE}. */
    private int find(final ByteBuf in, final byte terminator, final String tooLong) throws RespProtocolException {
        final int from = in.readerIndex() + searched;
        final int found = in.indexOf(from, in.writerIndex(), terminator);
        if (found >= 0) {
            return found;
        }
        searched = in.readableBytes();
        if (searched > MAX_LINE) {
            throw new RespProtocolException(tooLong);
        }
        return -1;
    }
}
