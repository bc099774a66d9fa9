package io.elastickv.redis.command.generic;

import io.elastickv.redis.command.Arguments;
import io.elastickv.redis.keyspace.Keyspace;
import io.elastickv.redis.resp.RespDecoder;
import io.elastickv.redis.resp.StrictNumbers;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * DUMP payloads in redis-server's format, so values move between elastickv and Redis with DUMP/RESTORE:
 *
 * <pre>
 *  object type 1 B | object (RDB serialization) | RDB version uint16 LE | CRC-64 of all before, LE
 *
 *  string       type 0:  string
 *  hash         type 4:  length (field count) | (string field | string value)...
 *  hash         type 16: string holding a {@link Listpack} of field, value, field, value...
 *
 *  length: 00xxxxxx | 01xxxxxx + 1 B (14 bits) | 0x80 + uint32 BE | 0x81 + uint64 BE
 *  string: length + bytes | 0xC0 int8 | 0xC1 int16 LE | 0xC2 int32 LE (the decimal text of the integer)
 *          | 0xC3 + compressed length + length + LZF data
 * </pre>
 *
 * Payloads carry RDB version 11 (Redis 7.2); RESTORE accepts versions up to 11. Writing follows Redis's
 * choices (integer encodings for short integers, a listpack for a hash {@link Encodings} calls compact), but
 * never compresses: LZF is optional for the reader, and strings are written as they are.
 */
final class DumpPayload {
    static final int RDB_VERSION = 11;
    private static final int FOOTER = 10;
    private static final int TYPE_STRING = 0;
    private static final int TYPE_HASH = 4;
    private static final int TYPE_HASH_LISTPACK = 16;
    private static final int ENCODED = 0xC0;
    private static final int INT8 = 0;
    private static final int INT16 = 1;
    private static final int INT32 = 2;
    private static final int LZF = 3;
    /** The longest string Redis accepts (proto-max-bulk-len), which also bounds what LZF may expand to. */

    private DumpPayload() {
    }

    /** A value read from a payload: a string, or a hash's fields with their values. */
    sealed interface Value permits StringValue, HashValue {
    }

    record StringValue(byte[] value) implements Value {
    }

    record HashValue(List<Keyspace.Member> fields) implements Value {
    }

