package io.elastickv.common;

/**
 * Argument checks that fail with the offending {@code name=value}, so a stack trace alone tells which
 * argument was wrong and what it held.
 */
public final class Checks {
    private Checks() {
    }

    public static <T> T requireNonNull(final String name, final T value) {
        if (value == null) {
            throw new NullPointerException(name + "=null");
        }
        return value;
    }

    public static long requirePositive(final String name, final long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + "=" + value + " must be > 0");
        }
        return value;
    }

    public static int requirePositive(final String name, final int value) {
        return (int) requirePositive(name, (long) value);
    }

    public static long requireNonNegative(final String name, final long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + "=" + value + " must be >= 0");
        }
        return value;
    }

    public static long requireInRange(final String name, final long value, final long min, final long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + "=" + value + " must be in [" + min + ", " + max + "]");
        }
        return value;
    }

    public static int requireInRange(final String name, final int value, final int min, final int max) {
        return (int) requireInRange(name, (long) value, min, (long) max);
    }
}
