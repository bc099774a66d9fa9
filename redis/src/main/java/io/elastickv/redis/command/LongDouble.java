package io.elastickv.redis.command;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * The C {@code long double} arithmetic of INCRBYFLOAT and HINCRBYFLOAT, as redis-server on x86-64 does it:
 * parse both operands with {@code strtold}, add them once, print the sum with {@code "%.17Lf"} and cut the
 * trailing zeros. There a {@code long double} is the x87 80-bit extended format: a 64-bit significand, binary
 * exponents up to 2^16383, subnormals down to 2^-16445, round-to-nearest-even. A Java {@code double} has 53
 * bits, so it prints other digits ({@code 5000 + 10.6} is {@code 5010.60000000000000009} in Redis), and the
 * reply is stored, so it must match byte for byte.
 *
 * <p>How it is emulated, exactly and without floating point:
 * <ol>
 *   <li>A finite value is {@code significand × 2^exponent} with a signed {@link BigInteger} significand below
 *   2^64 in magnitude, which writes every x87 value exactly.</li>
 *   <li>Rounding (shared by parsing and adding): a positive exact value {@code n / d × 2^scale} is scaled by
 *   the exponent {@code e} that leaves 64 bits in {@code q = floor(n × 2^(scale-e) / d)}, though never below
 *   the subnormal exponent -16445, where fewer bits remain; the remainder rounds {@code q} half-to-even; a
 *   carry to 2^64 becomes 2^63 at {@code e + 1}; a value of 2^16384 or more is infinite.</li>
 *   <li>Parsing, as Redis's {@code string2ld}: the text must be a whole {@code strtold} number (decimal,
 *   {@code 0x} hexadecimal with a {@code p} exponent, or {@code inf}/{@code infinity}) of fewer than 5120
 *   bytes, without leading space. Its exact value ({@code digits × 10^k}, or {@code digits × 2^k} for
 *   hex) is rounded as above. Redis refuses NaN, and a finite literal that overflows to infinity or
 *   underflows to zero (strtold's ERANGE cases); a subnormal result is accepted.</li>
 *   <li>Adding: IEEE addition is the exact sum rounded once. Two values aligned to the smaller exponent
 *   add as integers, exactly, and that sum is rounded as above. Infinities add as IEEE says (opposite
 *   infinities give NaN).</li>
 *   <li>Formatting: a binary fraction has a finite decimal expansion ({@code m × 2^-n = m × 5^n / 10^n}),
 *   so the value is an exact {@link BigDecimal}; glibc's printf rounds it half-to-even to 17 decimals; then
 *   trailing zeros and a trailing dot go, as in Redis's {@code ld2string}. BigDecimal has no negative zero,
 *   which gives Redis's rewrite of {@code -0} to {@code 0} for free. The longest finite value prints in under
 *   5000 characters, so Redis's 5120-byte buffer never truncates a result.</li>
 * </ol>
 */
public final class LongDouble {
    /** The value of a missing key or field. */
    public static final LongDouble ZERO = new LongDouble(Kind.FINITE, BigInteger.ZERO, 0);

    /** Redis's MAX_LONG_DOUBLE_CHARS: string2ld refuses text this long or longer. */
    private static final int MAX_TEXT = 5 * 1024;
    private static final int SIGNIFICAND_BITS = 64;
    /** The exponent of the smallest subnormal, 2^-16445. */
    private static final int MIN_EXPONENT = -16445;
    /** The exponent of the largest finite value, (2^64 - 1) × 2^16320; one more reaches 2^16384, infinity. */
    private static final int MAX_EXPONENT = 16384 - SIGNIFICAND_BITS;
    /** Decimal exponents beyond these (of the leading digit) are surely out of range: see {@link #decimal}. */
    private static final int MAX_DECIMAL_EXPONENT = 4933;
    private static final int MIN_DECIMAL_EXPONENT = -4952;
    /** Caps a written exponent while it is read: far past any representable value, far from int overflow. */
    private static final int EXPONENT_CAP = 1_000_000;
    private static final int DECIMALS = 17;
    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(SIGNIFICAND_BITS);
    private static final BigInteger FIVE = BigInteger.valueOf(5);

    private static final LongDouble POSITIVE_INFINITY = new LongDouble(Kind.POSITIVE_INFINITY, null, 0);
    private static final LongDouble NEGATIVE_INFINITY = new LongDouble(Kind.NEGATIVE_INFINITY, null, 0);
    private static final LongDouble NAN = new LongDouble(Kind.NAN, null, 0);

    private enum Kind {
        FINITE, POSITIVE_INFINITY, NEGATIVE_INFINITY, NAN
    }

    private final Kind kind;
    /** Finite values: the signed significand, |significand| < 2^64. */
    private final BigInteger significand;
    private final int exponent;

    private LongDouble(final Kind kind, final BigInteger significand, final int exponent) {
        this.kind = kind;
        this.significand = significand;
        this.exponent = exponent;
    }

    /** The value of {@code text} as Redis's string2ld reads it, or null where Redis says "not a valid float". */
    public static LongDouble parse(final byte[] text) {
        if (text.length == 0 || text.length >= MAX_TEXT) {
            return null;
        }
        final String s = new String(text, StandardCharsets.ISO_8859_1);
        final boolean negative = s.charAt(0) == '-';
        final int start = negative || s.charAt(0) == '+' ? 1 : 0;
        final String body = s.substring(start);
        if (body.equalsIgnoreCase("inf") || body.equalsIgnoreCase("infinity")) {
            return negative ? NEGATIVE_INFINITY : POSITIVE_INFINITY;
        }
        final boolean hex = body.length() > 2 && body.charAt(0) == '0' && (body.charAt(1) | 0x20) == 'x';
        final Literal literal = hex ? Literal.read(body.substring(2), 16, 'p', 4) : Literal.read(body, 10, 'e', 1);
        if (literal == null) {
            return null;
        }
        if (literal.digits().signum() == 0) {
            return ZERO;
        }
        final LongDouble value = hex ? binary(negative, literal) : decimal(negative, literal);
        // string2ld refuses a finite literal that overflows to infinity or underflows to zero (ERANGE).
        return value != null && value.isFinite() && value.significand.signum() != 0 ? value : null;
    }

    public boolean isFinite() {
        return kind == Kind.FINITE;
    }

    /** {@code this + other} in x87 extended precision: possibly infinite, or NaN for opposite infinities. */
    public LongDouble add(final LongDouble other) {
        if (kind != Kind.FINITE || other.kind != Kind.FINITE) {
            if (kind == Kind.NAN || other.kind == Kind.NAN
                || kind != Kind.FINITE && other.kind != Kind.FINITE && kind != other.kind) {
                return NAN;
            }
            return kind != Kind.FINITE ? this : other;
        }
        final int common = Math.min(exponent, other.exponent);
        final BigInteger sum = significand.shiftLeft(exponent - common)
            .add(other.significand.shiftLeft(other.exponent - common));
        if (sum.signum() == 0) {
            return ZERO;
        }
        return round(sum.signum() < 0, sum.abs(), BigInteger.ONE, common);
    }

    /** The text Redis stores and replies for a finite value: {@code "%.17Lf"} without trailing zeros. */
    public byte[] format() {
        if (kind != Kind.FINITE) {
            throw new IllegalStateException("only a finite value has a Redis text, not kind=" + kind);
        }
        final BigDecimal exact = exponent >= 0 ? new BigDecimal(significand.shiftLeft(exponent))
            : new BigDecimal(significand.multiply(FIVE.pow(-exponent)), -exponent);
        final String text = exact.setScale(DECIMALS, RoundingMode.HALF_EVEN).toPlainString();
        int end = text.length();
        while (text.charAt(end - 1) == '0') {
            end--;
        }
        if (text.charAt(end - 1) == '.') {
            end--;
        }
        return text.substring(0, end).getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return isFinite() ? new String(format(), StandardCharsets.US_ASCII) : kind.toString();
    }

    /** The long double nearest to {@code digits × 10^scale}, or null when that is surely out of range. */
    private static LongDouble decimal(final boolean negative, final Literal literal) {
        final BigInteger digits = literal.digits();
        final long scale = literal.scale();
        // The leading digit's decimal exponent bounds the value: 10^4933 is past the largest long double
        // (1.19e4932), and below 10^-4951 a value is under half the smallest subnormal (3.6e-4951). Deciding
        // those here keeps 10^scale small for the exact path.
        final long leading = scale + digits.toString().length() - 1;
        if (leading > MAX_DECIMAL_EXPONENT || leading < MIN_DECIMAL_EXPONENT) {
            return null;
        }
        return scale >= 0 ? round(negative, digits.multiply(BigInteger.TEN.pow((int) scale)), BigInteger.ONE, 0)
            : round(negative, digits, BigInteger.TEN.pow((int) -scale), 0);
    }

    /** The long double nearest to {@code digits × 2^scale}, or null when that is surely out of range. */
    private static LongDouble binary(final boolean negative, final Literal literal) {
        // The value lies in [2^(top-1), 2^top): past 2^16384 it overflows, below half the smallest subnormal
        // (2^-16446) it underflows; both are settled before shifting by a huge written exponent.
        final long top = literal.scale() + literal.digits().bitLength();
        if (top > MAX_EXPONENT + SIGNIFICAND_BITS + 1 || top < MIN_EXPONENT - 1) {
            return null;
        }
        return round(negative, literal.digits(), BigInteger.ONE, literal.scale());
    }

    /** {@code [sign]digits} from {@code at} to the end, capped at {@link #EXPONENT_CAP}; null if malformed. */
    private static Long writtenExponent(final String body, final int at) {
        int i = at;
        final boolean negative = i < body.length() && body.charAt(i) == '-';
        if (i < body.length() && (body.charAt(i) == '-' || body.charAt(i) == '+')) {
            i++;
        }
        if (i == body.length()) {
            return null;
        }
        long value = 0;
        for (; i < body.length(); i++) {
            final char c = body.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            value = Math.min(EXPONENT_CAP, value * 10 + (c - '0'));
        }
        return negative ? -value : value;
    }

    /**
     * The long double nearest to {@code n / d × 2^scale} ({@code n, d > 0}), negated when {@code negative};
     * infinite when it rounds to 2^16384 or more.
     */
    private static LongDouble round(final boolean negative, final BigInteger n, final BigInteger d,
                                    final long scale) {
        // n / d lies in [2^(bits(n)-bits(d)-1), 2^(bits(n)-bits(d)+1)), so q gets 64 or 65 bits at this e.
        final long top = n.bitLength() - d.bitLength() + scale;
        long e = Math.max(top - SIGNIFICAND_BITS, MIN_EXPONENT);
        BigInteger[] quotient = scaledQuotient(n, d, scale - e);
        if (quotient[0].bitLength() > SIGNIFICAND_BITS) {
            e++;
            quotient = scaledQuotient(n, d, scale - e);
        }
        BigInteger q = quotient[0];
        final int half = quotient[1].shiftLeft(1).compareTo(quotient[2]);
        if (half > 0 || half == 0 && q.testBit(0)) {
            q = q.add(BigInteger.ONE);
            if (q.equals(TWO_TO_64)) {
                q = q.shiftRight(1);
                e++;
            }
        }
        if (e > MAX_EXPONENT) {
            return negative ? NEGATIVE_INFINITY : POSITIVE_INFINITY;
        }
        if (q.signum() == 0) {
            return ZERO;
        }
        return new LongDouble(Kind.FINITE, negative ? q.negate() : q, (int) e);
    }

    /** {quotient, remainder, divisor} of {@code n × 2^shift / d}, shifting the divisor for a negative shift. */
    private static BigInteger[] scaledQuotient(final BigInteger n, final BigInteger d, final long shift) {
        final BigInteger numerator = shift >= 0 ? n.shiftLeft((int) shift) : n;
        final BigInteger divisor = shift >= 0 ? d : d.shiftLeft((int) -shift);
        final BigInteger[] qr = numerator.divideAndRemainder(divisor);
        return new BigInteger[] {qr[0], qr[1], divisor};
    }

    /** A literal's digits and the power scaling them: {@code digits × 10^scale}, or {@code × 2^scale} for hex. */
    private record Literal(BigInteger digits, long scale) {
        /**
         * Reads all of {@code body} as {@code digits[.digits][marker[sign]digits]} in {@code radix}, with at
         * least one mantissa digit; each digit after the point lowers the scale by {@code fractionWeight}.
         * Null when malformed.
         */
        static Literal read(final String body, final int radix, final char marker, final int fractionWeight) {
            final StringBuilder digits = new StringBuilder();
            int fraction = -1;
            int i = 0;
            for (; i < body.length(); i++) {
                final char c = body.charAt(i);
                if (c == '.' && fraction < 0) {
                    fraction = 0;
                } else if (c < 0x80 && Character.digit(c, radix) >= 0) {
                    digits.append(c);
                    if (fraction >= 0) {
                        fraction++;
                    }
                } else {
                    break;
                }
            }
            if (digits.length() == 0) {
                return null;
            }
            long exponent = 0;
            if (i < body.length()) {
                final Long written = (body.charAt(i) | 0x20) == marker ? writtenExponent(body, i + 1) : null;
                if (written == null) {
                    return null;
                }
                exponent = written;
            }
            return new Literal(new BigInteger(digits.toString(), radix),
                exponent - (long) fractionWeight * Math.max(fraction, 0));
        }
    }
}
