package io.elastickv.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's answers to bad input: one clear line and exit status 2, nothing started. */
class MainTest {
    @TempDir
    Path tempDir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(final String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8).trim();
    }

    @Test
    void unknownFlagIsOneLineAndStatusTwo() {
        assertEquals(2, run("start", "--no-such-flag"));
        assertEquals("elastickv: unknown flag --no-such-flag (see --help)", errors());
    }

    @Test
    void badSettingValueNamesTheKey() {
        assertEquals(2, run("start", "--raft.election-timeout-min-ms=fast"));
        assertEquals("elastickv: raft.election-timeout-min-ms=fast is not a valid Long", errors());
    }

    @Test
    void malformedAddressesAreRefused() {
        assertEquals(2, run("start", "--raft-address", "localhost"));
        assertEquals("elastickv: --raft-address=localhost is not host:port", errors());
        err.reset();
        assertEquals(2, run("start", "--raft-address", "127.0.0.1:99999"));
        assertEquals("elastickv: --raft-address=127.0.0.1:99999: port must be in [1, 65535]", errors());
    }

    @Test
    void peersMustIncludeThisNodeAtItsAddress() {
        assertEquals(2, run("start", "--node-id", "n1", "--raft-address", "127.0.0.1:7000",
            "--peers", "n2=127.0.0.1:7001,n3=127.0.0.1:7002", "--data-dir", tempDir.toString()));
        assertEquals("elastickv: --peers must include this node (n1)", errors());
    }

    @Test
    void aBusyRaftPortIsReportedBeforeAnythingStarts() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertEquals(2, run("start", "--raft-address", "127.0.0.1:" + taken.getLocalPort(),
                "--data-dir", tempDir.toString()));
            assertTrue(errors().startsWith("elastickv: --raft-address 127.0.0.1:" + taken.getLocalPort()
                + " is not available"), errors());
        }
    }

    @Test
    void aDataDirectoryOfAnotherNodeIsRefused() throws Exception {
        Files.writeString(tempDir.resolve("node.id"), "n7\n");
        assertEquals(2, run("start", "--node-id", "n1", "--data-dir", tempDir.toString()));
        assertEquals("elastickv: data directory " + tempDir.toAbsolutePath().normalize() + " belongs to node n7,"
            + " not n1; start it with --node-id n7 or use another --data-dir", errors());
    }

    @Test
    void aDataDirectoryOfAnotherClusterIsRefused() throws Exception {
        Files.writeString(tempDir.resolve("node.id"), "n1\n");
        Files.writeString(tempDir.resolve("cluster.peers"), "n1=127.0.0.1:7000,n2=127.0.0.1:7001\n");
        assertEquals(2, run("start", "--node-id", "n1", "--raft-address", "127.0.0.1:7000",
            "--peers", "n1=127.0.0.1:7000,n9=127.0.0.1:7009", "--data-dir", tempDir.toString()));
        assertTrue(errors().startsWith("elastickv: data directory " + tempDir.toAbsolutePath().normalize()
            + " belongs to the cluster bootstrapped with --peers n1=127.0.0.1:7000,n2=127.0.0.1:7001"), errors());
    }

    @Test
    void aRedisListenerBeyondLoopbackNeedsAPassword() {
        assertEquals(2, run("start", "--redis-address", "0.0.0.0:6390", "--data-dir", tempDir.toString()));
        assertEquals("elastickv: --redis-address 0.0.0.0:6390 is reachable from other machines and no password is"
            + " set: give --requirepass or --requirepass-file, or --unsafe-no-auth to serve without one", errors());
        assertFalse(Files.exists(tempDir.resolve("node.id")), "refused before anything was written");
    }

    @Test
    void passwordFlagsAreChecked() throws Exception {
        assertEquals(2, run("start", "--requirepass", "a", "--requirepass-file", "p", "--data-dir",
            tempDir.toString()));
        assertEquals("elastickv: --requirepass and --requirepass-file cannot be combined", errors());
        err.reset();
        final Path missing = tempDir.resolve("missing");
        assertEquals(2, run("start", "--requirepass-file", missing.toString(), "--data-dir", tempDir.toString()));
        assertTrue(errors().startsWith("elastickv: --requirepass-file " + missing + " cannot be read"), errors());
        err.reset();
        final Path twoLines = Files.writeString(tempDir.resolve("two-lines"), "one\ntwo\n");
        assertEquals(2, run("start", "--requirepass-file", twoLines.toString(), "--redis-address", "0.0.0.0:6390",
            "--data-dir", tempDir.toString()));
        assertEquals("elastickv: --requirepass-file " + twoLines + " must hold the password on one line", errors());
    }

    @Test
    void unknownCommandPrintsUsage() {
        assertEquals(2, run("launch"));
        assertTrue(errors().startsWith("elastickv: unknown command 'launch'"), errors());
    }

    @Test
    void helpListsEveryFlagAndSetting() {
        assertEquals(0, run("start", "--help"));
        final String help = out.toString(StandardCharsets.UTF_8);
        for (final String flag : new String[] {"--node-id", "--data-dir", "--raft-address", "--redis-address",
            "--metrics-address", "--peers", "--bootstrap", "--join", "--requirepass", "--requirepass-file",
            "--unsafe-no-auth", "raft.election-timeout-min-ms",
            "store.gc.retention-ms"}) {
            assertTrue(help.contains(flag), flag);
        }
    }
}
