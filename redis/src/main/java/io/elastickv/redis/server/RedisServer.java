package io.elastickv.redis.server;

import io.elastickv.common.Checks;
import io.elastickv.raft.node.ReplicatedGroup;
import io.elastickv.redis.command.CommandTable;
import io.elastickv.redis.command.Connection;
import io.elastickv.redis.command.server.ServerConfig;
import io.elastickv.redis.command.server.ServerContext;
import io.elastickv.redis.exec.ActiveExpiry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
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
import io.netty.channel.unix.UnixChannel;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Redis listener: Netty with epoll where available, NIO otherwise. Each connection gets a
 * {@link RequestDecoder} and a {@link CommandDispatcher} over the shared command table, and joins the
 * server's client registry ({@link ServerContext}), which CLIENT LIST and CLIENT KILL read.
 *
 * <p>The listener refuses connections beyond {@code maxclients}, closes clients idle longer than
 * {@code timeout} seconds (MONITOR clients excepted), and samples its counters every 100 ms for INFO's
 * instantaneous rates.
 */
public final class RedisServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisServer.class);
    private static final byte[] TOO_MANY_CLIENTS = "-ERR max number of clients reached\r\n"
        .getBytes(StandardCharsets.US_ASCII);
    /** Unsent MONITOR output beyond which a monitor that does not read is disconnected. */
    private static final long MAX_PUSH_BACKLOG = 32L * 1024 * 1024;

    private final EventLoopGroup group;
    private final Channel channel;
    private final ActiveExpiry activeExpiry;
    private final ServerContext context;
    private final List<ScheduledFuture<?>> timers;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * How the listener behaves beyond its address.
     *
     * @param requirepass the password clients must give (AUTH, HELLO AUTH); empty for none
     * @param shutdown    what SHUTDOWN runs, on a thread of its own; null closes this listener
     */
    public record Options(String requirepass, Runnable shutdown) {
        public static final Options DEFAULTS = new Options("", null);

        public Options {
            Checks.requireNonNull("requirepass", requirepass);
        }
    }

    private RedisServer(final EventLoopGroup group, final Channel channel, final ActiveExpiry activeExpiry,
                        final ServerContext context) {
        this.group = group;
        this.channel = channel;
        this.activeExpiry = activeExpiry;
        this.context = context;
        this.timers = List.of(
            group.next().scheduleAtFixedRate(() -> context.stats().sample(System.currentTimeMillis()), 100, 100,
                TimeUnit.MILLISECONDS),
            group.next().scheduleAtFixedRate(this::closeIdleClients, 1, 1, TimeUnit.SECONDS));
    }

    /** {@link #start(String, int, CommandTable, ReplicatedGroup, Options)} with no password. */
    public static RedisServer start(final String host, final int port, final CommandTable table,
                                    final ReplicatedGroup dataGroup) throws InterruptedException {
        return start(host, port, table, dataGroup, Options.DEFAULTS);
    }

    /**
     * Binds {@code host:port}; fails if the address is taken. Commands run against {@code dataGroup}, whose
     * state machine must execute them with a {@link io.elastickv.redis.exec.RedisCommandExecutor} over the
     * same {@code table}. Active expiry runs for the group while the server is up.
     */
    public static RedisServer start(final String host, final int port, final CommandTable table,
                                    final ReplicatedGroup dataGroup, final Options options)
        throws InterruptedException {
        Checks.requireNonNull("host", host);
        Checks.requireInRange("port", port, 0, 65_535);
        Checks.requireNonNull("options", options);
        final boolean epoll = Epoll.isAvailable();
        final IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        final Class<? extends ServerChannel> channelType = epoll ? EpollServerSocketChannel.class
            : NioServerSocketChannel.class;
        final EventLoopGroup group = new MultiThreadIoEventLoopGroup(io);
        final AtomicReference<Listener> listener = new AtomicReference<>();
        final AtomicReference<RedisServer> serverRef = new AtomicReference<>();
        final ActiveExpiry expiry = ActiveExpiry.start(dataGroup);
        try {
            // Accepting starts once the context exists, which needs the bound port.
            final Channel channel = new ServerBootstrap()
                .group(group)
                .channel(channelType)
                .option(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(final SocketChannel ch) {
                        listener.get().accept(ch);
                    }
                })
                .bind(new InetSocketAddress(host, port)).sync().channel();
            final int boundPort = ((InetSocketAddress) channel.localAddress()).getPort();
            final Runnable shutdown = options.shutdown() != null ? options.shutdown() : () -> serverRef.get().close();
            final ServerContext context = new ServerContext(table, dataGroup,
                new ServerConfig(host, boundPort, options.requirepass()), shutdown, expiry::expiredKeys,
                epoll ? "epoll" : "nio");
            listener.set(new Listener(context, new CommandIndex(table, context.stats())));
            final RedisServer server = new RedisServer(group, channel, expiry, context);
            serverRef.set(server);
            channel.config().setAutoRead(true);
            LOG.info("Redis listener on {} ({}{})", channel.localAddress(), epoll ? "epoll" : "nio",
                options.requirepass().isEmpty() ? "" : ", password required");
            return server;
        } catch (RuntimeException | InterruptedException e) {
            expiry.close();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
    }

    /** What a new connection needs: the server's shared state and its command index. */
    private record Listener(ServerContext context, CommandIndex commands) {
        void accept(final SocketChannel ch) {
            RedisServer.accept(ch, context, commands);
        }
    }

    private static void accept(final SocketChannel ch, final ServerContext context, final CommandIndex commands) {
        if (context.clients().size() >= context.config().maxClients()) {
            context.stats().connectionRejected();
            ch.writeAndFlush(Unpooled.wrappedBuffer(TOO_MANY_CLIENTS)).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        context.stats().connectionReceived();
        final Connection connection = new Connection(context.clients().nextId(), address(ch.remoteAddress()),
            address(ch.localAddress()), ch instanceof UnixChannel unix ? unix.fd().intValue() : -1,
            System.currentTimeMillis(), context, new Connection.Link() {
                @Override
                public void push(final byte[] replies) {
                    if (ch.bytesBeforeWritable() > MAX_PUSH_BACKLOG) {
                        LOG.warn("closing {}: it does not read what it asked for", ch.remoteAddress());
                        ch.close();
                        return;
                    }
                    ch.writeAndFlush(Unpooled.wrappedBuffer(replies));
                }

                @Override
                public void close() {
                    ch.close();
                }
            });
        context.clients().add(connection);
        ch.pipeline().addLast(new TrafficCounter(context, connection),
            new RequestDecoder(context.config().maxBulkLength()),
            new CommandDispatcher(commands, context, connection));
    }

    /** {@code ip:port} as Redis prints a peer: IPv6 addresses in brackets. */
    static String address(final SocketAddress address) {
        if (!(address instanceof InetSocketAddress inet) || inet.getAddress() == null) {
            return String.valueOf(address);
        }
        final String ip = inet.getAddress().getHostAddress();
        return (ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip) + ":" + inet.getPort();
    }

    /** Counts bytes received and records the client's last activity, before decoding. */
    private static final class TrafficCounter extends ChannelInboundHandlerAdapter {
        private final ServerContext context;
        private final Connection connection;

        TrafficCounter(final ServerContext context, final Connection connection) {
            this.context = context;
            this.connection = connection;
        }

        @Override
        public void channelRead(final ChannelHandlerContext ctx, final Object msg) {
            if (msg instanceof ByteBuf bytes) {
                context.stats().bytesIn(bytes.readableBytes());
            }
            connection.touched(System.currentTimeMillis());
            ctx.fireChannelRead(msg);
        }
    }

    private void closeIdleClients() {
        final long timeoutMs = TimeUnit.SECONDS.toMillis(context.config().idleTimeoutSeconds());
        if (timeoutMs == 0) {
            return;
        }
        final long now = System.currentTimeMillis();
        for (final Connection connection : context.clients().all()) {
            if (!connection.monitor() && now - connection.lastInteractionMs() > timeoutMs) {
                connection.kill();
            }
        }
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    public ActiveExpiry activeExpiry() {
        return activeExpiry;
    }

    /** The listener's shared state: clients, configuration, statistics. */
    public ServerContext context() {
        return context;
    }

    /** Stops listening and closes every client; SHUTDOWN may have done it already, so a second call is a no-op. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        timers.forEach(timer -> timer.cancel(false));
        activeExpiry.close();
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
        context.close();
    }
}
