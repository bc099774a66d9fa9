package io.elastickv.store.hlc;

import io.elastickv.common.Checks;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A hybrid logical clock (HLC): timestamps that stay close to wall-clock time but are strictly monotone and
 * respect causality even when wall clocks drift, step backwards or disagree between nodes.
 *
 * <p>The algorithm is the one in Kulkarni, Demirbas, Madappa, Avva and Leone, <i>Logical Physical Clocks
 * and Consistent Snapshots in Globally Distributed Databases</i> (OPODIS 2014). A timestamp is a pair
 * {@code (l, c)}: {@code l} is the largest wall-clock time this node has seen, its own or one carried by a
 * message, and {@code c} is a counter that orders events sharing the same {@code l}. To issue a timestamp
 * ({@link #now()}), {@code l} becomes {@code max(l, wall)}; if {@code l} did not move, {@code c} is
 * incremented, otherwise it restarts at 0. To receive one ({@link #observe(long)}), the received pair is
 * merged in so that everything issued afterwards orders after it. {@code l} therefore never runs behind the
 * wall clock, and runs ahead of it only by the clock skew between nodes, which is what lets a timestamp
 * serve both as an MVCC version and as an approximate real time.
 *
 * <p>A timestamp is packed into one {@code long} so that comparing two timestamps is comparing two numbers:
 *
 * <pre>
 *  63                                             16 15                 0
 * +-------------------------------------------------+--------------------+
 * |   physical: wall-clock milliseconds (48 bits)   |  logical (16 bits) |
 * +-------------------------------------------------+--------------------+
 * </pre>
 *
 * <p>48 bits of milliseconds reach the year 10889. Timestamps order as <em>unsigned</em> longs; signed order
 * agrees with it while the physical part is below 2<sup>47</sup> ms (the year 6429), and this class compares
 * unsigned throughout so that the whole declared range works. Because the logical counter is the low bits,
 * a counter that would overflow simply carries into the physical part: the clock borrows a millisecond from
 * the future, which the wall clock later catches up with.
 *
 * <p><b>Physical ceiling.</b> A Raft leader issues timestamps only up to a physical {@linkplain
 * #setPhysicalCeiling(long) ceiling} it has replicated, and keeps renewing it ahead of the wall clock. A
 * newly elected leader calls {@link #advancePast(long)} with the last replicated ceiling, so its timestamps
 * exceed every one its predecessor can have issued even if its own wall clock is behind.
 *
 * <p>All methods are thread-safe. {@link #now()}, {@link #observe(long)} and {@link #advancePast(long)} are
 * lock-free; the ceiling setter takes a lock because it is rare.
 */
public final class HybridLogicalClock {
    /** Width of the logical counter, the low bits of a timestamp. */
    public static final int LOGICAL_BITS = 16;
    public static final int MAX_LOGICAL = 0xFFFF;
    public static final long MAX_PHYSICAL_MS = (1L << (Long.SIZE - LOGICAL_BITS)) - 1;

    private final LongSupplier wallClockMs;
    /** The latest timestamp issued or observed. Only ever grows (unsigned), so compare-and-set has no ABA. */
    private final AtomicLong last = new AtomicLong(compose(0, 0));
    private volatile long physicalCeiling = MAX_PHYSICAL_MS;
    private final Object ceilingLock = new Object();

    public HybridLogicalClock(final LongSupplier wallClockMs) {
        this.wallClockMs = Checks.requireNonNull("wallClockMs", wallClockMs);
    }

    public static HybridLogicalClock systemClock() {
        return new HybridLogicalClock(System::currentTimeMillis);
    }

    public static long compose(final long physicalMs, final int logical) {
        Checks.requireInRange("physicalMs", physicalMs, 0, MAX_PHYSICAL_MS);
        Checks.requireInRange("logical", logical, 0, MAX_LOGICAL);
        return physicalMs << LOGICAL_BITS | logical;
    }

    // Every long decodes to a valid pair, so the accessors need no checks.

    public static long physicalMs(final long timestamp) {
        return timestamp >>> LOGICAL_BITS;
    }

    public static int logical(final long timestamp) {
        return (int) (timestamp & MAX_LOGICAL);
    }

    /**
     * Issues a timestamp greater than every timestamp this clock issued before and every one passed to
     * {@link #observe(long)}, with a physical part no greater than the {@linkplain #physicalCeiling() ceiling}.
     *
     * @throws IllegalStateException if no such timestamp exists: the logical space at the ceiling is used up
     *     (renew the ceiling), or, without a ceiling, the whole 64-bit space is
     */
    public long now() {
        // Read once: a retry after losing a race may use a slightly stale wall time, which the max with the
        // newer `prev` makes harmless, and a supplier that does a system call stays off the contended path.
        final long wall = wallClockMs.getAsLong();
        while (true) {
            final long prev = last.get();
            // Must be read after `last`: setPhysicalCeiling relies on this order to fence off racing calls.
            final long ceiling = physicalCeiling;
            if (Long.compareUnsigned(prev, compose(ceiling, MAX_LOGICAL)) >= 0) {
                throw exhausted(prev, ceiling, wall);
            }
            // A wall time outside [0, ceiling] is either behind us (ignored by the max below) or beyond the
            // ceiling (saturate at the ceiling and keep counting there).
            final long floor = compose(Math.max(0, Math.min(wall, ceiling)), 0);
            // prev + 1 is "same physical, logical + 1", carrying into the physical part on overflow.
            final long next = unsignedMax(prev + 1, floor);
            if (last.compareAndSet(prev, next)) {
                return next;
            }
        }
    }

    /** The latest timestamp issued or observed ({@code compose(0, 0)} for a fresh clock). */
    public long last() {
        return last.get();
    }

    /**
     * Merges in a timestamp received from elsewhere, so that every later {@link #now()} orders after it. Never
     * moves the clock backwards. Not limited by the ceiling: if {@code timestamp} is above it, {@link #now()}
     * fails until the ceiling is renewed past it, since issuing anything would break either order or ceiling.
     */
    public void observe(final long timestamp) {
        last.accumulateAndGet(timestamp, HybridLogicalClock::unsignedMax);
    }

    /**
     * Makes every timestamp issued from now on have a physical part greater than {@code physicalMs}. A new
     * leader passes its predecessor's replicated ceiling, which bounds everything the predecessor issued.
     */
    public void advancePast(final long physicalMs) {
        observe(compose(physicalMs, MAX_LOGICAL));
    }

    /**
     * Bounds the physical part of every timestamp {@link #now()} issues from now on; {@link #MAX_PHYSICAL_MS}
     * removes the bound. Once the wall clock passes the ceiling, {@link #now()} keeps issuing at the ceiling
     * with a growing logical counter, and fails once that is used up.
     *
     * <p>When this lowers the ceiling, it also consumes one timestamp value ({@link #last()} grows by one
     * without that value being issued), so that a {@link #now()} racing with it cannot go on to issue a
     * timestamp it chose under the old, higher ceiling.
     *
     * @throws IllegalArgumentException if {@code physicalMs} is below the physical part of {@link #last()}, or
     *     equal to it while the logical part is already {@link #MAX_LOGICAL}: such a ceiling could not hold
     *     for what has already been issued, or would leave nothing to issue
     */
    public void setPhysicalCeiling(final long physicalMs) {
        Checks.requireInRange("physicalCeiling", physicalMs, 0, MAX_PHYSICAL_MS);
        synchronized (ceilingLock) {
            final long previous = physicalCeiling;
            final String rejection = noRoomUnder(physicalMs, last.get());
            if (rejection != null) {
                throw new IllegalArgumentException(rejection);
            }
            physicalCeiling = physicalMs;
            if (physicalMs >= previous) {
                // A now() that read the old ceiling chose a timestamp under it, hence under the new one too.
                return;
            }
            // A now() may have read `last` and the old ceiling before the write above and not yet committed
            // its choice, which may exceed the new ceiling. Changing `last` makes its compare-and-set fail;
            // its retry reads `last` after this change and so the ceiling after the write above.
            while (true) {
                final long current = last.get();
                final String problem = noRoomUnder(physicalMs, current);
                if (problem != null) {
                    // A racing now() or observe() got past it before the fence: the ceiling cannot hold.
                    physicalCeiling = previous;
                    throw new IllegalArgumentException(problem);
                }
                if (last.compareAndSet(current, current + 1)) {
                    return;
                }
            }
        }
    }

    /** The bound set by {@link #setPhysicalCeiling(long)}; {@link #MAX_PHYSICAL_MS} when there is none. */
    public long physicalCeiling() {
        return physicalCeiling;
    }

    /**
     * The ceiling minus the current wall-clock time, negative once the wall clock has passed it. A leader
     * renews the ceiling before this runs out, so that {@link #now()} never has to saturate.
     */
    public long ceilingHeadroomMs() {
        return physicalCeiling - wallClockMs.getAsLong();
    }

    /** Why {@code ceiling} cannot bound a clock whose last timestamp is {@code timestamp}, or null if it can. */
    private static String noRoomUnder(final long ceiling, final long timestamp) {
        final long physical = physicalMs(timestamp);
        if (physical > ceiling) {
            return "physicalCeiling=" + ceiling + " must be >= physicalMs(last())=" + physical;
        }
        if (timestamp == compose(ceiling, MAX_LOGICAL)) {
            return "physicalCeiling=" + ceiling + " leaves no timestamp after last()="
                + Long.toUnsignedString(timestamp) + " (physicalMs=" + physical + ", logical=" + MAX_LOGICAL + ")";
        }
        return null;
    }

    private static IllegalStateException exhausted(final long last, final long ceiling, final long wall) {
        final String state = "last()=" + Long.toUnsignedString(last) + " (physicalMs=" + physicalMs(last)
            + ", logical=" + logical(last) + "), wallClockMs=" + wall;
        if (ceiling == MAX_PHYSICAL_MS) {
            return new IllegalStateException("timestamp space exhausted: " + state);
        }
        return new IllegalStateException("no timestamp left at or below physicalCeiling=" + ceiling + ": " + state
            + "; the ceiling must be renewed");
    }

    private static long unsignedMax(final long a, final long b) {
        return Long.compareUnsigned(a, b) >= 0 ? a : b;
    }
}
