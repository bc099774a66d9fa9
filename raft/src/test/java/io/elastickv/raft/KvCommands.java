package io.elastickv.raft;

import io.elastickv.store.Bound;
import io.elastickv.store.KeyValue;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A tiny text command language for testing the Raft layer without a real front end:
 * {@code SET k v}, {@code GET k}, {@code INCR k}, {@code DEL k}, {@code SCAN prefix}, {@code NOW},
 * {@code RAND}, {@code FAIL}. Replies are text. It is deterministic, as every executor must be.
 */
public final class KvCommands implements CommandExecutor {
    public static byte[] command(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    public static String text(final byte[] reply) {
        return new String(reply, StandardCharsets.UTF_8);
    }

    @Override
    public byte[] execute(final byte[] command, final ExecutionContext context) {
        final String[] parts = text(command).split(" ", 3);
        switch (parts[0]) {
            case "SET":
                context.put(bytes(parts[1]), bytes(parts[2]), 0);
                return command("OK");
            case "GET": {
                final KeyValue entry = context.get(bytes(parts[1]));
                return entry == null ? command("(nil)") : entry.value();
            }
            case "INCR": {
                final KeyValue entry = context.get(bytes(parts[1]));
                final long value = (entry == null ? 0 : Long.parseLong(text(entry.value()))) + 1;
                context.put(bytes(parts[1]), bytes(Long.toString(value)), 0);
                return command(Long.toString(value));
            }
            case "DEL":
                context.delete(bytes(parts[1]));
                return command("OK");
            case "SCAN": {
                final List<KeyValue> found = context.scan(Bound.inclusive(bytes(parts[1])), Bound.unbounded(), 1000);
                final StringBuilder out = new StringBuilder();
                for (final KeyValue kv : found) {
                    if (!text(kv.key()).startsWith(parts[1])) {
                        break;
                    }
                    out.append(text(kv.key())).append('=').append(text(kv.value())).append(';');
                }
                return command(out.toString());
            }
            case "NOW":
                return command(Long.toString(context.nowMs()));
            case "RAND":
                return command(Long.toString(context.seed()));
            case "FAIL":
                context.put(bytes("failed-write"), bytes("must not persist"), 0);
                throw new IllegalStateException("asked to fail");
            default:
                return command("ERR unknown command " + parts[0]);
        }
    }

    @Override
    public byte[] errorReply(final byte[] command, final RuntimeException failure) {
        return command("ERR " + failure.getMessage());
    }

    /** Reads a value straight from a store (the read path after a fence). */
    public static String read(final io.elastickv.store.MvccStore store, final String key) {
        final long readTs = store.commitWatermark();
        if (readTs == 0) {
            return "(nil)";
        }
        final byte[] value = store.get(bytes(key), readTs);
        return value == null ? "(nil)" : text(value);
    }

    private static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
