package io.elastickv.redis.command.hash;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads raw RESP replies into values the hash tests can compare when redis-server and elastickv agree on
 * content but not order: bulk strings as ISO-8859-1 strings (so every byte survives), aggregates (arrays,
 * maps, sets) as lists of their items, any other reply as its first line.
 */
final class Replies {
    private final byte[] reply;
    private int at;

    private Replies(final byte[] reply) {
        this.reply = reply;
    }

    static Object parse(final byte[] reply) {
        final Replies parser = new Replies(reply);
        final Object value = parser.next();
        if (parser.at != reply.length) {
            throw new IllegalArgumentException("trailing bytes after the reply at=" + parser.at);
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(final byte[] reply) {
        return (List<Object>) parse(reply);
    }

    private Object next() {
        final char type = (char) reply[at];
        final String line = line();
        final int length = type == '+' || type == '-' || type == ':' || type == '_' ? 0
            : Integer.parseInt(line.substring(1));
        switch (type) {
            case '$' -> {
                if (length < 0) {
                    return null;
                }
                final String bulk = new String(reply, at, length, StandardCharsets.ISO_8859_1);
                at += length + 2;
                return bulk;
            }
            case '*', '~', '%' -> {
                if (length < 0) {
                    return null;
                }
                final List<Object> items = new ArrayList<>();
                for (int i = 0; i < (type == '%' ? 2 * length : length); i++) {
                    items.add(next());
                }
                return items;
            }
            default -> {
                return line;
            }
        }
    }

    private String line() {
        final int start = at;
        while (reply[at] != '\r') {
            at++;
        }
        at += 2;
        return new String(reply, start, at - 2 - start, StandardCharsets.ISO_8859_1);
    }
}
