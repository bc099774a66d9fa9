package io.elastickv.redis.command.connection;

/** Redis's strict integer parsing of arguments (string2ll). */
final class Numbers {
    private Numbers() {
    }

    /** The value of {@code text}, or {@link Long#MIN_VALUE} when it is not a strict decimal long. */
    static long parseLong(final byte[] text) {
        if (text.length == 0 || text.length > 20) {
            return Long.MIN_VALUE;
        }
        int i = 0;
        final boolean negative = text[0] == '-';
        if (negative && text.length == 1) {
            return Long.MIN_VALUE;
        }
        if (negative) {
            i = 1;
        }
        if (text[i] == '0') {
            return text.length == 1 ? 0 : Long.MIN_VALUE;
        }
        long value = 0;
        for (; i < text.length; i++) {
            final int digit = text[i] - '0';
            if (digit < 0 || digit > 9 || value > (Long.MAX_VALUE - digit) / 10) {
                return Long.MIN_VALUE;
            }
            value = value * 10 + digit;
        }
        return negative ? -value : value;
    }
}
