package io.elastickv.redis.server;

import io.elastickv.redis.command.CommandSpec;
import io.elastickv.redis.command.CommandTable;
import io.elastickv.redis.command.Connection;
import io.elastickv.redis.resp.RespWriter;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs decoded commands through the command table and writes their replies in request order. Replies to a
 * pipeline are gathered in one buffer and flushed once per read, not once per command.
 */
final class CommandDispatcher extends SimpleChannelInboundHandler<List<byte[]>> {
    private static final Logger LOG = LoggerFactory.getLogger(CommandDispatcher.class);

    private final CommandTable table;
    private final Connection connection;
    private ByteBuf pending;

    CommandDispatcher(final CommandTable table, final Connection connection) {
        this.table = table;
        this.connection = connection;
    }

    @Override
    protected void channelRead0(final ChannelHandlerContext ctx, final List<byte[]> args) {
        if (connection.shouldClose()) {
            return;
        }
        if (pending == null) {
            pending = ctx.alloc().buffer();
        }
        final RespWriter out = new RespWriter(pending, connection.protocol());
        final CommandSpec spec = table.lookup(args.get(0));
        if (spec == null) {
            out.error(unknownCommand(args));
        } else if (!spec.acceptsArgumentCount(args.size())) {
            out.error("ERR wrong number of arguments for '" + spec.name() + "' command");
        } else {
            try {
                spec.handler().execute(connection, args, out);
            } catch (RuntimeException e) {
                LOG.error("command {} failed", spec.name(), e);
                out.error("ERR internal error: " + e.getClass().getSimpleName());
            }
        }
        if (connection.shouldClose()) {
            flush(ctx).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void channelReadComplete(final ChannelHandlerContext ctx) {
        if (pending != null) {
            flush(ctx);
        }
        ctx.fireChannelReadComplete();
    }

    private io.netty.channel.ChannelFuture flush(final ChannelHandlerContext ctx) {
        final ByteBuf replies = pending;
        pending = null;
        return ctx.writeAndFlush(replies == null ? ctx.alloc().buffer(0) : replies);
    }

    @Override
    public void channelInactive(final ChannelHandlerContext ctx) {
        if (pending != null) {
            pending.release();
            pending = null;
        }
        ctx.fireChannelInactive();
    }

    /**
     * Redis's text: the name as sent (at most 128 bytes), then arguments, each quoted and followed by a
     * space, until the argument part reaches 128 bytes (the last one cut to fit).
     */
    static String unknownCommand(final List<byte[]> args) {
        final StringBuilder quoted = new StringBuilder();
        for (int i = 1; i < args.size() && quoted.length() < 128; i++) {
            final String arg = new String(args.get(i), StandardCharsets.ISO_8859_1);
            final int width = 128 - quoted.length();
            quoted.append('\'').append(arg, 0, Math.min(arg.length(), width)).append("' ");
        }
        return "ERR unknown command '" + truncate(args.get(0)) + "', with args beginning with: " + quoted;
    }

    private static String truncate(final byte[] arg) {
        final String text = new String(arg, StandardCharsets.ISO_8859_1);
        return text.length() > 128 ? text.substring(0, 128) : text;
    }
}
