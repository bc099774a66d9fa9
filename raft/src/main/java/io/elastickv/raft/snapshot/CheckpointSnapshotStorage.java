package io.elastickv.raft.snapshot;

import io.elastickv.common.io.Directories;
import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.SnapshotRetentionPolicy;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.impl.FileListSnapshotInfo;

/**
 * Raft snapshots as RocksDB checkpoints: snapshot {@code (term, index)} is the directory
 * {@code sm/snap_<term>_<index>} under the group's Ratis storage, and its files are the Ratis snapshot's
 * file list, which Ratis streams to a follower that needs it.
 *
 * <p>The live store never lives in {@code sm/}: installing a snapshot on a follower replaces the whole of
 * {@code sm/} with the received files. The store is then rebuilt from them by {@link #prepareInstall}
 * (hard links for immutable SST files, copies for the rest, everything fsynced because Ratis does not).
 */
public final class CheckpointSnapshotStorage implements StateMachineStorage {
    private static final Pattern SNAPSHOT = Pattern.compile("snap_(\\d+)_(\\d+)");
    /** Ratis writes an MD5 file beside each received file; they are not part of the checkpoint. */
    private static final String MD5_SUFFIX = ".md5";
    private static final String STORE_INDEX_FILE = "ELASTICKV-STORE-APPLIED-INDEX";

    private volatile Path snapshotRoot;
    private volatile FileListSnapshotInfo latest;

    @Override
    public void init(final RaftStorage raftStorage) throws IOException {
        snapshotRoot = raftStorage.getStorageDir().getStateMachineDir().toPath();
        Files.createDirectories(snapshotRoot);
        latest = scan();
    }

    /** Re-reads {@code sm/}: after a snapshot install it holds different files. */
    public FileListSnapshotInfo reload() throws IOException {
        latest = scan();
        return latest;
    }

    @Override
    public FileListSnapshotInfo getLatestSnapshot() {
        return latest;
    }

    /** Where the checkpoint of {@code termIndex} goes. */
    public Path directoryFor(final TermIndex termIndex) {
        return snapshotRoot.resolve("snap_" + termIndex.getTerm() + "_" + termIndex.getIndex());
    }

    /**
     * The store's own applied index inside a snapshot. It can be below the snapshot's Raft index, because
     * configuration and leader no-op entries advance Raft's index without touching the store; comparing the
     * live store with it (not with the Raft index) avoids reinstalling an identical snapshot at every start.
     */
    public static void recordStoreIndex(final Path snapshot, final long storeAppliedIndex) throws IOException {
        Files.writeString(snapshot.resolve(STORE_INDEX_FILE), Long.toString(storeAppliedIndex));
    }

    /** The store applied index recorded in {@code snapshot}, or {@code fallback} when none was recorded. */
    public static long storeIndexOf(final Path snapshot, final long fallback) throws IOException {
        final Path file = snapshot.resolve(STORE_INDEX_FILE);
        return Files.exists(file) ? Long.parseLong(Files.readString(file).trim()) : fallback;
    }

    /** A scratch directory on the same file system, for building a checkpoint before renaming it. */
    public Path scratchFor(final TermIndex termIndex) {
        return snapshotRoot.resolve("snap_" + termIndex.getTerm() + "_" + termIndex.getIndex() + ".tmp");
    }

    /** Registers a finished checkpoint directory as the latest snapshot. */
    public FileListSnapshotInfo publish(final Path directory, final TermIndex termIndex) throws IOException {
        final FileListSnapshotInfo info = describe(directory, termIndex);
        latest = info;
        return info;
    }

    /** The directory of the latest snapshot, or null. */
    public Path latestDirectory() {
        final FileListSnapshotInfo current = latest;
        return current == null ? null : directoryFor(current.getTermIndex());
    }

    /**
     * Builds, next to {@code target}, a store directory holding the files of snapshot {@code source}, durable
     * on disk, and returns it; the caller moves it into place.
     */
    public static Path prepareInstall(final Path source, final Path target) throws IOException {
        final Path staging = target.resolveSibling(target.getFileName() + ".install");
        Directories.deleteRecursively(staging);
        Files.createDirectories(staging);
        try (Stream<Path> files = Files.walk(source)) {
            for (final Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                final String name = file.getFileName().toString();
                if (name.endsWith(MD5_SUFFIX)) {
                    continue;
                }
                final Path copy = staging.resolve(source.relativize(file).toString());
                Files.createDirectories(copy.getParent());
                if (name.endsWith(".sst")) {
                    Files.createLink(copy, file);
                } else {
                    Files.copy(file, copy);
                }
                try (FileChannel channel = FileChannel.open(copy, StandardOpenOption.WRITE)) {
                    channel.force(true);
                }
            }
        }
        return staging;
    }

    @Override
    public void format() {
        // Nothing to format: a missing sm/ directory is created by init.
    }

    @Override
    public void cleanupOldSnapshots(final SnapshotRetentionPolicy policy) throws IOException {
        final int keep = policy.getNumSnapshotsRetained();
        if (keep <= 0) {
            return;
        }
        final List<Path> snapshots = listSnapshots();
        snapshots.sort(Comparator.comparingLong(CheckpointSnapshotStorage::indexOf).reversed());
        for (final Path old : snapshots.subList(Math.min(keep, snapshots.size()), snapshots.size())) {
            Directories.deleteRecursively(old);
        }
    }

    private FileListSnapshotInfo scan() throws IOException {
        Path best = null;
        for (final Path candidate : listSnapshots()) {
            if (best == null || indexOf(candidate) > indexOf(best)) {
                best = candidate;
            }
        }
        if (best == null) {
            return null;
        }
        final Matcher m = SNAPSHOT.matcher(best.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalStateException("unexpected snapshot directory " + best);
        }
        return describe(best, TermIndex.valueOf(Long.parseLong(m.group(1)), Long.parseLong(m.group(2))));
    }

    private List<Path> listSnapshots() throws IOException {
        final List<Path> out = new ArrayList<>();
        final File[] entries = snapshotRoot.toFile().listFiles(f -> f.isDirectory()
            && SNAPSHOT.matcher(f.getName()).matches());
        if (entries != null) {
            for (final File entry : entries) {
                out.add(entry.toPath());
            }
        }
        return out;
    }

    private static long indexOf(final Path snapshot) {
        final Matcher m = SNAPSHOT.matcher(snapshot.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(2)) : -1;
    }

    private static FileListSnapshotInfo describe(final Path directory, final TermIndex termIndex) throws IOException {
        final List<FileInfo> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(directory)) {
            walk.filter(Files::isRegularFile)
                .filter(p -> !p.getFileName().toString().endsWith(MD5_SUFFIX))
                .sorted()
                // No digest: the leader computes one while streaming.
                .forEach(p -> files.add(new FileInfo(p.toAbsolutePath(), null)));
        }
        return new FileListSnapshotInfo(files, termIndex);
    }
}
