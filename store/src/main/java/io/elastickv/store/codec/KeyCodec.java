package io.elastickv.store.codec;

import io.elastickv.common.Checks;
import java.util.Arrays;

/**
 * Maps a user key and a commit timestamp to the RocksDB key of that version, so that bytewise order of the
 * RocksDB keys is: user keys in unsigned lexicographic order, and within one user key its versions newest
 * first. One seek to {@code versionKey(k, readTs)} then lands on the version of {@code k} visible at
 * {@code readTs}.
 *
 * <pre>
 *  version key
 *  +--------------------------------------------+------------+-------------+-------------------------+
 *  | user key; every 0x00 byte written 0x00 0xFF | terminator |  padding    | ~commitTs               |
 *  |                                            | 0x00 0x01  | 0x00 ...    | 8 bytes, big-endian     |
 *  +--------------------------------------------+------------+-------------+-------------------------+
 *  |&lt;---------------- key prefix: at least PREFIX_LENGTH bytes -----------&gt;|&lt;-- TIMESTAMP_LENGTH --&gt;|
 * </pre>
 *
 * <p><b>Order preserving.</b> Bytes other than 0x00 are copied; 0x00 becomes 0x00 0xFF. Where two keys first
 * differ, their encodings differ the same way. Where one key is a prefix of the other, the shorter key's
 * encoding has its terminator 0x00 0x01 where the longer one has either a byte above 0x00 or 0x00 0xFF, so
 * the shorter key sorts first, as it does unencoded.
 *
 * <p><b>Prefix free.</b> 0x00 0x01 never occurs inside an escaped key, so no encoded key is a prefix of
 * another. Therefore two version keys of different user keys are ordered by their user keys alone and the
 * timestamp bytes never take part; this is what keeps the versions of {@code user:1} from interleaving
 * with those of {@code user:10} (the failure of a plain {@code key || ts} layout).
 *
 * <p><b>Padding.</b> RocksJava offers only fixed and capped prefix extractors. The store uses a capped
 * extractor of {@link #PREFIX_LENGTH} bytes for its prefix Bloom filters, and that prefix must never reach
 * into the timestamp, or a seek at one timestamp would consult the filter under a different prefix than
 * the version was written with. Short keys are therefore padded with 0x00 after the terminator up to
 * {@code PREFIX_LENGTH}; padding follows the terminator, so it changes neither order nor prefix freedom.
 * The prefix length is part of the on-disk format.
 *
 * <p><b>Inverted timestamp.</b> {@code ~commitTs} in big-endian makes newer versions sort first.
 */
public final class KeyCodec {
    /** Minimum length of a key prefix, and the length of the RocksDB prefix used for Bloom filters. */
    public static final int PREFIX_LENGTH = 16;
    public static final int TIMESTAMP_LENGTH = 8;

    private static final byte ESCAPE = 0x00;
    private static final byte ESCAPED_ZERO = (byte) 0xFF;
    private static final byte TERMINATOR = 0x01;

    private KeyCodec() {
    }

    /** The bytes shared by all versions of {@code userKey}: escaped key, terminator, padding. */
    public static byte[] keyPrefix(final byte[] userKey) {
        return encode(userKey, 0, false, 0);
    }

    /** The RocksDB key of the version of {@code userKey} committed at {@code commitTs}. */
    public static byte[] versionKey(final byte[] userKey, final long commitTs) {
        return encode(userKey, TIMESTAMP_LENGTH, true, commitTs);
    }

    /** The RocksDB key of a version, given the key prefix from {@link #keyPrefix}. */
    public static byte[] versionKeyOfPrefix(final byte[] keyPrefix, final long commitTs) {
        final byte[] out = Arrays.copyOf(keyPrefix, keyPrefix.length + TIMESTAMP_LENGTH);
        putInvertedTimestamp(out, keyPrefix.length, commitTs);
        return out;
    }

    /**
     * A key that sorts after every version of {@code userKey} and before every version of any greater user
     * key: the key prefix, the oldest possible version (all 0xFF), and one more byte.
     */
    public static byte[] afterAllVersions(final byte[] userKey) {
        final byte[] out = encode(userKey, TIMESTAMP_LENGTH + 1, true, 0L);
        out[out.length - 1] = 0x00;
        return out;
    }

    /** A key that sorts after every version of the user key of {@code versionKey} and before any greater key. */
    public static byte[] afterVersionsOf(final byte[] versionKey) {
        final int prefixLength = prefixLength(versionKey);
        final byte[] out = Arrays.copyOf(versionKey, prefixLength + TIMESTAMP_LENGTH + 1);
        Arrays.fill(out, prefixLength, prefixLength + TIMESTAMP_LENGTH, (byte) 0xFF);
        return out;
    }

