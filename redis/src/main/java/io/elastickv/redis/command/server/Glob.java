package io.elastickv.redis.command.server;

/**
 * Redis's glob patterns (CONFIG GET, COMMAND LIST FILTERBY PATTERN): {@code *}, {@code ?}, {@code [abc]},
 * {@code [^a-z]}, and {@code \} escaping the next character. Matching backtracks only to the last
 * {@code *}, so it takes time proportional to pattern times text, never exponential.
 */
public final class Glob {
    private Glob() {
    }

    /** Whether {@code pattern} contains any of Redis's wildcard characters {@code * ? [}. */
    public static boolean hasWildcards(final byte[] pattern) {
        for (final byte b : pattern) {
            if (b == '*' || b == '?' || b == '[') {
                return true;
            }
        }
        return false;
    }

    public static boolean matches(final byte[] pattern, final byte[] text, final boolean ignoreCase) {
        int p = 0;
        int t = 0;
        int starP = -1;
        int starT = -1;
        while (t < text.length) {
            if (p < pattern.length && pattern[p] == '*') {
                starP = ++p;
                starT = t;
                continue;
            }
            final int next = p < pattern.length ? matchOne(pattern, p, text[t], ignoreCase) : -1;
            if (next >= 0) {
                p = next;
                t++;
            } else if (starP >= 0) {
                p = starP;
                t = ++starT;
            } else {
                return false;
            }
        }
        while (p < pattern.length && pattern[p] == '*') {
            p++;
        }
        return p == pattern.length;
    }

    /** If the pattern element at {@code p} matches {@code c}: the index after that element; else -1. */
    private static int matchOne(final byte[] pattern, final int p, final byte c, final boolean ignoreCase) {
        final byte head = pattern[p];
        if (head == '?') {
            return p + 1;
        }
        if (head == '[') {
            return matchClass(pattern, p + 1, c, ignoreCase);
        }
        if (head == '\\' && p + 1 < pattern.length) {
            return same(pattern[p + 1], c, ignoreCase) ? p + 2 : -1;
        }
        return same(head, c, ignoreCase) ? p + 1 : -1;
    }

    /** A {@code [...]} class starting after its {@code [}; an unclosed class runs to the pattern's end. */
    private static int matchClass(final byte[] pattern, final int start, final byte c, final boolean ignoreCase) {
        int p = start;
        final boolean negated = p < pattern.length && pattern[p] == '^';
        if (negated) {
            p++;
        }
        boolean found = false;
        while (p < pattern.length && pattern[p] != ']') {
            if (pattern[p] == '\\' && p + 1 < pattern.length) {
                found |= same(pattern[p + 1], c, ignoreCase);
                p += 2;
            } else if (p + 2 < pattern.length && pattern[p + 1] == '-' && pattern[p + 2] != ']') {
                final int low = Math.min(fold(pattern[p], ignoreCase), fold(pattern[p + 2], ignoreCase));
                final int high = Math.max(fold(pattern[p], ignoreCase), fold(pattern[p + 2], ignoreCase));
                final int folded = fold(c, ignoreCase);
                found |= folded >= low && folded <= high;
                p += 3;
            } else {
                found |= same(pattern[p], c, ignoreCase);
                p++;
            }
        }
        final int after = p < pattern.length ? p + 1 : p;
        return found != negated ? after : -1;
    }

    private static boolean same(final byte a, final byte b, final boolean ignoreCase) {
        return fold(a, ignoreCase) == fold(b, ignoreCase);
    }

    private static int fold(final byte b, final boolean ignoreCase) {
        final int c = b & 0xff;
        return ignoreCase && c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
    }
}
