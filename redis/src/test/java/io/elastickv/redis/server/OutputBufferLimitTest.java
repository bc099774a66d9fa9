package io.elastickv.redis.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.elastickv.redis.testing.RawRespClient;
import io.elastickv.redis.testing.RedisServers;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code client-output-buffer-limit normal}: a client whose unread replies pile up past it is disconnected. */
@Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class OutputBufferLimitTest {
    @RegisterExtension
    static final RedisServers SERVERS = RedisServers.clusterOnly(1);

    private static final int VALUE_BYTES = 100_000;
    private static final int GETS = 300;

    @Test
    void aClientThatDoesNotReadIsDisconnectedAtTheHardLimitAndOthersAreNot() throws Exception {
        try (RawRespClient admin = new RawRespClient(SERVERS.leaderPort())) {
            assertEquals("+OK\r\n", admin.call("SET", "obl:big", "v".repeat(VALUE_BYTES)));
            assertEquals("+OK\r\n", admin.call("CONFIG", "SET", "client-output-buffer-limit", "normal 1mb 0 0"));
            try {
                final long received = floodWithoutReading();
                assertTrue(received < (long) GETS * VALUE_BYTES,
                    "the server should have closed the connection, but sent all " + received + " bytes");
                // A client that reads its replies is not affected by the limit.
                for (int i = 0; i < 20; i++) {
                    assertTrue(admin.call("GET", "obl:big").startsWith("$" + VALUE_BYTES + "\r\n"));
                }
            } finally {
                assertEquals("+OK\r\n", admin.call("CONFIG", "SET", "client-output-buffer-limit", "normal 0 0 0"));
            }
        }
    }

    /** Sends all GETs at once, waits without reading, then reads until the server closes; returns the bytes. */
    private static long floodWithoutReading() throws Exception {
        final StringBuilder pipeline = new StringBuilder();
        for (int i = 0; i < GETS; i++) {
            pipeline.append("*2\r\n$3\r\nGET\r\n$7\r\nobl:big\r\n");
        }
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(16 * 1024);
            socket.connect(new InetSocketAddress("127.0.0.1", SERVERS.leaderPort()), 2_000);
            socket.getOutputStream().write(pipeline.toString().getBytes(StandardCharsets.US_ASCII));
            Thread.sleep(2_000);
            socket.setSoTimeout(10_000);
            final InputStream in = socket.getInputStream();
            final byte[] chunk = new byte[64 * 1024];
            long received = 0;
            try {
                for (int n; (n = in.read(chunk)) >= 0; ) {
                    received += n;
                }
            } catch (SocketTimeoutException stillOpen) {
                throw new AssertionError("the connection stayed open after " + received + " bytes", stillOpen);
            } catch (java.net.SocketException reset) {
                // A reset is also a close.
            }
            return received;
        }
    }
}
