package io.elastickv.store.hlc;

import static io.elastickv.store.hlc.HybridLogicalClock.MAX_LOGICAL;
import static io.elastickv.store.hlc.HybridLogicalClock.MAX_PHYSICAL_MS;
import static io.elastickv.store.hlc.HybridLogicalClock.compose;
import static io.elastickv.store.hlc.HybridLogicalClock.logical;
import static io.elastickv.store.hlc.HybridLogicalClock.physicalMs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class HybridLogicalClockTest {
    private final AtomicLong wall = new AtomicLong(1_000);
    private final HybridLogicalClock clock = new HybridLogicalClock(wall::get);

    @Test
    void constantsDescribeTheBitLayout() {
        assertEquals(16, HybridLogicalClock.LOGICAL_BITS);
        assertEquals(0xFFFF, MAX_LOGICAL);
        assertEquals(281_474_976_710_655L, MAX_PHYSICAL_MS);
        assertEquals(1L << 16, compose(1, 0));
        assertEquals(0xFFFFL, compose(0, MAX_LOGICAL));
        assertEquals(-1L, compose(MAX_PHYSICAL_MS, MAX_LOGICAL));
    }

    @Test
    void composeAndDecomposeRoundTrip() {
        final long[] physicals = {0, 1, 1_700_000_000_123L, (1L << 47) - 1, 1L << 47, MAX_PHYSICAL_MS};
        final int[] logicals = {0, 1, 12_345, MAX_LOGICAL};
        for (final long physical : physicals) {
            for (final int logical : logicals) {
                final long ts = compose(physical, logical);
                assertEquals(physical, physicalMs(ts), () -> "physical of " + Long.toHexString(ts));
                assertEquals(logical, logical(ts), () -> "logical of " + Long.toHexString(ts));
            }
        }
    }

    @Test
    void composeRejectsOutOfRangeArgumentsWithNameAndValue() {
        assertMessage(IllegalArgumentException.class, "physicalMs=-1 must be in [0, 281474976710655]",
            () -> compose(-1, 0));
        assertMessage(IllegalArgumentException.class, "physicalMs=281474976710656 must be in [0, 281474976710655]",
            () -> compose(MAX_PHYSICAL_MS + 1, 0));
        assertMessage(IllegalArgumentException.class, "logical=-1 must be in [0, 65535]", () -> compose(0, -1));
        assertMessage(IllegalArgumentException.class, "logical=65536 must be in [0, 65535]",
            () -> compose(0, MAX_LOGICAL + 1));
    }

    @Test
    void otherArgumentChecksNameTheArgument() {
        assertMessage(NullPointerException.class, "wallClockMs=null", () -> new HybridLogicalClock(null));
        assertMessage(IllegalArgumentException.class, "physicalMs=-5 must be in [0, 281474976710655]",
            () -> clock.advancePast(-5));
        assertMessage(IllegalArgumentException.class, "physicalCeiling=-1 must be in [0, 281474976710655]",
            () -> clock.setPhysicalCeiling(-1));
    }

    @Test
    void firstTimestampIsTheWallClock() {
        assertEquals(compose(0, 0), clock.last());
        assertEquals(compose(1_000, 0), clock.now());
        assertEquals(compose(1_000, 1), clock.now());
        assertEquals(compose(1_000, 1), clock.last());
        wall.set(1_001);
        assertEquals(compose(1_001, 0), clock.now());
    }

    @Test
    void wallClockGoingBackwardsNeverMovesTimestampsBack() {
        assertEquals(compose(1_000, 0), clock.now());
        wall.set(500);
        assertEquals(compose(1_000, 1), clock.now());
        assertEquals(compose(1_000, 2), clock.now());
        wall.set(999);
        assertEquals(compose(1_000, 3), clock.now());
        wall.set(1_000);
        assertEquals(compose(1_000, 4), clock.now());
        wall.set(1_002);
        assertEquals(compose(1_002, 0), clock.now());
        wall.set(-7);
        assertEquals(compose(1_002, 1), clock.now());
    }

    @Test
    void logicalOverflowBorrowsTheNextMillisecond() {
        for (int i = 0; i <= MAX_LOGICAL; i++) {
            assertEquals(compose(1_000, i), clock.now());
        }
        assertEquals(compose(1_001, 0), clock.now());
        assertEquals(compose(1_001, 1), clock.now());
        // The wall clock catching up with the borrowed millisecond does not reuse it.
        wall.set(1_001);
        assertEquals(compose(1_001, 2), clock.now());
        wall.set(1_002);
        assertEquals(compose(1_002, 0), clock.now());
    }

    @Test
    void observingAFutureTimestampOrdersLaterTimestampsAfterIt() {
        assertEquals(compose(1_000, 0), clock.now());
        final long remote = compose(5_000, 7);
        clock.observe(remote);
        assertEquals(remote, clock.last());
        assertEquals(compose(5_000, 8), clock.now());
        wall.set(6_000);
        assertEquals(compose(6_000, 0), clock.now());
    }

    @Test
    void observingAPastTimestampChangesNothing() {
        clock.now();
        clock.now();
        final long before = clock.last();
        clock.observe(compose(999, MAX_LOGICAL));
        clock.observe(compose(1_000, 0));
        assertEquals(before, clock.last());
        assertEquals(compose(1_000, 2), clock.now());
    }

    @Test
    void timestampsAboveTwoToTheFortySevenOrderAsUnsigned() {
        final long huge = compose(1L << 47, 3);
        assertTrue(huge < 0, "such a timestamp is a negative long");
        clock.observe(huge);
        clock.observe(compose(1_000, 0));
        assertEquals(huge, clock.last());
        final long next = clock.now();
        assertEquals(1L << 47, physicalMs(next));
        assertEquals(4, logical(next));
    }

    @Test
    void exhaustingTheWholeSpaceFailsWithoutMovingTheClock() {
        clock.observe(compose(MAX_PHYSICAL_MS, MAX_LOGICAL));
        final IllegalStateException e = assertThrows(IllegalStateException.class, clock::now);
        assertTrue(e.getMessage().startsWith("timestamp space exhausted: last()=18446744073709551615"),
            e.getMessage());
        assertEquals(-1L, clock.last());
    }

    @Test
    void advancePastPutsEveryLaterPhysicalPartBeyondIt() {
        assertEquals(compose(1_000, 0), clock.now());
        clock.advancePast(2_000);
        assertEquals(compose(2_001, 0), clock.now());
        assertEquals(compose(2_001, 1), clock.now());
        // An older ceiling, e.g. from a stale leader, must not move the clock back.
        clock.advancePast(1_500);
        assertEquals(compose(2_001, 2), clock.now());
        clock.advancePast(2_001);
        assertEquals(compose(2_002, 0), clock.now());
    }

    @Test
    void ceilingDefaultsToNone() {
        assertEquals(MAX_PHYSICAL_MS, clock.physicalCeiling());
        assertEquals(MAX_PHYSICAL_MS - 1_000, clock.ceilingHeadroomMs());
    }

    @Test
    void ceilingSaturatesThenFailsUntilRenewed() {
        clock.setPhysicalCeiling(1_500);
        assertEquals(1_500, clock.physicalCeiling());
        assertEquals(500, clock.ceilingHeadroomMs());
        assertEquals(compose(1_000, 0), clock.now());

        wall.set(1_800);
        assertEquals(-300, clock.ceilingHeadroomMs());
        for (int i = 0; i <= MAX_LOGICAL; i++) {
            assertEquals(compose(1_500, i), clock.now());
        }
        final IllegalStateException e = assertThrows(IllegalStateException.class, clock::now);
        assertTrue(e.getMessage().contains("physicalCeiling=1500"), e.getMessage());
        assertTrue(e.getMessage().contains("the ceiling must be renewed"), e.getMessage());
        assertEquals(compose(1_500, MAX_LOGICAL), clock.last(), "a failed now() must not move the clock");

        clock.setPhysicalCeiling(3_000);
        assertEquals(1_200, clock.ceilingHeadroomMs());
        assertEquals(compose(1_800, 0), clock.now());
    }

    @Test
    void ceilingBoundsTimestampsBorrowedFromTheFuture() {
        clock.setPhysicalCeiling(1_000);
        for (int i = 0; i <= MAX_LOGICAL; i++) {
            clock.now();
        }
        final IllegalStateException e = assertThrows(IllegalStateException.class, clock::now);
        assertTrue(e.getMessage().contains("physicalCeiling=1000"), e.getMessage());
    }

    @Test
    void observedTimestampAboveTheCeilingBlocksNowUntilRenewed() {
        clock.setPhysicalCeiling(1_500);
        clock.observe(compose(2_000, 0));
        final IllegalStateException e = assertThrows(IllegalStateException.class, clock::now);
        assertTrue(e.getMessage().contains("physicalCeiling=1500"), e.getMessage());
        clock.setPhysicalCeiling(2_500);
        assertEquals(compose(2_000, 1), clock.now());
    }

    @Test
    void ceilingBelowTheLastTimestampIsRejected() {
        clock.observe(compose(2_000, 5));
        assertMessage(IllegalArgumentException.class, "physicalCeiling=1999 must be >= physicalMs(last())=2000",
            () -> clock.setPhysicalCeiling(1_999));
        assertEquals(MAX_PHYSICAL_MS, clock.physicalCeiling(), "a rejected ceiling must not be installed");

        clock.setPhysicalCeiling(2_000);
        assertEquals(2_000, clock.physicalCeiling());
        assertTrue(physicalMs(clock.now()) <= 2_000);
    }

    @Test
    void ceilingWithNoTimestampLeftIsRejected() {
        clock.advancePast(2_000);
        assertMessage(IllegalArgumentException.class, "physicalCeiling=2000 leaves no timestamp after last()="
                + compose(2_000, MAX_LOGICAL) + " (physicalMs=2000, logical=65535)",
            () -> clock.setPhysicalCeiling(2_000));
        assertEquals(MAX_PHYSICAL_MS, clock.physicalCeiling());
    }

    @Test
    void systemClockStartsAtTheCurrentTime() {
        final long before = System.currentTimeMillis();
        assertTrue(physicalMs(HybridLogicalClock.systemClock().now()) >= before);
    }

    @Test
    void strictlyMonotoneUnderConcurrency() throws Exception {
        final int threads = 8;
        final int perThread = 50_000;
        // A wall clock that advances with use and regularly jumps back, so that threads race on every branch:
        // a new millisecond, the same millisecond, and a wall clock behind the last timestamp.
        final AtomicLong reads = new AtomicLong();
        final HybridLogicalClock shared = new HybridLogicalClock(() -> {
            final long n = reads.getAndIncrement();
            return 10_000 + n / 64 - (n % 1_000 < 100 ? 50 : 0);
        });
        final long[][] issued = runConcurrently(threads, thread -> {
            final long[] mine = new long[perThread];
            for (int i = 0; i < perThread; i++) {
                mine[i] = shared.now();
                if (i % 1_000 == 0) {
                    // Interleave observes of old timestamps; they must not disturb anything.
                    shared.observe(compose(10_000, 0));
                }
            }
            return mine;
        });

        final long[] all = new long[threads * perThread];
        for (int t = 0; t < threads; t++) {
            for (int i = 1; i < perThread; i++) {
                final int index = i;
                final int thread = t;
                assertTrue(issued[t][i - 1] < issued[t][i],
                    () -> "thread " + thread + " got " + issued[thread][index - 1] + " then " + issued[thread][index]);
            }
            System.arraycopy(issued[t], 0, all, t * perThread, perThread);
        }
        Arrays.sort(all);
        for (int i = 1; i < all.length; i++) {
            final int index = i;
            assertTrue(all[i - 1] < all[i], () -> "timestamp " + all[index] + " issued twice");
        }
        assertEquals(all[all.length - 1], shared.last());
    }

    @Test
    void loweringTheCeilingWhileOthersIssueNeverLetsATimestampExceedIt() throws Exception {
        // Once setPhysicalCeiling(c) succeeds, no timestamp with a physical part above c may exist, including
        // ones from now() calls that were already running when it was called.
        for (int round = 0; round < 50; round++) {
            final AtomicLong reads = new AtomicLong();
            // Advances fast, so that a now() racing with the ceiling would pick a physical part beyond it.
            final HybridLogicalClock shared = new HybridLogicalClock(() -> 1_000 + reads.getAndIncrement());
            final long[] installed = {-1};
            final long[][] issued = runConcurrently(4, thread -> {
                if (thread == 0) {
                    while (installed[0] < 0) {
                        final long ceiling = physicalMs(shared.last()) + 1;
                        try {
                            shared.setPhysicalCeiling(ceiling);
                            installed[0] = ceiling;
                        } catch (final IllegalArgumentException lostTheRace) {
                            // Another thread got past it first; try a newer ceiling.
                        }
                    }
                    return new long[0];
                }
                final List<Long> mine = new ArrayList<>();
                for (int i = 0; i < 20_000; i++) {
                    try {
                        mine.add(shared.now());
                    } catch (final IllegalStateException ceilingExhausted) {
                        break;
                    }
                }
                return mine.stream().mapToLong(Long::longValue).toArray();
            });
            final long ceiling = installed[0];
            for (final long[] mine : issued) {
                for (final long ts : mine) {
                    assertTrue(physicalMs(ts) <= ceiling,
                        () -> "issued " + physicalMs(ts) + "ms beyond the installed ceiling " + ceiling + "ms");
                }
            }
        }
    }

    private interface Worker {
        long[] run(int thread) throws Exception;
    }

    /** Runs {@code worker} on that many threads released together, returning what each produced. */
    private static long[][] runConcurrently(final int threads, final Worker worker) throws Exception {
        final ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            final CyclicBarrier start = new CyclicBarrier(threads);
            final List<Future<long[]>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                final int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    return worker.run(thread);
                }));
            }
            final long[][] results = new long[threads][];
            for (int t = 0; t < threads; t++) {
                results[t] = futures.get(t).get();
            }
            return results;
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(1, TimeUnit.MINUTES));
        }
    }

    private static <T extends Throwable> void assertMessage(final Class<T> type, final String message,
                                                            final Executable call) {
        assertEquals(message, assertThrows(type, call).getMessage());
    }
}
