package io.elastickv.redis.resp;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an inline command line (what {@code telnet} or {@code nc} users type) into arguments with the
 * rules of Redis's {@code sdssplitargs}: whitespace separates arguments; {@code "..."} takes the escapes
 * {@code \xHH \n \r \t \b \a} and {@code \<any>}; {@code '...'} takes only {@code \'}; a closing quote
 * must be followed by whitespace or the end of the line; a NUL byte ends the line.
 */
final class InlineSplitter {
    private InlineSplitter() {
    }

    static List<byte[]> split(final byte[] line) throws RespProtocolException {
        final int end = endOfLine(line);
        final List<byte[]> args = new ArrayList<>();
        int p = 0;
        while (true) {
            while (p < end && isSpace(line[p])) {
                p++;
            }
            if (p >= end) {
                return args;
            }
            final ByteArrayOutputStream current = new ByteArrayOutputStream();
            boolean inDouble = false;
            boolean inSingle = false;
            boolean done = false;
            while (!done) {
                if (inDouble) {
                    if (p >= end) {
                        throw unbalanced();
                    }
                    if (line[p] == '\\' && p + 3 < end && line[p + 1] == 'x' && isHex(line[p + 2])
                        && isHex(line[p + 3])) {
                        current.write((hex(line[p + 2]) << 4) | hex(line[p + 3]));
                        p += 3;
                    } else if (line[p] == '\\' && p + 1 < end) {
                        p++;
                        current.write(unescape(line[p]));
                    } else if (line[p] == '"') {
                        if (p + 1 < end && !isSpace(line[p + 1])) {
                            throw unbalanced();
                        }
                        done = true;
                    } else {
                        current.write(line[p]);
                    }
                } else if (inSingle) {
                    if (p >= end) {
                        throw unbalanced();
                    }
                    if (line[p] == '\\' && p + 1 < end && line[p + 1] == '\'') {
                        p++;
                        current.write('\'');
                    } else if (line[p] == '\'') {
                        if (p + 1 < end && !isSpace(line[p + 1])) {
                            throw unbalanced();
                        }
                        done = true;
                    } else {
                        current.write(line[p]);
                    }
                } else if (p >= end) {
                    done = true;
                } else {
                    switch (line[p]) {
                        case ' ':
                        case '\n':
                        case '\r':
                        case '\t':
                            done = true;
                            break;
                        case '"':
                            inDouble = true;
                            break;
                        case '\'':
                            inSingle = true;
                            break;
                        default:
                            current.write(line[p]);
                    }
                }
                if (p < end) {
                    p++;
                }
            }
            args.add(current.toByteArray());
        }
    }

    private static int endOfLine(final byte[] line) {
        for (int i = 0; i < line.length; i++) {
            if (line[i] == 0) {
                return i;
            }
        }
        return line.length;
    }

    private static RespProtocolException unbalanced() {
        return new RespProtocolException("Protocol error: unbalanced quotes in request");
    }

    /** C's isspace in the "C" locale. */
    private static boolean isSpace(final byte b) {
        return b == ' ' || (b >= '\t' && b <= '\r');
    }

    private static boolean isHex(final byte b) {
        return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
    }

    private static int hex(final byte b) {
        return b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;
    }

    private static int unescape(final byte b) {
        switch (b) {
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 't':
                return '\t';
            case 'b':
                return '\b';
            case 'a':
                return 7;
            default:
                return b;
        }
    }
}
