package io.elastickv.redis.server;

import io.elastickv.common.Checks;
import io.elastickv.raft.node.ReplicatedGroup;
import io.elastickv.redis.exec.ActiveExpiry;
import io.elastickv.redis.command.CommandTable;
import io.elastickv.redis.command.Connection;
import io.elastickv.redis.resp.RespDecoder;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Redis listener: Netty with epoll where available, NIO otherwise. Each connection gets a
 * {@link RequestDecoder} and a {@link CommandDispatcher} over the shared command table.
 */
public final class RedisServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisServer.class);

    private final EventLoopGroup group;
    private final Channel channel;
    private final ActiveExpiry activeExpiry;

    private RedisServer(final EventLoopGroup group, final Channel channel, final ActiveExpiry activeExpiry) {
        this.group = group;
        this.channel = channel;
        this.activeExpiry = activeExpiry;
    }

    /**
     * Binds {@code host:port}; fails if the address is taken. Commands run against {@code dataGroup}, whose
     * state machine must execute them with a {@link io.elastickv.redis.exec.RedisCommandExecutor} over the
     * same {@code table}. Active expiry runs for the group while the server is up.
     */
    public static RedisServer start(final String host, final int port, final CommandTable table,
                                    final ReplicatedGroup dataGroup) throws InterruptedException {
        Checks.requireNonNull("host", host);
        Checks.requireInRange("port", port, 0, 65_535);
        final boolean epoll = Epoll.isAvailable();
        final IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        final Class<? extends ServerChannel> channelType = epoll ? EpollServerSocketChannel.class
            : NioServerSocketChannel.class;
        final EventLoopGroup group = new MultiThreadIoEventLoopGroup(io);
        final AtomicLong ids = new AtomicLong();
        try {
            final Channel channel = new ServerBootstrap()
                .group(group)
                .channel(channelType)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(final SocketChannel ch) {
                        final Connection connection = new Connection(ids.incrementAndGet(),
                            String.valueOf(ch.remoteAddress()), String.valueOf(ch.localAddress()),
                            System.currentTimeMillis());
                        ch.pipeline().addLast(new RequestDecoder(RespDecoder.DEFAULT_MAX_BULK_LENGTH),
                            new CommandDispatcher(table, dataGroup, connection));
                    }
                })
                .bind(new InetSocketAddress(host, port)).sync().channel();
            LOG.info("Redis listener on {} ({})", channel.localAddress(), epoll ? "epoll" : "nio");
            return new RedisServer(group, channel, ActiveExpiry.start(dataGroup));
        } catch (RuntimeException | InterruptedException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    public ActiveExpiry activeExpiry() {
        return activeExpiry;
    }

    @Override
    public void close() {
        activeExpiry.close();
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
