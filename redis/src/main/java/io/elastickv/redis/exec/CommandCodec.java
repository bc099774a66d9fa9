package io.elastickv.redis.exec;

import io.elastickv.common.Checks;
import io.elastickv.raft.entry.FrameCodec;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The Redis commands the log carries. The reply protocol travels with the command, so the state machine
 * writes the reply in the form the client negotiated and every replica produces the same bytes.
 *
 * <pre>
 *  +------+----------+-------------------------------------------------------------+
 *  | kind | protocol | body                                                        |
 *  | 1 B  | 1 B      |                                                             |
 *  +------+----------+-------------------------------------------------------------+
 *  COMMAND     (1)  body = db 1 B | frames(args)
 *  TRANSACTION (2)  body = frames( frames(watch...) , command... )
 *                     watch   = db 1 B | token int64 | key
 *                     command = db 1 B | frames(args)
 *  EXPIRE      (3)  body = frames( due... )
 *                     due     = db 1 B | expiry ms int64 | key
 *  frames = {@link FrameCodec}; integers big-endian
 * </pre>
 */
public final class CommandCodec {
    static final byte COMMAND = 1;
    static final byte TRANSACTION = 2;
    static final byte EXPIRE = 3;

    private CommandCodec() {
    }

    /** A command of a transaction: its database and arguments (the name first). */
    public record DbCommand(int db, List<byte[]> args) {
    }

    /** A WATCHed key with the token WATCH saw. */
    public record Watch(int db, byte[] key, long token) {
    }

    /** An expiry-index entry that has come due. */
    public record Due(int db, long expiryMs, byte[] key) {
    }

    public static byte[] command(final int protocol, final int db, final List<byte[]> args) {
        final byte[] body = dbCommand(new DbCommand(db, args));
        return ByteBuffer.allocate(2 + body.length).put(COMMAND).put((byte) protocol).put(body).array();
    }

    public static byte[] transaction(final int protocol, final List<Watch> watches, final List<DbCommand> commands) {
        final List<byte[]> watchFrames = new ArrayList<>(watches.size());
        for (final Watch watch : watches) {
            watchFrames.add(ByteBuffer.allocate(9 + watch.key().length).put((byte) watch.db()).putLong(watch.token())
                .put(watch.key()).array());
        }
        final List<byte[]> frames = new ArrayList<>(commands.size() + 1);
        frames.add(FrameCodec.encode(watchFrames));
        commands.forEach(c -> frames.add(dbCommand(c)));
        return withHeader(TRANSACTION, protocol, FrameCodec.encode(frames));
    }

    public static byte[] expire(final List<Due> due) {
        final List<byte[]> frames = new ArrayList<>(due.size());
        for (final Due entry : due) {
            frames.add(ByteBuffer.allocate(9 + entry.key().length).put((byte) entry.db()).putLong(entry.expiryMs())
                .put(entry.key()).array());
        }
        return withHeader(EXPIRE, 2, FrameCodec.encode(frames));
    }

    static byte kind(final byte[] command) {
        Checks.requirePositive("command.length", command.length);
        return command[0];
    }

    static int protocol(final byte[] command) {
        return command[1];
    }

    static DbCommand decodeCommand(final byte[] command) {
        return decodeDbCommand(ByteBuffer.wrap(command, 2, command.length - 2).slice());
    }

    static List<Watch> decodeWatches(final byte[] command) {
        final List<byte[]> frames = FrameCodec.decode(ByteBuffer.wrap(command, 2, command.length - 2).slice());
        final List<Watch> watches = new ArrayList<>();
        for (final byte[] frame : FrameCodec.decode(frames.get(0))) {
            final ByteBuffer in = ByteBuffer.wrap(frame);
            final int db = in.get();
            final long token = in.getLong();
            watches.add(new Watch(db, rest(in), token));
        }
        return watches;
    }

    static List<DbCommand> decodeTransactionCommands(final byte[] command) {
        final List<byte[]> frames = FrameCodec.decode(ByteBuffer.wrap(command, 2, command.length - 2).slice());
        final List<DbCommand> commands = new ArrayList<>(frames.size() - 1);
        for (int i = 1; i < frames.size(); i++) {
            commands.add(decodeDbCommand(ByteBuffer.wrap(frames.get(i))));
        }
        return commands;
    }

    static List<Due> decodeExpire(final byte[] command) {
        final List<Due> due = new ArrayList<>();
        for (final byte[] frame : FrameCodec.decode(ByteBuffer.wrap(command, 2, command.length - 2).slice())) {
            final ByteBuffer in = ByteBuffer.wrap(frame);
            final int db = in.get();
            final long expiryMs = in.getLong();
            due.add(new Due(db, expiryMs, rest(in)));
        }
        return due;
    }

    private static byte[] dbCommand(final DbCommand command) {
        final byte[] args = FrameCodec.encode(command.args());
        return ByteBuffer.allocate(1 + args.length).put((byte) command.db()).put(args).array();
    }

    private static DbCommand decodeDbCommand(final ByteBuffer in) {
        final int db = in.get();
        return new DbCommand(db, FrameCodec.decode(in.slice()));
    }

    private static byte[] withHeader(final byte kind, final int protocol, final byte[] body) {
        return ByteBuffer.allocate(2 + body.length).put(kind).put((byte) protocol).put(body).array();
    }

    private static byte[] rest(final ByteBuffer in) {
        final byte[] out = new byte[in.remaining()];
        in.get(out);
        return out;
    }
}
