package io.elastickv.redis.resp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.OptionalLong;

/**
 * Redis's {@code string2ll}: the integers Redis accepts in request headers and in arguments. An optional
 * {@code -}, then digits with no leading zero (but {@code 0} itself), fitting a signed 64-bit integer; no
 * {@code +}, no spaces, at most 20 characters.
 */
public final class StrictNumbers {
    /** Returned for text that is not a strict integer. */
    public static final long INVALID = Long.MIN_VALUE;

    private static final byte[] MIN_TEXT = Long.toString(Long.MIN_VALUE).getBytes(StandardCharsets.US_ASCII);

    private StrictNumbers() {
    }

    public static long parseLong(final byte[] text) {
        return parseLong(text, 0, text.length);
    }

    /** The value of {@code text[from, to)}, or {@link #INVALID}. */
    public static long parseLong(final byte[] text, final int from, final int to) {
        if (from >= to || to - from > 20) {
            return INVALID;
        }
        int i = from;
        final boolean negative = text[i] == '-';
        if (negative && ++i == to) {
            return INVALID;
        }
        if (text[i] == '0') {
            return to - from == 1 ? 0 : INVALID;
        }
        long value = 0;
        for (; i < to; i++) {
            final int digit = text[i] - '0';
            if (digit < 0 || digit > 9 || value > (Long.MAX_VALUE - digit) / 10) {
                return INVALID;
            }
            value = value * 10 + digit;
        }
        return negative ? -value : value;
    }

    /**
     * Like {@link #parseLong(byte[])}, but over the whole range: {@link Long#MIN_VALUE}, whose text string2ll
     * accepts, is a value here rather than the {@link #INVALID} sentinel. Empty when {@code text} is invalid.
     */
    public static OptionalLong parseAnyLong(final byte[] text) {
        final long value = parseLong(text);
        if (value != INVALID) {
            return OptionalLong.of(value);
        }
        return Arrays.equals(text, MIN_TEXT) ? OptionalLong.of(Long.MIN_VALUE) : OptionalLong.empty();
    }
}
