package io.elastickv.redis.command;

import io.elastickv.common.Checks;

/**
 * A glob pattern with the semantics of Redis's {@code stringmatchlen}, the matcher behind KEYS, SCAN ... MATCH
 * and the HSCAN/SSCAN/ZSCAN family (case-sensitive), and CONFIG GET and COMMAND LIST FILTERBY PATTERN
 * ({@link #ofIgnoringCase}, which folds ASCII letters on both sides, range ends included, as Redis's
 * {@code nocase} does): {@code *} any run of bytes, {@code ?} one byte,
 * {@code [abc]}, {@code [^abc]}, {@code [a-z]} one byte of a class, and a backslash taking the next byte
 * literally. Patterns and subjects are raw bytes.
 *
 * <p>Clients see Redis's quirks, so they are kept:
 *
 * <ul>
 *   <li>A pattern never matches an empty subject unless it is empty itself: {@code "*"} does not match
 *   {@code ""}. SCAN-family commands and KEYS do not match at all when the pattern is exactly {@code "*"}
 *   ({@link #matchesEverything()}), which is how they still return an empty name.</li>
 *   <li>Range ends compare as signed bytes ({@code char} on x86), and reversed ranges ({@code [z-a]}) are
 *   swapped; {@code [a-]} is the range from {@code a} to {@code ]}.</li>
 *   <li>An unclosed class ends with the pattern; {@code [^} on its own matches any one byte.</li>
 *   <li>A pattern whose {@code *} nesting exceeds 1000 levels matches nothing, Redis's guard against
 *   abusive patterns; after one {@code *} has failed to place the rest of the pattern anywhere, enclosing
 *   {@code *}s stop trying longer spans (the outcome cannot change, only the time it takes).</li>
 * </ul>
 */
public final class GlobPattern {
    private static final int MAX_NESTING = 1000;

    private final byte[] pattern;
    private final boolean ignoreCase;

    private GlobPattern(final byte[] pattern, final boolean ignoreCase) {
        this.pattern = pattern;
        this.ignoreCase = ignoreCase;
    }

    public static GlobPattern of(final byte[] pattern) {
        return new GlobPattern(Checks.requireNonNull("pattern", pattern).clone(), false);
    }

    public static GlobPattern ofIgnoringCase(final byte[] pattern) {
        return new GlobPattern(Checks.requireNonNull("pattern", pattern).clone(), true);
    }

    /** Whether the pattern has any wildcard ({@code * ? [}); one without names exactly one thing. */
    public boolean hasWildcards() {
        for (final byte b : pattern) {
            if (b == '*' || b == '?' || b == '[') {
                return true;
            }
        }
        return false;
    }

    /** True for the pattern {@code "*"}, which SCAN-family commands and KEYS treat as "no filter". */
    public boolean matchesEverything() {
        return pattern.length == 1 && pattern[0] == '*';
    }

    /**
     * The bytes every match starts with: the pattern up to its first wildcard, escapes resolved. KEYS reads
     * only that range of the ordered key space.
     */
    public byte[] literalPrefix() {
        final java.io.ByteArrayOutputStream prefix = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < pattern.length; i++) {
            final byte c = pattern[i];
            if (c == '*' || c == '?' || c == '[') {
                break;
            }
            if (c == '\\' && i + 1 < pattern.length) {
                i++;
            }
            prefix.write(pattern[i]);
        }
        return prefix.toByteArray();
    }

    public boolean matches(final byte[] subject) {
        return match(0, subject, 0, new boolean[1], 0);
    }

    /**
     * Matches {@code pattern[p..]} against {@code subject[s..]}. {@code gaveUp[0]} is shared by the whole
     * match: set once a {@code *} found no place for the rest of the pattern.
     */
    private boolean match(final int patternFrom, final byte[] subject, final int subjectFrom, final boolean[] gaveUp,
                          final int nesting) {
        if (nesting > MAX_NESTING) {
            return false;
        }
        int p = patternFrom;
        int s = subjectFrom;
        while (p < pattern.length && s < subject.length) {
            switch (pattern[p]) {
                case '*' -> {
                    while (p + 1 < pattern.length && pattern[p + 1] == '*') {
                        p++;
                    }
                    if (p + 1 == pattern.length) {
                        return true;
                    }
                    for (; s < subject.length; s++) {
                        if (match(p + 1, subject, s, gaveUp, nesting + 1)) {
                            return true;
                        }
                        if (gaveUp[0]) {
                            return false;
                        }
                    }
                    gaveUp[0] = true;
                    return false;
                }
                case '?' -> s++;
                case '[' -> {
                    p = matchClass(p + 1, subject[s]);
                    if (p < 0) {
                        return false;
                    }
                    s++;
                }
                default -> {
                    if (pattern[p] == '\\' && p + 1 < pattern.length) {
                        p++;
                    }
                    if (fold(pattern[p]) != fold(subject[s])) {
                        return false;
                    }
                    s++;
                }
            }
            p++;
            if (s == subject.length) {
                while (p < pattern.length && pattern[p] == '*') {
                    p++;
                }
            }
        }
        return p == pattern.length && s == subject.length;
    }

    /**
     * Matches the class that starts at {@code from} (just after its {@code [}) against {@code c}: the index
     * of its closing {@code ]} (or of its last byte when unclosed) on a match, else -1.
     */
    private int matchClass(final int from, final byte c) {
        int p = from;
        final boolean negated = p < pattern.length && pattern[p] == '^';
        if (negated) {
            p++;
        }
        boolean found = false;
        while (true) {
            if (pattern.length - p >= 2 && pattern[p] == '\\') {
                p++;
                found |= fold(pattern[p]) == fold(c);
            } else if (p < pattern.length && pattern[p] == ']') {
                break;
            } else if (p == pattern.length) {
                p--;
                break;
            } else if (pattern.length - p >= 3 && pattern[p + 1] == '-') {
                final int low = Math.min(fold(pattern[p]), fold(pattern[p + 2]));
                final int high = Math.max(fold(pattern[p]), fold(pattern[p + 2]));
                found |= fold(c) >= low && fold(c) <= high;
                p += 2;
            } else {
                found |= fold(pattern[p]) == fold(c);
            }
            p++;
        }
        return found != negated ? p : -1;
    }

    /** The byte as compared: itself, or with ASCII upper case folded to lower case when ignoring case. */
    private int fold(final byte b) {
        return ignoreCase && b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b;
    }
}
