package io.elastickv.redis.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A private redis-server (Debian's package) on a free loopback port, the oracle of differential tests.
 * {@code bin/test} installs it; without it these tests fail and say how to install it.
 */
public final class RedisOracle implements AutoCloseable {
    private final Process process;
    private final int port;

    private RedisOracle(final Process process, final int port) {
        this.process = process;
        this.port = port;
    }

    public static RedisOracle start(final Path workDir) throws Exception {
        final Path binary = Path.of("/usr/bin/redis-server");
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException("differential tests need redis-server: apt-get install -y redis-server");
        }
        final int port = freePort();
        final Process process = new ProcessBuilder(binary.toString(), "--port", Integer.toString(port),
            "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", workDir.toString())
            .redirectErrorStream(true).redirectOutput(workDir.resolve("redis.log").toFile()).start();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return new RedisOracle(process, port);
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("redis-server did not start on port " + port);
    }

    public int port() {
        return port;
    }

    /** Sends {@code request} on a new connection and returns everything received until it goes quiet or closes. */
    public static byte[] exchange(final int port, final byte[] request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            socket.setSoTimeout(300);
            final InputStream in = socket.getInputStream();
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            final byte[] chunk = new byte[8192];
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            while (System.nanoTime() < deadline) {
                try {
                    final int n = in.read(chunk);
                    if (n < 0) {
                        break;
                    }
                    out.write(chunk, 0, n);
                } catch (SocketTimeoutException quiet) {
                    break;
                }
            }
            return out.toByteArray();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
