package io.elastickv.redis.command.generic;

import java.io.ByteArrayOutputStream;

/**
 * A KEYS / SCAN MATCH pattern: whether a key matches, and the literal bytes every match starts with, so
 * KEYS can read only the keys in that range of the (ordered) key space.
 */
final class KeyPattern {
    private final byte[] pattern;
    private final byte[] literalPrefix;

    private KeyPattern(final byte[] pattern) {
        this.pattern = pattern;
        this.literalPrefix = literalPrefix(pattern);
    }

    static KeyPattern of(final byte[] pattern) {
        return new KeyPattern(pattern);
    }

    /** The bytes before the first wildcard, with escapes resolved. */
    byte[] literalPrefix() {
        return literalPrefix;
    }

    boolean matches(final byte[] key) {
        return globMatches(pattern, key);
    }

    private static byte[] literalPrefix(final byte[] pattern) {
        final ByteArrayOutputStream prefix = new ByteArrayOutputStream();
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

    // ---- glob matching (Redis's stringmatchlen, case-sensitive). The shared
    // io.elastickv.redis.command.GlobPattern, written in parallel, replaces the methods below when the
    // branches merge; nothing else in this class depends on how they work.

    /** '*' backtracks to the last star only, which is enough because '*' is the only variable-width token. */
    private static boolean globMatches(final byte[] p, final byte[] s) {
        int pi = 0;
        int si = 0;
        int starPattern = -1;
        int starString = 0;
        while (si < s.length) {
            if (pi < p.length && p[pi] == '*') {
                starPattern = ++pi;
                starString = si;
                continue;
            }
            final int next = pi < p.length ? matchOne(p, pi, s[si]) : -1;
            if (next >= 0) {
                pi = next;
                si++;
            } else if (starPattern >= 0) {
                pi = starPattern;
                si = ++starString;
            } else {
                return false;
            }
        }
        while (pi < p.length && p[pi] == '*') {
            pi++;
        }
        return pi == p.length;
    }

    /** Matches the token at {@code p[pi]} against one byte: the index after the token, or -1. */
    private static int matchOne(final byte[] p, final int pi, final byte c) {
        return switch (p[pi]) {
            case '?' -> pi + 1;
            case '[' -> matchClass(p, pi + 1, c);
            case '\\' -> pi + 1 < p.length ? (p[pi + 1] == c ? pi + 2 : -1) : (c == '\\' ? pi + 1 : -1);
            default -> p[pi] == c ? pi + 1 : -1;
        };
    }

    /** A {@code [...]} class starting after its '['; an unterminated class runs to the pattern's end. */
    private static int matchClass(final byte[] p, final int start, final byte c) {
        int i = start;
        final boolean negated = i < p.length && p[i] == '^';
        if (negated) {
            i++;
        }
        boolean match = false;
        while (i < p.length && p[i] != ']') {
            if (p[i] == '\\' && i + 1 < p.length) {
                i++;
                match |= p[i] == c;
            } else if (i + 2 < p.length && p[i + 1] == '-') {
                final int low = Math.min(p[i] & 0xFF, p[i + 2] & 0xFF);
                final int high = Math.max(p[i] & 0xFF, p[i + 2] & 0xFF);
                match |= (c & 0xFF) >= low && (c & 0xFF) <= high;
                i += 2;
            } else {
                match |= p[i] == c;
            }
            i++;
        }
        return match != negated ? Math.min(i + 1, p.length) : -1;
    }
}