    /** The key prefix of a version key: a key that sorts before every version of its user key. */
    public static byte[] keyPrefixOf(final byte[] versionKey) {
        return Arrays.copyOf(versionKey, prefixLength(versionKey));
    }

    /** The version key of the same user key at another timestamp. */
    public static byte[] withCommitTs(final byte[] versionKey, final long commitTs) {
        final byte[] out = versionKey.clone();
        putInvertedTimestamp(out, prefixLength(versionKey), commitTs);
        return out;
    }

    /** The commit timestamp stored in a version key. */
    public static long commitTs(final byte[] versionKey) {
        requireVersionKey(versionKey);
        long inverted = 0;
        for (int i = versionKey.length - TIMESTAMP_LENGTH; i < versionKey.length; i++) {
            inverted = (inverted << 8) | (versionKey[i] & 0xFF);
        }
        return ~inverted;
    }

    /** Length of the key prefix of a version key; versions of one user key share these bytes. */
    public static int prefixLength(final byte[] versionKey) {
        requireVersionKey(versionKey);
        return versionKey.length - TIMESTAMP_LENGTH;
    }

    /** True when both version keys belong to the same user key (their key prefixes are equal). */
    public static boolean sameUserKey(final byte[] versionKey, final byte[] otherVersionKey) {
        final int length = versionKey.length - TIMESTAMP_LENGTH;
        return otherVersionKey.length == versionKey.length
            && Arrays.equals(versionKey, 0, length, otherVersionKey, 0, length);
    }

    /** True when {@code versionKey} is a version of the user key whose key prefix is {@code keyPrefix}. */
    public static boolean hasKeyPrefix(final byte[] versionKey, final byte[] keyPrefix) {
        return versionKey.length == keyPrefix.length + TIMESTAMP_LENGTH
            && Arrays.equals(versionKey, 0, keyPrefix.length, keyPrefix, 0, keyPrefix.length);
    }

    /** Decodes the user key of a version key (or of a bare key prefix). */
    public static byte[] userKey(final byte[] encoded) {
        int length = 0;
        for (int i = 0; i < encoded.length; i++) {
            if (encoded[i] == ESCAPE) {
                if (i + 1 >= encoded.length) {
                    break;
                }
                if (encoded[i + 1] == TERMINATOR) {
                    return unescape(encoded, i, length);
                }
                if (encoded[i + 1] != ESCAPED_ZERO) {
                    throw new IllegalArgumentException("invalid escape 0x00 0x"
                        + Integer.toHexString(encoded[i + 1] & 0xFF) + " at offset=" + i);
                }
                i++;
            }
            length++;
        }
        throw new IllegalArgumentException("no terminator in encoded key of length=" + encoded.length);
    }

    private static byte[] unescape(final byte[] encoded, final int terminatorAt, final int length) {
        final byte[] out = new byte[length];
        int o = 0;
        for (int i = 0; i < terminatorAt; i++) {
            out[o++] = encoded[i];
            if (encoded[i] == ESCAPE) {
                i++;
            }
        }
        return out;
    }

    private static byte[] encode(final byte[] userKey, final int tail, final boolean withTimestamp,
                                 final long commitTs) {
        Checks.requireNonNull("userKey", userKey);
        int zeros = 0;
        for (final byte b : userKey) {
            if (b == ESCAPE) {
                zeros++;
            }
        }
        final int prefixLength = Math.max(PREFIX_LENGTH, userKey.length + zeros + 2);
        final byte[] out = new byte[prefixLength + tail];
        int o = 0;
        if (zeros == 0) {
            System.arraycopy(userKey, 0, out, 0, userKey.length);
            o = userKey.length;
        } else {
            for (final byte b : userKey) {
                out[o++] = b;
                if (b == ESCAPE) {
                    out[o++] = ESCAPED_ZERO;
                }
            }
        }
        out[o++] = ESCAPE;
        out[o] = TERMINATOR;
        // padding bytes are already 0x00
        if (withTimestamp) {
            putInvertedTimestamp(out, prefixLength, commitTs);
        }
        return out;
    }

    private static void putInvertedTimestamp(final byte[] out, final int offset, final long commitTs) {
        final long inverted = ~commitTs;
        for (int i = 0; i < TIMESTAMP_LENGTH; i++) {
            out[offset + i] = (byte) (inverted >>> (56 - 8 * i));
        }
    }

    private static void requireVersionKey(final byte[] versionKey) {
        if (versionKey.length < PREFIX_LENGTH + TIMESTAMP_LENGTH) {
            throw new IllegalArgumentException("versionKey.length=" + versionKey.length + " is shorter than "
                + (PREFIX_LENGTH + TIMESTAMP_LENGTH));
        }
    }
}
