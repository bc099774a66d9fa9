package io.elastickv.redis.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Redis {@code stringmatchlen} semantics, quirks included. HashDifferentialTest also checks random patterns
 * against redis-server itself.
 */
class GlobPatternTest {
    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "''       | ''       | true",
        "''       | a        | false",
        "a        | a        | true",
        "a        | b        | false",
        "a        | aa       | false",
        "*        | abc      | true",
        "*        | ''       | false",
        "**       | ''       | false",
        "a*       | a        | true",
        "a**      | a        | true",
        "a*b      | a        | false",
        "a*b      | axxb     | true",
        "a*b      | axxbc    | false",
        "*a*b*    | xxaxxbxx | true",
        "*a*b*    | xxbxxaxx | false",
        "?        | a        | true",
        "?        | ''       | false",
        "??       | a        | false",
        "a?c      | abc      | true",
        "[abc]    | b        | true",
        "[abc]    | d        | false",
        "[^abc]   | d        | true",
        "[^abc]   | a        | false",
        "[a-c]    | b        | true",
        "[a-c]    | d        | false",
        "[c-a]    | b        | true",
        // "[a-]" is the range from ']' to 'a' (the '-' takes the ']' as its end), and the class stays open.
        "[a-]     | ^        | true",
        "[a-]     | a        | true",
        "[a-]     | b        | false",
        "[a-]     | -        | false",
        "[a-]x    | x        | true",
        "[a-]x    | ^x       | false",
        "[abc     | c        | true",
        "[abc     | d        | false",
        "[        | a        | false",
        "[^       | a        | true",
        "[^       | ab       | false",
        "[]       | ]        | false",
        "[]]      | ]        | false",
        "[\\]]    | ]        | true",
        "[\\]     | ]        | true",
        "[\\]     | \\       | false",
        "[a\\-z]  | -        | true",
        "[a\\-z]  | b        | false",
        "\\*      | *        | true",
        "\\*      | a        | false",
        "\\?      | a        | false",
        "a\\      | a\\      | true",
        "\\       | \\       | true",
        "h[ae]llo | hello    | true",
        "h[ae]llo | hallo    | true",
        "h[ae]llo | hillo    | false",
        "h*llo    | heeeello | true",
        "*abc     | abcabc   | true",
        "a*a*a*a*b | aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa | false",
    })
    void matchesAsRedisDoes(final String pattern, final String subject, final boolean expected) {
        assertEquals(expected, GlobPattern.of(bytes(pattern)).matches(bytes(subject)));
    }

    @Test
    void rangeEndsCompareAsSignedBytes() {
        // [a-\xff]: 'a' (97) to -1, swapped to -1..97: every ASCII byte up to 'a', and 0xff, but not 'b'
        // or 0x80 (-128).
        final GlobPattern range = GlobPattern.of(new byte[] {'[', 'a', '-', (byte) 0xFF, ']'});
        assertTrue(range.matches(new byte[] {(byte) 0xFF}));
        assertTrue(range.matches(new byte[] {'0'}));
        assertTrue(range.matches(new byte[] {0}));
        assertFalse(range.matches(new byte[] {'b'}));
        assertFalse(range.matches(new byte[] {(byte) 0x80}));
    }

    @Test
    void binaryBytesMatchLiterally() {
        final GlobPattern pattern = GlobPattern.of(new byte[] {0, '*', (byte) 0xFE});
        assertTrue(pattern.matches(new byte[] {0, 1, 2, (byte) 0xFE}));
        assertFalse(pattern.matches(new byte[] {1, (byte) 0xFE}));
    }

    @Test
    void deeplyNestedStarsMatchNothing() {
        // 1000 nested '*' levels are allowed; one more and Redis gives up (no match).
        final String within = "a*".repeat(1000) + "b";
        final String beyond = "a*".repeat(1001) + "b";
        final byte[] subject = bytes("a".repeat(1001) + "b");
        assertTrue(GlobPattern.of(bytes(within)).matches(subject));
        assertFalse(GlobPattern.of(bytes(beyond)).matches(subject));
    }

    @Test
    void pathologicalPatternsFinishQuickly() {
        final byte[] subject = bytes("a".repeat(10_000));
        final long start = System.nanoTime();
        assertFalse(GlobPattern.of(bytes("*a".repeat(50) + "b")).matches(subject));
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "matching took too long");
    }

    @Test
    void onlyASingleStarMatchesEverything() {
        assertTrue(GlobPattern.of(bytes("*")).matchesEverything());
        assertFalse(GlobPattern.of(bytes("**")).matchesEverything());
        assertFalse(GlobPattern.of(bytes("\\*")).matchesEverything());
        assertFalse(GlobPattern.of(bytes("")).matchesEverything());
    }

    @Test
    void ignoringCaseFoldsLiteralsClassesAndRangesAlike() {
        assertTrue(GlobPattern.ofIgnoringCase(bytes("MaxMemory*")).matches(bytes("maxmemory-policy")));
        assertTrue(GlobPattern.ofIgnoringCase(bytes("[A-C]x")).matches(bytes("bX")));
        assertTrue(GlobPattern.ofIgnoringCase(bytes("[q]\\Z?")).matches(bytes("QzA")));
        assertFalse(GlobPattern.of(bytes("MaxMemory*")).matches(bytes("maxmemory-policy")));
        assertFalse(GlobPattern.of(bytes("[A-C]x")).matches(bytes("bX")));
        assertFalse(GlobPattern.ofIgnoringCase(bytes("[a-c]")).matches(bytes("D")));
    }

    @Test
    void wildcardsAreFound() {
        assertTrue(GlobPattern.of(bytes("a*")).hasWildcards());
        assertTrue(GlobPattern.of(bytes("a[b]")).hasWildcards());
        assertFalse(GlobPattern.of(bytes("maxmemory")).hasWildcards());
    }

    @Test
    void thePatternIsCopied() {
        final byte[] text = bytes("a*");
        final GlobPattern pattern = GlobPattern.of(text);
        text[0] = 'b';
        assertTrue(pattern.matches(bytes("abc")));
    }

    private static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
