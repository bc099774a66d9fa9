package io.elastickv.redis.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the same commands against redis-server and elastickv and asserts byte-identical replies, command by
 * command, so a failure names the first command whose reply differs.
 *
 * <p>Commands are written one per line, arguments split on spaces, with {@code \xHH} escapes for arbitrary
 * bytes (and {@code \s} for a space inside an argument, {@code ""} for an empty argument).
 */
public final class DifferentialCase {
    private DifferentialCase() {
    }

    /** Sends each command of {@code script} to both servers (one connection each) and compares replies. */
    public static void assertSameReplies(final int oraclePort, final int elastickvPort, final String script)
        throws IOException {
        assertSameReplies(oraclePort, elastickvPort, 2, parse(script));
    }

    /**
     * Sends {@code commands} to both servers (one connection each) in RESP {@code protocol} and compares
     * replies. For RESP3 both connections first switch with HELLO 3, whose reply is not compared: it names
     * each server's version.
     */
    public static void assertSameReplies(final int oraclePort, final int elastickvPort, final int protocol,
                                         final List<List<byte[]>> commands) throws IOException {
        try (RawRespClient oracle = new RawRespClient(oraclePort);
             RawRespClient ours = new RawRespClient(elastickvPort)) {
            if (protocol == 3) {
                oracle.call("HELLO", "3");
                ours.call("HELLO", "3");
            }
            for (final List<byte[]> command : commands) {
                final byte[] expected = reply(oracle, command, "redis-server");
                final byte[] actual = reply(ours, command, "elastickv");
                assertEquals(show(expected), show(actual), () -> "reply to " + show(command));
            }
        }
    }

    private static byte[] reply(final RawRespClient client, final List<byte[]> command, final String server)
        throws IOException {
        try {
            return client.pipeline(List.of(command)).get(0);
        } catch (IOException e) {
            throw new IOException(server + " did not answer " + show(command), e);
        }
    }

    public static List<List<byte[]>> parse(final String script) {
        final List<List<byte[]>> commands = new ArrayList<>();
        for (final String line : script.split("\n")) {
            final String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            final List<byte[]> args = new ArrayList<>();
            for (final String word : trimmed.split(" +")) {
                args.add(unescape(word));
            }
            commands.add(args);
        }
        return commands;
    }

    private static byte[] unescape(final String word) {
        if (word.equals("\"\"")) {
            return new byte[0];
        }
        final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < word.length(); i++) {
            final char c = word.charAt(i);
            if (c == '\\' && i + 1 < word.length() && word.charAt(i + 1) == 'x') {
                out.write(Integer.parseInt(word.substring(i + 2, i + 4), 16));
                i += 3;
            } else if (c == '\\' && i + 1 < word.length() && word.charAt(i + 1) == 's') {
                out.write(' ');
                i++;
            } else {
                final byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(utf8, 0, utf8.length);
            }
        }
        return out.toByteArray();
    }

    private static String show(final byte[] reply) {
        return new String(reply, StandardCharsets.ISO_8859_1).replace("\r\n", "\\r\\n");
    }

    private static String show(final List<byte[]> command) {
        final StringBuilder out = new StringBuilder();
        for (final byte[] arg : command) {
            out.append(out.length() == 0 ? "" : " ").append(new String(arg, StandardCharsets.ISO_8859_1));
        }
        return out.length() > 200 ? out.substring(0, 200) + "..." : out.toString();
    }
}
