package io.elastickv.redis.command.server;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Hides passwords from what MONITOR and the slow log show, as Redis does. */
final class Redaction {
    private static final byte[] REDACTED = "(redacted)".getBytes(StandardCharsets.US_ASCII);

    private Redaction() {
    }

    /** {@code args} of command {@code fullName}, with password arguments replaced by "(redacted)". */
    static List<byte[]> forLogs(final String fullName, final List<byte[]> args) {
        return switch (fullName) {
            case "auth" -> redact(args, 1, args.size());
            case "hello" -> helloAuth(args);
            case "config|set" -> configSetPassword(args);
            default -> args;
        };
    }

    private static List<byte[]> helloAuth(final List<byte[]> args) {
        for (int i = 2; i + 2 < args.size(); i++) {
            if (Args.is(args.get(i), "auth")) {
                return redact(args, i + 1, i + 3);
            }
        }
        return args;
    }

    private static List<byte[]> configSetPassword(final List<byte[]> args) {
        List<byte[]> out = args;
        for (int i = 2; i + 1 < args.size(); i += 2) {
            if (Args.is(args.get(i), "requirepass")) {
                out = redact(out, i + 1, i + 2);
            }
        }
        return out;
    }


    private static List<byte[]> redact(final List<byte[]> args, final int from, final int to) {
        final List<byte[]> out = new ArrayList<>(args);
        for (int i = from; i < to; i++) {
            out.set(i, REDACTED);
        }
        return out;
    }
}
