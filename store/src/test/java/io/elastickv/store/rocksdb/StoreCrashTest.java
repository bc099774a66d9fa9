package io.elastickv.store.rocksdb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.elastickv.common.config.Config;
import io.elastickv.store.Durability;
import io.elastickv.store.StoreConfigKeys;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a writing process with SIGKILL and checks what the store reopens with. With the WAL synced nothing
 * acknowledged may be lost. With the WAL off the store may reopen at an earlier applied index (the Raft
 * log replays the rest), but data and applied index must agree exactly: no batch half there, none after
 * the index, none before it missing.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StoreCrashTest {
    /** Enough batches of 2 KiB values to fill several 1 MiB memtables, so flushes happen before the kill. */
    private static final long ACKNOWLEDGED_BEFORE_KILL = 3_000;

    @TempDir
    Path tempDir;

    @Test
    void syncedWalLosesNoAcknowledgedApply() throws Exception {
        final Path directory = tempDir.resolve("store");
        final long acknowledged = runAndKill(directory, Durability.SYNC_WAL);
        final long applied = verifyConsistent(directory, Durability.SYNC_WAL);
        assertTrue(applied >= acknowledged, "appliedIndex=" + applied + " < acknowledged=" + acknowledged);
    }

    @Test
    void walOffReopensWithDataMatchingTheAppliedIndex() throws Exception {
        final Path directory = tempDir.resolve("store");
        final long acknowledged = runAndKill(directory, Durability.NO_WAL);
        final long applied = verifyConsistent(directory, Durability.NO_WAL);
        assertTrue(applied <= acknowledged + 1, "appliedIndex=" + applied + " acknowledged=" + acknowledged);
        assertTrue(applied > 0, "memtables of 1 MiB must have been flushed at least once before the kill");
        // Restarting the writer continues from the reopened index, as a Raft replay would.
        final long second = runAndKill(directory, Durability.NO_WAL);
        assertTrue(second > applied);
        verifyConsistent(directory, Durability.NO_WAL);
    }

    private static long runAndKill(final Path directory, final Durability durability) throws Exception {
        final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        final Process process = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
            System.getProperty("java.class.path"),
            CrashWriter.class.getName(), directory.toString(), durability.name())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
        long acknowledged = 0;
        long seen = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
            StandardCharsets.US_ASCII))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("applied ")) {
                    acknowledged = Long.parseLong(line.substring("applied ".length()));
                    if (++seen >= ACKNOWLEDGED_BEFORE_KILL) {
                        break;
                    }
                }
            }
        } finally {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        assertEquals(ACKNOWLEDGED_BEFORE_KILL, seen, "the writer process died before it was killed");
        return acknowledged;
    }

    private static long verifyConsistent(final Path directory, final Durability durability) throws IOException {
        final Config config = Config.builder().set(StoreConfigKeys.DURABILITY, durability)
            .set(StoreConfigKeys.GC_BACKGROUND, false).build();
        try (RocksMvccStore store = RocksMvccStore.open(directory, config)) {
            final long applied = store.appliedIndex();
            final long readTs = store.commitWatermark() + 1_000;
            if (applied == 0) {
                assertNull(store.get(CrashWriter.ascii("counter"), readTs));
                return 0;
            }
            assertEquals(CrashWriter.timestamp(applied), store.commitWatermark());
            assertArrayEquals(CrashWriter.ascii(Long.toString(applied)),
                store.get(CrashWriter.ascii("counter"), readTs), "counter at appliedIndex=" + applied);
            for (long slot = 0; slot < CrashWriter.SLOTS; slot++) {
                final long lastWriter = applied - Math.floorMod(applied - slot, CrashWriter.SLOTS);
                final byte[] value = store.get(CrashWriter.slotKey(slot), readTs);
                if (lastWriter <= 0) {
                    assertNull(value);
                } else {
                    assertArrayEquals(CrashWriter.slotValue(lastWriter), value, "slot " + slot);
                }
            }
            return applied;
        }
    }
}
