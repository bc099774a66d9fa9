package io.elastickv.redis.command.server;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A test connection that sends commands and reads replies separately, parsed into Java values: simple and
 * bulk strings as {@link String} (bytes as ISO-8859-1; a RESP3 verbatim string without its format),
 * integers as {@link Long}, arrays, sets and pushes as {@link List}, maps as {@link Map}, nulls as null,
 * errors as {@link Error}. Reads time out, so a test can assert that a reply has not come (yet).
 */
final class Wire implements AutoCloseable {
    /** An error reply. */
    record Error(String text) {
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    Wire(final int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(10_000);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Sends one command as a multibulk request. */
    Wire send(final String... args) throws IOException {
        final ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (final String arg : args) {
            final byte[] bytes = arg.getBytes(StandardCharsets.ISO_8859_1);
            request.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            request.writeBytes(bytes);
            request.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.write(request.toByteArray());
        out.flush();
        return this;
    }

    /** Sends raw bytes (inline commands, pipelines). */
    Wire sendRaw(final String bytes) throws IOException {
        out.write(bytes.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return this;
    }

    /** Sends a command and reads its reply. */
    Object call(final String... args) throws IOException {
        return send(args).read();
    }

    Object read() throws IOException {
        return read(10_000);
    }

    /** Reads one reply, waiting at most {@code timeoutMs}; a SocketTimeoutException if none comes. */
    Object read(final int timeoutMs) throws IOException {
        socket.setSoTimeout(timeoutMs);
        return value();
    }

    /** True when nothing arrives within {@code timeoutMs}. */
    boolean silentFor(final int timeoutMs) throws IOException {
        socket.setSoTimeout(timeoutMs);
        in.mark(1);
        try {
            if (in.read() < 0) {
                throw new EOFException("connection closed");
            }
            in.reset();
            return false;
        } catch (SocketTimeoutException e) {
            return true;
        }
    }

    /** True when the server closes the connection within {@code timeoutMs} (whatever it sent before). */
    boolean closedWithin(final int timeoutMs) throws IOException {
        socket.setSoTimeout(timeoutMs);
        try {
            while (in.read() >= 0) {
                continue;
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private Object value() throws IOException {
        final String line = line();
        final String rest = line.substring(1);
        return switch (line.charAt(0)) {
            case '+' -> rest;
            case '-' -> new Error(rest);
            case ':' -> Long.parseLong(rest);
            case '_' -> null;
            case '#' -> rest.equals("t");
            case ',' -> Double.parseDouble(rest);
            case '$', '=' -> {
                final int length = Integer.parseInt(rest);
                if (length < 0) {
                    yield null;
                }
                final String text = new String(in.readNBytes(length + 2), 0, length, StandardCharsets.ISO_8859_1);
                yield line.charAt(0) == '=' ? text.substring(4) : text;
            }
            case '*', '~', '>' -> {
                final int count = Integer.parseInt(rest);
                if (count < 0) {
                    yield null;
                }
                final List<Object> items = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    items.add(value());
                }
                yield items;
            }
            case '%' -> {
                final int count = Integer.parseInt(rest);
                final Map<Object, Object> map = new LinkedHashMap<>();
                for (int i = 0; i < count; i++) {
                    map.put(value(), value());
                }
                yield map;
            }
            default -> throw new IOException("not a RESP reply: " + line);
        };
    }

    private String line() throws IOException {
        final StringBuilder line = new StringBuilder();
        while (true) {
            final int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed after '" + line + "'");
            }
            if (b == '\r') {
                in.read();
                return line.toString();
            }
            line.append((char) b);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
