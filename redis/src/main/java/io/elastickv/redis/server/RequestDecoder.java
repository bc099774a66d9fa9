package io.elastickv.redis.server;

import io.elastickv.redis.resp.RespDecoder;
import io.elastickv.redis.resp.RespProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Netty stage that turns bytes into commands. A protocol error is answered with {@code -ERR <text>} and the
 * connection is closed, as redis-server does; nothing after the bad bytes is executed.
 */
final class RequestDecoder extends ByteToMessageDecoder {
    private final RespDecoder decoder;
    private boolean failed;

    RequestDecoder(final long maxBulkLength) {
        this.decoder = new RespDecoder(maxBulkLength);
    }

    @Override
    protected void decode(final ChannelHandlerContext ctx, final ByteBuf in, final List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        try {
            final List<byte[]> command = decoder.decode(in);
            if (command != null) {
                out.add(command);
            }
        } catch (RespProtocolException e) {
            failed = true;
            in.skipBytes(in.readableBytes());
            // The dispatcher answers it after the replies to the commands before it, then closes.
            out.add(new ProtocolError("ERR " + e.getMessage()));
        }
    }
}
