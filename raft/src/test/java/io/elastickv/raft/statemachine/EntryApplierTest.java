package io.elastickv.raft.statemachine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.elastickv.common.config.Config;
import io.elastickv.raft.KvCommands;
import io.elastickv.raft.entry.LogEntry;
import io.elastickv.store.StoreConfigKeys;
import io.elastickv.store.hlc.HybridLogicalClock;
import io.elastickv.store.rocksdb.RocksMvccStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EntryApplierTest {
    private static final long T = HybridLogicalClock.compose(1_700_000_000_000L, 0);

    @TempDir
    Path tempDir;

    private static LogEntry entry(final long hlcTs, final long seed, final String... commands) {
        final List<byte[]> list = new ArrayList<>();
        for (final String command : commands) {
            list.add(KvCommands.command(command));
        }
        return new LogEntry(hlcTs, seed, 0, list);
    }

    private static List<String> texts(final List<byte[]> replies) {
        final List<String> out = new ArrayList<>();
        replies.forEach(r -> out.add(KvCommands.text(r)));
        return out;
    }

    private RocksMvccStore open(final String name) {
        return RocksMvccStore.open(tempDir.resolve(name), Config.builder()
            .set(StoreConfigKeys.GC_BACKGROUND, false).build());
    }

    @Test
    void commandsOfOneEntrySeeEachOthersWritesAndApplyAtomically() {
        try (RocksMvccStore store = open("s")) {
            final EntryApplier applier = new EntryApplier(store, new KvCommands());
            assertEquals(List.of("1", "2", "OK", "(nil)", "OK", "a=x;b=2;"),
                texts(applier.apply(entry(T, 1, "INCR b", "INCR b", "DEL c", "GET c", "SET a x", "SCAN "), 1)));
            assertEquals(1, store.appliedIndex());
            assertEquals(T, store.commitWatermark());
            assertEquals("2", KvCommands.read(store, "b"));
        }
    }

    @Test
    void aFailingCommandLeavesNoWritesAndTheOthersApply() {
        try (RocksMvccStore store = open("s")) {
            final EntryApplier applier = new EntryApplier(store, new KvCommands());
            assertEquals(List.of("OK", "ERR asked to fail", "(nil)"),
                texts(applier.apply(entry(T, 1, "SET a 1", "FAIL", "GET failed-write"), 1)));
            assertEquals("1", KvCommands.read(store, "a"));
            assertEquals("(nil)", KvCommands.read(store, "failed-write"));
        }
    }

    @Test
    void commitTimestampNeverGoesBackEvenIfTheLeaderClockDoes() {
        try (RocksMvccStore store = open("s")) {
            final EntryApplier applier = new EntryApplier(store, new KvCommands());
            applier.apply(entry(T + 100, 1, "SET a 1"), 1);
            applier.apply(entry(T, 2, "SET a 2"), 2);
            assertEquals(T + 101, store.commitWatermark());
        }
    }

    @Test
    void replayOfAppliedIndexesIsSkipped() {
        try (RocksMvccStore store = open("s")) {
            final EntryApplier applier = new EntryApplier(store, new KvCommands());
            applier.apply(entry(T, 1, "INCR n"), 5);
            assertNull(applier.apply(entry(T, 1, "INCR n"), 5));
            assertNull(applier.apply(entry(T, 1, "INCR n"), 4));
            assertEquals("1", KvCommands.read(store, "n"));
        }
    }

    @Test
    void twoReplicasApplyingTheSameEntriesEndIdentical() {
        try (RocksMvccStore a = open("a"); RocksMvccStore b = open("b")) {
            final EntryApplier onA = new EntryApplier(a, new KvCommands());
            final EntryApplier onB = new EntryApplier(b, new KvCommands());
            for (int i = 1; i <= 50; i++) {
                final LogEntry entry = entry(T + i * 1000L, 31L * i, "INCR n", "RAND", "NOW", "SET k" + (i % 5) + " " + i);
                assertEquals(texts(onA.apply(entry, i)), texts(onB.apply(entry, i)));
            }
            assertEquals(a.commitWatermark(), b.commitWatermark());
            assertEquals(KvCommands.read(a, "n"), KvCommands.read(b, "n"));
        }
    }

    @Test
    void replicatedCeilingIsPersistedAndOnlyRaised() {
        try (RocksMvccStore store = open("s")) {
            final EntryApplier applier = new EntryApplier(store, new KvCommands());
            applier.apply(new LogEntry(T, 1, 5_000, List.of()), 1);
            applier.apply(new LogEntry(T + 1, 1, 4_000, List.of()), 2);
            assertEquals(5_000, applier.replicatedCeilingMs());
            assertEquals(5_000, new EntryApplier(store, new KvCommands()).replicatedCeilingMs());
        }
    }
}
