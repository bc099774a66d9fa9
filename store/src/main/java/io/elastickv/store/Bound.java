package io.elastickv.store;

import io.elastickv.common.Checks;
import java.util.Arrays;
import java.util.HexFormat;

/** One end of a scan range over user keys: inclusive, exclusive or unbounded. */
public final class Bound {
    private static final Bound UNBOUNDED = new Bound(null, false);

    private final byte[] key;
    private final boolean inclusive;

    private Bound(final byte[] key, final boolean inclusive) {
        this.key = key;
        this.inclusive = inclusive;
    }

    public static Bound inclusive(final byte[] key) {
        return new Bound(Checks.requireNonNull("key", key), true);
    }

    public static Bound exclusive(final byte[] key) {
        return new Bound(Checks.requireNonNull("key", key), false);
    }

    public static Bound unbounded() {
        return UNBOUNDED;
    }

    public boolean isUnbounded() {
        return key == null;
    }

    public boolean isInclusive() {
        return inclusive;
    }

    /** The bound's key; {@code null} when unbounded. */
    public byte[] key() {
        return key;
    }

    /** True when {@code userKey} lies beyond this bound taken as the upper end of a range. */
    public boolean isAboveUpper(final byte[] userKey) {
        if (key == null) {
            return false;
        }
        final int cmp = Arrays.compareUnsigned(userKey, key);
        return inclusive ? cmp > 0 : cmp >= 0;
    }

    /** True when {@code userKey} lies beyond this bound taken as the lower end of a range. */
    public boolean isBelowLower(final byte[] userKey) {
        if (key == null) {
            return false;
        }
        final int cmp = Arrays.compareUnsigned(userKey, key);
        return inclusive ? cmp < 0 : cmp <= 0;
    }

    @Override
    public String toString() {
        return key == null ? "unbounded" : (inclusive ? "[" : "(") + HexFormat.of().formatHex(key);
    }
}
