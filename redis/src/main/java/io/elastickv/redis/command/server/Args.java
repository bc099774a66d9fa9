package io.elastickv.redis.command.server;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Reading command arguments as Redis does: byte for byte, keywords compared without case. */
public final class Args {
    private Args() {
    }

    /** Whether {@code arg} is the keyword {@code word}, in any case. */
    public static boolean is(final byte[] arg, final String word) {
        return text(arg).equalsIgnoreCase(word);
    }

    /** The argument's bytes as a string, one char per byte. */
    public static String text(final byte[] arg) {
        return new String(arg, StandardCharsets.ISO_8859_1);
    }

    /** Redis's error for a subcommand given arguments it does not take. */
    public static String subcommandSyntax(final byte[] container, final byte[] subcommand) {
        final String given = text(subcommand);
        return "ERR unknown subcommand or wrong number of arguments for '"
            + given.substring(0, Math.min(given.length(), 128)) + "'. Try " + text(container).toUpperCase(Locale.ROOT)
            + " HELP.";
    }
}
