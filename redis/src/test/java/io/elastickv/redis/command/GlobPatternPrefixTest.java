package io.elastickv.redis.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The literal prefix KEYS seeks to: every key the pattern matches starts with it. */
class GlobPatternPrefixTest {
    @Test
    void literalPrefixStopsAtTheFirstWildcardAndResolvesEscapes() {
        assertPrefix("user:", "user:*");
        assertPrefix("user:", "user:?x");
        assertPrefix("user:", "user:[ab]");
        assertPrefix("abc", "abc");
        assertPrefix("a*b", "a\\*b*");
        assertPrefix("a\\", "a\\");
        assertPrefix("", "*");
        assertPrefix("", "");
    }

    @Test
    void aKeyOutsideThePrefixRangeNeverMatches() {
        int matched = 0;
        for (final String pattern : new String[] {"user:*", "a\\*b*", "abc", "user:[ab]", "u?er"}) {
            final GlobPattern compiled = GlobPattern.of(bytes(pattern));
            for (final String key : new String[] {"user:a", "a*bc", "abc", "user:b", "uxer", "other", "a\\*b"}) {
                final byte[] prefix = compiled.literalPrefix();
                if (compiled.matches(bytes(key))) {
                    matched++;
                    assertArrayEquals(prefix, Arrays.copyOf(bytes(key), prefix.length), pattern + " / " + key);
                }
            }
        }
        // user:a, user:b (twice), a*bc, abc, uxer: the check above ran on real matches.
        assertEquals(7, matched);
    }

    private static void assertPrefix(final String expected, final String pattern) {
        assertArrayEquals(bytes(expected), GlobPattern.of(bytes(pattern)).literalPrefix(), pattern);
    }

    private static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
