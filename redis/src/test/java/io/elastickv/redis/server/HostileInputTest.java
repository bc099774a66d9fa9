package io.elastickv.redis.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.elastickv.redis.testing.RawRespClient;
import io.elastickv.redis.testing.RedisServers;
import io.elastickv.testkit.RandomSeedExtension;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Garbage on the wire: random bytes, mutated valid requests, huge declared lengths, and connections cut
 * mid-frame, from many connections at once. The node must answer or close each bad connection, while a
 * well-behaved client keeps working throughout and the data it wrote stays intact.
 */
@ExtendWith(RandomSeedExtension.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HostileInputTest {
    @RegisterExtension
    static final RedisServers SERVERS = RedisServers.clusterOnly(1);

    private static final String[] VALID = {
        "*3\r\n$3\r\nSET\r\n$6\r\nfuzz:a\r\n$5\r\nvalue\r\n", "*2\r\n$3\r\nGET\r\n$6\r\nfuzz:a\r\n",
        "PING\r\n", "*1\r\n$5\r\nMULTI\r\n", "*1\r\n$4\r\nEXEC\r\n", "*2\r\n$5\r\nHELLO\r\n$1\r\n3\r\n",
        "*2\r\n$6\r\nEXISTS\r\n$6\r\nfuzz:a\r\n", "*2\r\n$3\r\nDEL\r\n$6\r\nfuzz:b\r\n",
    };

    @Test
    void garbageNeverHurtsOtherClients(final Random random) throws Exception {
        try (RawRespClient steady = new RawRespClient(SERVERS.leaderPort())) {
            assertEquals("+OK\r\n", steady.call("SET", "steady:key", "intact"));
            final ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                final List<Future<?>> attacks = new ArrayList<>();
                for (int i = 0; i < 400; i++) {
                    final long seed = random.nextLong();
                    attacks.add(pool.submit(() -> attack(new Random(seed))));
                }
                for (int i = 0; i < attacks.size(); i++) {
                    attacks.get(i).get(60, TimeUnit.SECONDS);
                    if (i % 50 == 0) {
                        assertEquals("$6\r\nintact\r\n", steady.call("GET", "steady:key"));
                    }
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals("$6\r\nintact\r\n", steady.call("GET", "steady:key"));
            assertEquals("+PONG\r\n", steady.call("PING"));
        }
    }

    @Test
    void invalidDeclaredLengthsAreProtocolErrors() throws Exception {
        for (final String request : List.of("*1\r\n$536870913\r\n", "*2147483648\r\n", "*1\r\n$-2\r\n")) {
            final String reply = exchange(request.getBytes(StandardCharsets.US_ASCII), 2_000);
            assertTrue(reply.startsWith("-ERR Protocol error: invalid "), request + " -> " + reply);
        }
        try (RawRespClient client = new RawRespClient(SERVERS.leaderPort())) {
            assertEquals("+PONG\r\n", client.call("PING"));
        }
    }

    /** One hostile connection: garbage, a mutated request, or a request cut off mid-frame. */
    private static void attack(final Random random) {
        final byte[] bytes;
        switch (random.nextInt(3)) {
            case 0 -> {
                bytes = new byte[1 + random.nextInt(512)];
                random.nextBytes(bytes);
            }
            case 1 -> {
                bytes = VALID[random.nextInt(VALID.length)].getBytes(StandardCharsets.US_ASCII);
                for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                    bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                }
            }
            default -> {
                final byte[] whole = VALID[random.nextInt(VALID.length)].getBytes(StandardCharsets.US_ASCII);
                bytes = java.util.Arrays.copyOf(whole, 1 + random.nextInt(whole.length - 1));
            }
        }
        try {
            exchange(bytes, 200);
        } catch (IOException e) {
            // A reset connection is a fine answer to garbage.
        }
    }

    /** Sends {@code request} and collects the answer until the server closes or is quiet for {@code quietMs}. */
    private static String exchange(final byte[] request, final int quietMs) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", SERVERS.leaderPort()), 2_000);
            socket.setSoTimeout(quietMs);
            socket.getOutputStream().write(request);
            final InputStream in = socket.getInputStream();
            final StringBuilder reply = new StringBuilder();
            final byte[] chunk = new byte[4096];
            try {
                for (int n; (n = in.read(chunk)) > 0; ) {
                    reply.append(new String(chunk, 0, n, StandardCharsets.ISO_8859_1));
                }
            } catch (SocketTimeoutException quiet) {
                // Incomplete frames get no answer; the server waits for the rest.
            }
            return reply.toString();
        }
    }
}