    /** A payload that checks out but cannot be read, or holds a type this server cannot store. */
    static final class MalformedException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedException(final String message) {
            super(message, null, false, false);
        }
    }

    static byte[] ofString(final byte[] value) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(TYPE_STRING);
        writeString(out, value);
        return withFooter(out);
    }

    static byte[] ofHash(final List<Keyspace.Member> fields) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (Encodings.isCompactHash(fields)) {
            final List<byte[]> elements = new ArrayList<>(2 * fields.size());
            for (final Keyspace.Member field : fields) {
                elements.add(field.name());
                elements.add(field.value());
            }
            out.write(TYPE_HASH_LISTPACK);
            writeRaw(out, Listpack.encode(elements));
        } else {
            out.write(TYPE_HASH);
            writeLength(out, fields.size());
            for (final Keyspace.Member field : fields) {
                writeString(out, field.name());
                writeString(out, field.value());
            }
        }
        return withFooter(out);
    }

    /** True when the payload's RDB version is one this server reads and its checksum is right. */
    static boolean verify(final byte[] payload) {
        if (payload.length < FOOTER) {
            return false;
        }
        final ByteBuffer footer = ByteBuffer.wrap(payload, payload.length - FOOTER, FOOTER)
            .order(ByteOrder.LITTLE_ENDIAN);
        final int version = footer.getShort() & 0xFFFF;
        return version <= RDB_VERSION && footer.getLong() == Crc64.of(payload, 0, payload.length - 8);
    }

    /** The value of a {@link #verify verified} payload. */
    static Value decode(final byte[] payload) throws MalformedException {
        final Reader in = new Reader(payload, payload.length - FOOTER);
        final int type = in.u8();
        final Value value = switch (type) {
            case TYPE_STRING -> new StringValue(in.string());
            case TYPE_HASH -> hash(in);
            case TYPE_HASH_LISTPACK -> listpackHash(in.string());
            default -> throw new MalformedException("ERR Bad data format: RDB object type " + type
                + " is not supported (strings and hashes are)");
        };
        if (!in.atEnd()) {
            throw Reader.malformed();
        }
        return value;
    }

    private static Value hash(final Reader in) throws MalformedException {
        final long count = in.length();
        if (count == 0) {
            throw Reader.malformed();
        }
        final List<Keyspace.Member> fields = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            fields.add(new Keyspace.Member(in.string(), in.string()));
        }
        return distinct(fields);
    }

    private static Value listpackHash(final byte[] listpack) throws MalformedException {
        final List<byte[]> elements = Listpack.decode(listpack);
        if (elements == null || elements.isEmpty() || elements.size() % 2 != 0) {
            throw Reader.malformed();
        }
        final List<Keyspace.Member> fields = new ArrayList<>(elements.size() / 2);
        for (int i = 0; i < elements.size(); i += 2) {
            fields.add(new Keyspace.Member(elements.get(i), elements.get(i + 1)));
        }
        return distinct(fields);
    }

    /** A hash holds each field once; a payload that repeats one is malformed. */
    private static Value distinct(final List<Keyspace.Member> fields) throws MalformedException {
        final Set<ByteBuffer> seen = new HashSet<>();
        for (final Keyspace.Member field : fields) {
            if (!seen.add(ByteBuffer.wrap(field.name()))) {
                throw Reader.malformed();
            }
        }
        return new HashValue(fields);
    }

    private static byte[] withFooter(final ByteArrayOutputStream out) {
        out.write(RDB_VERSION);
        out.write(0);
        final byte[] body = out.toByteArray();
        final long crc = Crc64.of(body, 0, body.length);
        return littleEndian(body.length + 8).put(body).putLong(crc).array();
    }

    /** A string, as an 8, 16 or 32-bit integer when it is the decimal text of one (as Redis writes it). */
    private static void writeString(final ByteArrayOutputStream out, final byte[] value) {
        if (value.length > 11 || !Arguments.isInteger(value)) {
            writeRaw(out, value);
            return;
        }
        final long number = StrictNumbers.parseLong(value);
        if (number == (byte) number) {
            out.write(ENCODED | INT8);
            out.write((int) number);
        } else if (number == (short) number) {
            out.write(ENCODED | INT16);
            out.writeBytes(littleEndian(2).putShort((short) number).array());
        } else if (number == (int) number) {
            out.write(ENCODED | INT32);
            out.writeBytes(littleEndian(4).putInt((int) number).array());
        } else {
            writeRaw(out, value);
        }
    }

    private static ByteBuffer littleEndian(final int size) {
        return littleEndian(new byte[size]);
    }

    private static ByteBuffer littleEndian(final byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void writeRaw(final ByteArrayOutputStream out, final byte[] value) {
        writeLength(out, value.length);
        out.writeBytes(value);
    }

    private static void writeLength(final ByteArrayOutputStream out, final long length) {
        if (length < 1 << 6) {
            out.write((int) length);
        } else if (length < 1 << 14) {
            out.write(0x40 | (int) (length >> 8));
            out.write((int) length);
        } else if (length <= 0xFFFF_FFFFL) {
            out.write(0x80);
            out.writeBytes(ByteBuffer.allocate(4).putInt((int) length).array());
        } else {
            out.write(0x81);
            out.writeBytes(ByteBuffer.allocate(8).putLong(length).array());
        }
    }

    /** Reads an object's bytes up to the footer; anything out of bounds or inconsistent is malformed. */
    private static final class Reader {
        private final byte[] data;
        private final int end;
        private int pos;

        Reader(final byte[] data, final int end) {
            this.data = data;
            this.end = end;
        }

        static MalformedException malformed() {
            return new MalformedException("ERR Bad data format");
        }

        boolean atEnd() {
            return pos == end;
        }

        int u8() throws MalformedException {
            if (pos >= end) {
                throw malformed();
            }
            return data[pos++] & 0xFF;
        }

        byte[] take(final long length) throws MalformedException {
            if (length < 0 || length > end - pos) {
                throw malformed();
            }
            final byte[] out = Arrays.copyOfRange(data, pos, pos + (int) length);
            pos += (int) length;
            return out;
        }

        long length() throws MalformedException {
            final int first = u8();
            return switch (first >> 6) {
                case 0 -> first;
                case 1 -> ((first & 0x3F) << 8) | u8();
                case 2 -> switch (first) {
                    case 0x80 -> ByteBuffer.wrap(take(4)).getInt() & 0xFFFF_FFFFL;
                    case 0x81 -> ByteBuffer.wrap(take(8)).getLong();
                    default -> throw malformed();
                };
                default -> throw malformed();
            };
        }

        byte[] string() throws MalformedException {
            final int first = u8();
            if ((first & ENCODED) != ENCODED) {
                pos--;
                return take(length());
            }
            return switch (first & 0x3F) {
                case INT8 -> decimal((byte) u8());
                case INT16 -> decimal(littleEndian(take(2)).getShort());
                case INT32 -> decimal(littleEndian(take(4)).getInt());
                case LZF -> lzf();
                default -> throw malformed();
            };
        }

        /** A compressed string; its stated length is checked before anything is allocated for it. */
        private byte[] lzf() throws MalformedException {
            final long compressed = length();
            final long length = length();
            // One 3-byte back-reference expands to at most 264 bytes.
            final boolean plausible = compressed >= 0 && compressed <= end - pos && length >= 0
                && length <= RespDecoder.DEFAULT_MAX_BULK_LENGTH && length <= 264 * compressed;
            if (!plausible) {
                throw malformed();
            }
            final byte[] out = Lzf.decompress(take(compressed), (int) length);
            if (out == null) {
                throw malformed();
            }
            return out;
        }

        private static byte[] decimal(final long value) {
            return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
        }
    }
}
