package io.elastickv.redis.command.generic;

import io.elastickv.redis.command.Arguments;
import io.elastickv.redis.resp.StrictNumbers;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Redis's listpack, the compact encoding of small hashes inside DUMP payloads.
 *
 * <pre>
 *  total bytes uint32 | element count uint16 (65535: count them) | element ... | 0xFF
 *  element = encoding + data | backlen (length of encoding + data, 1-5 bytes, read right to left)
 *  encodings: 0xxxxxxx           7-bit unsigned int
 *             10xxxxxx           string of up to 63 bytes
 *             110xxxxx + 1 B     13-bit signed int
 *             1110xxxx + 1 B     string of up to 4095 bytes (length high bits first)
 *             0xF0 + uint32      longer string
 *             0xF1 / F2 / F3 / F4 + 2 / 3 / 4 / 8 B   signed ints
 *  integers little-endian unless noted
 * </pre>
 *
 * Elements that are canonical integers are stored as integers, as Redis stores them, and read back as
 * their decimal text.
 */
final class Listpack {
    private static final int HEADER = 6;
    private static final int UNKNOWN_COUNT = 65_535;
    private static final int END = 0xFF;

    private Listpack() {
    }

    static byte[] encode(final List<byte[]> elements) {
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (final byte[] element : elements) {
            final byte[] entry = Arguments.isInteger(element) ? integerEntry(StrictNumbers.parseLong(element))
                : stringEntry(element);
            body.write(entry, 0, entry.length);
            writeBacklen(body, entry.length);
        }
        final int total = HEADER + body.size() + 1;
        final ByteBuffer out = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(total).putShort((short) Math.min(elements.size(), UNKNOWN_COUNT));
        out.put(body.toByteArray()).put((byte) END);
        return out.array();
    }

    /** The elements of {@code listpack}, or {@code null} when it is malformed. */
    static List<byte[]> decode(final byte[] listpack) {
        if (listpack.length < HEADER + 1 || listpack[listpack.length - 1] != (byte) END) {
            return null;
        }
        final ByteBuffer in = ByteBuffer.wrap(listpack).order(ByteOrder.LITTLE_ENDIAN);
        if (in.getInt() != listpack.length) {
            return null;
        }
        final int declared = in.getShort() & 0xFFFF;
        final List<byte[]> elements = new ArrayList<>();
        try {
            while ((in.get(in.position()) & 0xFF) != END) {
                final int start = in.position();
                elements.add(readElement(in));
                in.position(in.position() + backlenSize(in.position() - start));
            }
        } catch (RuntimeException malformed) {
            // A length that runs past the end of the buffer.
            return null;
        }
        final boolean counted = declared == UNKNOWN_COUNT || declared == elements.size();
        return counted && in.position() == listpack.length - 1 ? elements : null;
    }

    private static byte[] readElement(final ByteBuffer in) {
        final int first = in.get() & 0xFF;
        if ((first & 0x80) == 0) {
            return decimal(first);
        }
        if ((first & 0xC0) == 0x80) {
            return bytes(in, first & 0x3F);
        }
        if ((first & 0xE0) == 0xC0) {
            final int unsigned = ((first & 0x1F) << 8) | (in.get() & 0xFF);
            return decimal((unsigned << 19) >> 19);
        }
        if ((first & 0xF0) == 0xE0) {
            return bytes(in, ((first & 0x0F) << 8) | (in.get() & 0xFF));
        }
        return switch (first) {
            case 0xF0 -> bytes(in, in.getInt());
            case 0xF1 -> decimal(in.getShort());
            case 0xF2 -> decimal(((in.getShort() & 0xFFFF) | (in.get() << 16)));
            case 0xF3 -> decimal(in.getInt());
            case 0xF4 -> decimal(in.getLong());
            default -> throw new IllegalArgumentException("listpack encoding byte=" + first);
        };
    }

    private static byte[] integerEntry(final long value) {
        final ByteBuffer out = ByteBuffer.allocate(9).order(ByteOrder.LITTLE_ENDIAN);
        if (value >= 0 && value <= 127) {
            out.put((byte) value);
        } else if (value >= -4096 && value <= 4095) {
            final int unsigned = (int) value & 0x1FFF;
            out.put((byte) (0xC0 | (unsigned >> 8))).put((byte) unsigned);
        } else if (value >= Short.MIN_VALUE && value <= Short.MAX_VALUE) {
            out.put((byte) 0xF1).putShort((short) value);
        } else if (value >= -(1 << 23) && value < (1 << 23)) {
            out.put((byte) 0xF2).putShort((short) value).put((byte) (value >> 16));
        } else if (value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE) {
            out.put((byte) 0xF3).putInt((int) value);
        } else {
            out.put((byte) 0xF4).putLong(value);
        }
        return Arrays.copyOf(out.array(), out.position());
    }

    private static byte[] stringEntry(final byte[] value) {
        final int length = value.length;
        final ByteBuffer out;
        if (length < 64) {
            out = ByteBuffer.allocate(1 + length).put((byte) (0x80 | length));
        } else if (length < 4096) {
            out = ByteBuffer.allocate(2 + length).put((byte) (0xE0 | (length >> 8))).put((byte) length);
        } else {
            out = ByteBuffer.allocate(5 + length).order(ByteOrder.LITTLE_ENDIAN).put((byte) 0xF0).putInt(length);
        }
        return out.put(value).array();
    }

    /** The entry length in 7-bit groups, most significant first, every group but the first flagged 0x80. */
    private static void writeBacklen(final ByteArrayOutputStream out, final int entryLength) {
        final int size = backlenSize(entryLength);
        for (int group = size - 1; group >= 0; group--) {
            final int bits = (entryLength >>> (7 * group)) & 0x7F;
            out.write(group == size - 1 ? bits : bits | 0x80);
        }
    }

    private static int backlenSize(final int entryLength) {
        if (entryLength <= 127) {
            return 1;
        }
        if (entryLength < 16_383) {
            return 2;
        }
        if (entryLength < 2_097_151) {
            return 3;
        }
        return entryLength < 268_435_455 ? 4 : 5;
    }

    private static byte[] bytes(final ByteBuffer in, final int length) {
        final byte[] out = new byte[length];
        in.get(out);
        return out;
    }

    private static byte[] decimal(final long value) {
        return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
    }
}
