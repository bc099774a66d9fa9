package io.elastickv.redis.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A RESP client for differential tests that keeps every reply as its raw bytes: commands go out as
 * multibulk (binary-safe), and each reply is read back exactly, whatever its type (RESP2 and RESP3), so two
 * servers' answers can be compared byte for byte.
 */
public final class RawRespClient implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public RawRespClient(final int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
        socket.setSoTimeout(20_000);
        socket.setTcpNoDelay(true);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Sends one command and returns its raw reply. */
    public byte[] call(final byte[]... args) throws IOException {
        return pipeline(List.of(List.of(args))).get(0);
    }

    /** Sends one command given as strings (UTF-8) and returns its reply as a string (ISO-8859-1). */
    public String call(final String... args) throws IOException {
        final List<byte[]> command = new ArrayList<>();
        for (final String arg : args) {
            command.add(arg.getBytes(StandardCharsets.UTF_8));
        }
        return new String(pipeline(List.of(command)).get(0), StandardCharsets.ISO_8859_1);
    }

    /** Sends all commands at once, then reads one raw reply per command. */
    public List<byte[]> pipeline(final List<List<byte[]>> commands) throws IOException {
        final ByteArrayOutputStream request = new ByteArrayOutputStream();
        for (final List<byte[]> command : commands) {
            request.write(("*" + command.size() + "\r\n").getBytes(StandardCharsets.US_ASCII));
            for (final byte[] arg : command) {
                request.write(("$" + arg.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
                request.write(arg);
                request.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
        }
        out.write(request.toByteArray());
        out.flush();
        final List<byte[]> replies = new ArrayList<>(commands.size());
        for (int i = 0; i < commands.size(); i++) {
            final ByteArrayOutputStream reply = new ByteArrayOutputStream();
            readReply(reply);
            replies.add(reply.toByteArray());
        }
        return replies;
    }

    private void readReply(final ByteArrayOutputStream reply) throws IOException {
        final String line = readLine(reply);
        final char type = line.charAt(0);
        switch (type) {
            case '+', '-', ':', '_', '#', ',', '(' -> {
            }
            case '$', '!', '=' -> {
                final int length = Integer.parseInt(line.substring(1));
                if (length >= 0) {
                    reply.write(in.readNBytes(length + 2));
                }
            }
            case '*', '~', '>' -> {
                final int count = Integer.parseInt(line.substring(1));
                for (int i = 0; i < count; i++) {
                    readReply(reply);
                }
            }
            case '%', '|' -> {
                final int count = Integer.parseInt(line.substring(1));
                for (int i = 0; i < 2 * count; i++) {
                    readReply(reply);
                }
            }
            default -> throw new IOException("not a RESP reply: " + line);
        }
    }

    private String readLine(final ByteArrayOutputStream reply) throws IOException {
        final StringBuilder line = new StringBuilder();
        while (true) {
            final int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed after " + line);
            }
            reply.write(b);
            if (b == '\r') {
                final int lf = in.read();
                reply.write(lf);
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
