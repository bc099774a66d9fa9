package io.elastickv.redis.command.server;

import io.elastickv.redis.command.Connection;
import io.elastickv.redis.command.DeferredHandler;
import io.elastickv.redis.command.generic.Encodings;
import io.elastickv.redis.exec.ReadView;
import io.elastickv.redis.keyspace.KeyMeta;
import io.elastickv.redis.keyspace.Keyspace;
import io.elastickv.redis.keyspace.RedisException;
import io.elastickv.redis.keyspace.RedisType;
import io.elastickv.redis.resp.RespWriter;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * DEBUG SLEEP and DEBUG OBJECT. SLEEP delays this connection's reply (and so its later commands), not the
 * whole server as in Redis: other clients keep being served. OBJECT reads the key after a read fence.
 */
final class DebugCommand {
    private DebugCommand() {
    }

    static CompletionStage<DeferredHandler.ReplyWriter> debug(final Connection connection, final List<byte[]> args,
                                                              final RespWriter out) {
        if (Args.is(args.get(1), "sleep") && args.size() == 3) {
            final long micros = (long) (leadingDouble(Args.text(args.get(2))) * 1_000_000);
            return CompletableFuture.supplyAsync(() -> reply -> reply.simple("OK"),
                CompletableFuture.delayedExecutor(Math.max(0, micros), TimeUnit.MICROSECONDS));
        }
        if (Args.is(args.get(1), "object") && args.size() == 3) {
            final byte[] key = args.get(2);
            final int db = connection.database();
            return connection.server().group().fence().thenApply(fenced -> {
                final Keyspace keyspace = new Keyspace(ReadView.atWatermark(connection.server().group().store()), db,
                    false);
                final KeyMeta meta = keyspace.lookup(key);
                if (meta == null) {
                    throw new RedisException("ERR no such key");
                }
                final String description = describe(meta, Encodings.of(keyspace, key, meta));
                return reply -> reply.simple(description);
            });
        }
        if (Args.is(args.get(1), "help") && args.size() == 2) {
            Replies.help(out, "debug", List.of(
                "OBJECT <key>", "    Show low-level information about the key.",
                "SLEEP <seconds>", "    Delay this connection's reply by <seconds> (a decimal number)."));
            return null;
        }
        throw new RedisException(Args.subcommandSyntax(args.get(0), args.get(1)));
    }

    /** The encoding is the one OBJECT ENCODING reports, so the two commands agree. */
    private static String describe(final KeyMeta meta, final String encoding) {
        final long length = meta.type() == RedisType.STRING ? meta.stringValue().length : meta.count();
        return "Value at:0x0 refcount:1 encoding:" + encoding + " serializedlength:" + length
            + " lru:0 lru_seconds_idle:0";
    }

    /** Like C's strtod: the number at the start of {@code text}, 0 when there is none. */
    private static double leadingDouble(final String text) {
        for (int end = text.length(); end > 0; end--) {
            try {
                return Double.parseDouble(text.substring(0, end));
            } catch (NumberFormatException notYet) {
                // a shorter prefix may still be a number
            }
        }
        return 0;
    }
}
