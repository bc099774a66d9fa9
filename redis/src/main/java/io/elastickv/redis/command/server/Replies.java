package io.elastickv.redis.command.server;

import io.elastickv.redis.resp.RespWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** Reply shapes the server commands share. */
public final class Replies {
    private Replies() {
    }

    /**
     * Text for a human (INFO, CLIENT LIST): a RESP3 verbatim string of format {@code txt}, a bulk string in
     * RESP2, as Redis answers it.
     */
    public static void verbatim(final RespWriter out, final String text) {
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (out.protocol() == 2) {
            out.bulk(bytes);
            return;
        }
        out.raw(("=" + (bytes.length + 4) + "\r\ntxt:").getBytes(StandardCharsets.US_ASCII));
        out.raw(bytes);
        out.raw(new byte[] {'\r', '\n'});
    }

    /**
     * A HELP reply in Redis's layout: the usage line of {@code command}, then {@code lines} (a subcommand,
     * then its explanation indented by four spaces), then HELP itself.
     */
    public static void help(final RespWriter out, final String command, final List<String> lines) {
        out.array(lines.size() + 3);
        out.simple(command.toUpperCase(Locale.ROOT) + " <subcommand> [<arg> [value] [opt] ...]. Subcommands are:");
        lines.forEach(out::simple);
        out.simple("HELP");
        out.simple("    Prints this help.");
    }
}
