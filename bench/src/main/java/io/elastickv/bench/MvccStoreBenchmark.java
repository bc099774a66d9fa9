package io.elastickv.bench;

import io.elastickv.common.config.Config;
import io.elastickv.common.io.Directories;
import io.elastickv.store.Bound;
import io.elastickv.store.Durability;
import io.elastickv.store.KeyValue;
import io.elastickv.store.MutationBatch;
import io.elastickv.store.MvccStore;
import io.elastickv.store.StoreConfigKeys;
import io.elastickv.store.hlc.HybridLogicalClock;
import io.elastickv.store.rocksdb.RocksMvccStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH benchmarks of {@link RocksMvccStore} on a loaded store.
 *
 * <p>Data set, built once per fork: {@value #KEY_COUNT} keys {@code key:%010d}, each written
 * {@value #VERSIONS_PER_KEY} times ({@value #LOAD_BATCH_SIZE} puts per applied batch, every round at newer
 * timestamps) with {@value #VALUE_SIZE}-byte random values, so every key has {@value #VERSIONS_PER_KEY}
 * versions. The store is then closed and reopened, which flushes everything into SST files: reads go
 * through the block cache and Bloom filters rather than the memtable.
 *
 * <ul>
 *   <li>{@link #getLatest}: point read of a random key at the commit watermark (newest version).</li>
 *   <li>{@link #getOldVersion}: point read of a random key at a timestamp that sees its second-oldest
 *   version, two newer versions above it.</li>
 *   <li>{@link #scanForward100}: forward scan of 100 keys from a random start key, at the watermark.</li>
 *   <li>{@link #scanReverse100}: reverse scan of 100 keys down from a random end key, at the watermark.</li>
 *   <li>{@link #apply100}: apply of a batch of 100 puts of new values to random existing keys. The store
 *   grows during this benchmark (GC is off), so it includes the flushes and compactions that causes.</li>
 * </ul>
 *
 * <p>Run: {@code mvn -pl bench -am package -DskipTests && java -jar bench/target/benchmarks.jar
 * MvccStoreBenchmark}. The store lives under {@code java.io.tmpdir}; move it with
 * {@code -jvmArgsAppend -Djava.io.tmpdir=/some/dir}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
public class MvccStoreBenchmark {
    static final int KEY_COUNT = 100_000;
    static final int VERSIONS_PER_KEY = 4;
    static final int VALUE_SIZE = 100;
    static final int LOAD_BATCH_SIZE = 1_000;
    static final int SCAN_LENGTH = 100;
    static final int APPLY_BATCH_SIZE = 100;
    /** Pre-generated values for apply100, so the benchmark times the store rather than the random generator. */
    private static final int VALUE_POOL_SIZE = 4_096;
    /** Round whose versions getOldVersion reads: 1 of 0..3, so two newer versions sit above it. */
    private static final int OLD_ROUND = 1;

    private Path directory;
    private MvccStore store;
    private byte[][] keys;
    private byte[][] valuePool;
    /** Read timestamp that sees the versions of round {@link #OLD_ROUND} and none of the later rounds. */
    private long oldReadTs;

    // apply100 owns these; the lock keeps timestamp order and apply order the same under -t N.
    private final Object applyLock = new Object();
    private long nextCommitTs;
    private long nextAppliedIndex;

    @Setup
    public void setUp() throws IOException {
        directory = Files.createTempDirectory("elastickv-bench-");
        keys = new byte[KEY_COUNT][];
        for (int i = 0; i < KEY_COUNT; i++) {
            keys[i] = key(i);
        }
        // Fixed seed: every fork and every run loads the same bytes.
        final SplittableRandom random = new SplittableRandom(42);
        valuePool = new byte[VALUE_POOL_SIZE][];
        for (int i = 0; i < VALUE_POOL_SIZE; i++) {
            valuePool[i] = randomValue(random);
        }

        store = RocksMvccStore.open(directory, config());
        // Real HLC values, so the physical part (used for expiry checks) is plausible.
        long commitTs = HybridLogicalClock.compose(System.currentTimeMillis(), 0);
        long appliedIndex = 0;
        for (int round = 0; round < VERSIONS_PER_KEY; round++) {
            for (int start = 0; start < KEY_COUNT; start += LOAD_BATCH_SIZE) {
                final MutationBatch.Builder batch = MutationBatch.builder();
                for (int i = start; i < Math.min(start + LOAD_BATCH_SIZE, KEY_COUNT); i++) {
                    batch.put(keys[i], randomValue(random));
                }
                store.apply(batch.build(), ++commitTs, ++appliedIndex);
            }
            if (round == OLD_ROUND) {
                oldReadTs = commitTs;
            }
        }
        // Closing flushes the memtables (WAL off); reopening starts with everything in SST files and an
        // empty memtable, as a node has after a restart or once the data outgrows the write buffer.
        store.close();
        store = RocksMvccStore.open(directory, config());
        if (store.appliedIndex() != appliedIndex || store.commitWatermark() != commitTs) {
            throw new IllegalStateException("reopened store at appliedIndex=" + store.appliedIndex()
                + " commitWatermark=" + store.commitWatermark() + ", expected " + appliedIndex + "/" + commitTs);
        }
        nextCommitTs = commitTs + 1;
        nextAppliedIndex = appliedIndex + 1;
        verifyDataSet();
    }

    /**
     * Fails the trial rather than timing reads that return nothing: a benchmark of empty results would look
     * fast and mean nothing.
     */
    private void verifyDataSet() {
        final long readTs = store.commitWatermark();
        for (final int i : new int[] {0, 1, KEY_COUNT / 2, KEY_COUNT - 1}) {
            final KeyValue latest = store.getEntry(keys[i], readTs);
            final KeyValue old = store.getEntry(keys[i], oldReadTs);
            if (latest == null || old == null || latest.value().length != VALUE_SIZE
                || old.commitTs() > oldReadTs || old.commitTs() >= latest.commitTs()
                || Arrays.equals(old.value(), latest.value())) {
                throw new IllegalStateException("unexpected versions of key " + i + ": latest=" + latest
                    + " old=" + old);
            }
        }
        final List<KeyValue> forward = store.scan(Bound.inclusive(keys[0]), Bound.unbounded(), readTs,
            SCAN_LENGTH);
        final List<KeyValue> reverse = store.reverseScan(Bound.unbounded(), Bound.inclusive(keys[KEY_COUNT - 1]),
            readTs, SCAN_LENGTH);
        if (forward.size() != SCAN_LENGTH || reverse.size() != SCAN_LENGTH
            || !Arrays.equals(forward.get(SCAN_LENGTH - 1).key(), keys[SCAN_LENGTH - 1])
            || !Arrays.equals(reverse.get(SCAN_LENGTH - 1).key(), keys[KEY_COUNT - SCAN_LENGTH])) {
            throw new IllegalStateException("scans returned " + forward.size() + " and " + reverse.size()
                + " keys, or the wrong ones");
        }
    }

    @TearDown
    public void tearDown() throws IOException {
        try {
            if (store != null) {
                store.close();
            }
        } finally {
            Directories.deleteRecursively(directory);
        }
    }

    @Benchmark
    public byte[] getLatest() {
        return store.get(keys[ThreadLocalRandom.current().nextInt(KEY_COUNT)], store.commitWatermark());
    }

    @Benchmark
    public byte[] getOldVersion() {
        return store.get(keys[ThreadLocalRandom.current().nextInt(KEY_COUNT)], oldReadTs);
    }

    @Benchmark
    public List<KeyValue> scanForward100() {
        // Start low enough that every scan returns a full page, so the cost per key is comparable.
        final int start = ThreadLocalRandom.current().nextInt(KEY_COUNT - SCAN_LENGTH + 1);
        return store.scan(Bound.inclusive(keys[start]), Bound.unbounded(), store.commitWatermark(), SCAN_LENGTH);
    }

    @Benchmark
    public List<KeyValue> scanReverse100() {
        final int end = SCAN_LENGTH - 1 + ThreadLocalRandom.current().nextInt(KEY_COUNT - SCAN_LENGTH + 1);
        return store.reverseScan(Bound.unbounded(), Bound.inclusive(keys[end]), store.commitWatermark(),
            SCAN_LENGTH);
    }

    @Benchmark
    public long apply100() {
        final ThreadLocalRandom random = ThreadLocalRandom.current();
        final MutationBatch.Builder builder = MutationBatch.builder();
        for (int i = 0; i < APPLY_BATCH_SIZE; i++) {
            // Neither array is modified after handing it in, so sharing them across mutations is allowed.
            builder.put(keys[random.nextInt(KEY_COUNT)], valuePool[random.nextInt(VALUE_POOL_SIZE)]);
        }
        final MutationBatch batch = builder.build();
        synchronized (applyLock) {
            final long commitTs = nextCommitTs++;
            store.apply(batch, commitTs, nextAppliedIndex++);
            return commitTs;
        }
    }

    private static Config config() {
        // NO_WAL is what the Raft node runs with (its log is the write-ahead log); SYNC_WAL would time an
        // fsync per apply instead of the store. Background GC is off so no GC slice runs during a measurement.
        return Config.builder()
            .set(StoreConfigKeys.DURABILITY, Durability.NO_WAL)
            .set(StoreConfigKeys.GC_BACKGROUND, false)
            .build();
    }

    static byte[] key(final int i) {
        return String.format("key:%010d", i).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] randomValue(final SplittableRandom random) {
        // Printable random bytes: about as compressible as typical text values, unlike a repeated filler.
        final byte[] value = new byte[VALUE_SIZE];
        for (int i = 0; i < VALUE_SIZE; i++) {
            value[i] = (byte) ('!' + random.nextInt(94));
        }
        return value;
    }
}
