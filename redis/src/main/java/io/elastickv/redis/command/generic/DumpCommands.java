package io.elastickv.redis.command.generic;

import static io.elastickv.redis.command.CommandSpec.Flag.DENYOOM;
import static io.elastickv.redis.command.CommandSpec.Flag.READONLY;
import static io.elastickv.redis.command.CommandSpec.Flag.WRITE;

import io.elastickv.redis.command.Arguments;
import io.elastickv.redis.command.CommandSpec;
import io.elastickv.redis.command.CommandTable;
import io.elastickv.redis.keyspace.KeyMeta;
import io.elastickv.redis.keyspace.Keyspace;
import io.elastickv.redis.keyspace.RedisException;
import io.elastickv.redis.keyspace.RedisType;
import io.elastickv.redis.resp.RespWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code DUMP key} and {@code RESTORE key ttl payload [REPLACE] [ABSTTL] [IDLETIME s] [FREQ f]}, in
 * redis-server's payload format ({@link DumpPayload}) for strings and hashes. IDLETIME and FREQ are checked
 * as Redis checks them and otherwise ignored: no access statistics are kept.
 */
final class DumpCommands {
    /** Members read per store scan when a hash is dumped. */
    private static final int CHUNK = 1024;

    private DumpCommands() {
    }

    static void register(final CommandTable.Builder table) {
        table.add(CommandSpec.data("dump", 2, Set.of(READONLY), 1, 1, 1, DumpCommands::dump));
        table.add(CommandSpec.data("restore", -4, Set.of(WRITE, DENYOOM), 1, 1, 1, DumpCommands::restore));
    }

    private static void dump(final Keyspace keyspace, final List<byte[]> args, final RespWriter out) {
        final byte[] key = args.get(1);
        final KeyMeta meta = keyspace.lookup(key);
        if (meta == null) {
            out.nullBulk();
            return;
        }
        out.bulk(switch (meta.type()) {
            case STRING -> DumpPayload.ofString(meta.stringValue());
            case HASH -> DumpPayload.ofHash(allMembers(keyspace, key, meta));
            default -> throw new RedisException("ERR DUMP of a " + meta.type().typeName() + " key is not supported");
        });
    }

    private static List<Keyspace.Member> allMembers(final Keyspace keyspace, final byte[] key, final KeyMeta meta) {
        final List<Keyspace.Member> members = new ArrayList<>();
        List<Keyspace.Member> chunk;
        do {
            chunk = keyspace.members(key, meta, members.isEmpty() ? null : members.get(members.size() - 1).name(),
                CHUNK);
            members.addAll(chunk);
        } while (chunk.size() == CHUNK);
        return members;
    }

    /** Checks run in Redis's order: options, existing key, TTL, payload checksum, payload contents. */
    private static void restore(final Keyspace keyspace, final List<byte[]> args, final RespWriter out) {
        boolean replace = false;
        boolean absoluteTtl = false;
        boolean idleTime = false;
        boolean frequency = false;
        for (int i = 4; i < args.size(); i++) {
            final String option = Arguments.option(args.get(i));
            final boolean hasValue = i + 1 < args.size();
            if (option.equals("REPLACE")) {
                replace = true;
            } else if (option.equals("ABSTTL")) {
                absoluteTtl = true;
            } else if (option.equals("IDLETIME") && hasValue && !frequency) {
                idleTime = true;
                if (Arguments.integer(args.get(++i)) < 0) {
                    throw new RedisException("ERR Invalid IDLETIME value, must be >= 0");
                }
            } else if (option.equals("FREQ") && hasValue && !idleTime) {
                frequency = true;
                final long freq = Arguments.integer(args.get(++i));
                if (freq < 0 || freq > 255) {
                    throw new RedisException("ERR Invalid FREQ value, must be >= 0 and <= 255");
                }
            } else {
                throw RedisException.syntax();
            }
        }
        final byte[] key = args.get(1);
        final KeyMeta existing = keyspace.lookup(key);
        if (existing != null && !replace) {
            throw new RedisException("BUSYKEY Target key name already exists.");
        }
        final long ttl = Arguments.integer(args.get(2));
        if (ttl < 0) {
            throw new RedisException("ERR Invalid TTL value, must be >= 0");
        }
        final byte[] payload = args.get(3);
        if (!DumpPayload.verify(payload)) {
            throw new RedisException("ERR DUMP payload version or checksum are wrong");
        }
        final DumpPayload.Value value;
        try {
            value = DumpPayload.decode(payload);
        } catch (DumpPayload.MalformedException e) {
            throw new RedisException(e.getMessage());
        }
        if (existing != null) {
            keyspace.delete(key, existing);
        }
        // A relative TTL that overflows wraps to the past, as it does in Redis, and the key is not created.
        final long expiryMs = ttl == 0 ? 0 : absoluteTtl ? ttl : ttl + keyspace.nowMs();
        if (expiryMs == 0 || expiryMs > keyspace.nowMs()) {
            create(keyspace, key, value, expiryMs);
        }
        out.simple("OK");
    }

    private static void create(final Keyspace keyspace, final byte[] key, final DumpPayload.Value value,
                               final long expiryMs) {
        if (value instanceof DumpPayload.StringValue string) {
            keyspace.setString(key, null, string.value(), expiryMs);
        } else if (value instanceof DumpPayload.HashValue hash) {
            final KeyMeta meta = keyspace.newCollection(RedisType.HASH);
            for (final Keyspace.Member field : hash.fields()) {
                keyspace.putMember(key, meta, field.name(), field.value());
            }
            keyspace.createCollection(key, meta, hash.fields().size(), expiryMs);
        }
    }
}
