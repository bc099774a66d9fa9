package io.elastickv.redis.command.server;

import io.elastickv.redis.command.CommandSpec;
import io.elastickv.redis.command.CommandSpec.Flag;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What COMMAND reports beyond the command table: each command's documentation group, its ACL categories
 * and its tips, as Redis 7.2 reports them.
 *
 * <p>ACL categories come in two parts, as in Redis: implied by the flags (WRITE gives {@code @write}, a
 * command without FAST is {@code @slow} ...) and the command's own, which is the category of its group
 * ({@code get} is {@code @string}) unless the command is one of the exceptions listed here. Containers
 * (CLIENT, CONFIG ...) have no category of their own.
 */
public final class CommandCatalog {
    /** ACL categories in the order Redis lists them. */
    public enum Category {
        KEYSPACE, READ, WRITE, SET, SORTEDSET, LIST, HASH, STRING, BITMAP, HYPERLOGLOG, GEO, STREAM, PUBSUB,
        ADMIN, FAST, SLOW, BLOCKING, DANGEROUS, CONNECTION, TRANSACTION, SCRIPTING;

        /** The name with its {@code @}, as COMMAND INFO prints it. */
        public String label() {
            return "@" + name().toLowerCase(Locale.ROOT);
        }

        /** The category named {@code name} (without {@code @}, any case), or null. */
        public static Category named(final String name) {
            for (final Category category : values()) {
                if (category.name().equalsIgnoreCase(name)) {
                    return category;
                }
            }
            return null;
        }
    }

    private static final Map<String, String> GROUPS = new HashMap<>();
    private static final Map<String, Category> GROUP_CATEGORY = new HashMap<>();
    private static final Map<String, Set<Category>> OWN_CATEGORIES = new HashMap<>();
    private static final Map<String, List<String>> TIPS = new HashMap<>();

    static {
        group("generic", Category.KEYSPACE, "copy del dump exists expire expireat expiretime keys migrate move"
            + " object persist pexpire pexpireat pexpiretime pttl randomkey rename renamenx restore restore-asking"
            + " scan sort sort_ro touch ttl type unlink wait waitaof");
        group("string", Category.STRING, "append decr decrby get getdel getex getrange getset incr incrby"
            + " incrbyfloat lcs mget mset msetnx psetex set setex setnx setrange strlen substr");
        group("list", Category.LIST, "blmove blmpop blpop brpop brpoplpush lindex linsert llen lmove lmpop lpop"
            + " lpos lpush lpushx lrange lrem lset ltrim rpop rpoplpush rpush rpushx");
        group("set", Category.SET, "sadd scard sdiff sdiffstore sinter sintercard sinterstore sismember"
            + " smembers smismember smove spop srandmember srem sscan sunion sunionstore");
        group("sorted-set", Category.SORTEDSET, "bzmpop bzpopmax bzpopmin zadd zcard zcount zdiff zdiffstore"
            + " zincrby zinter zintercard zinterstore zlexcount zmpop zmscore zpopmax zpopmin zrandmember zrange"
            + " zrangebylex zrangebyscore zrangestore zrank zrem zremrangebylex zremrangebyrank zremrangebyscore"
            + " zrevrange zrevrangebylex zrevrangebyscore zrevrank zscan zscore zunion zunionstore");
        group("hash", Category.HASH, "hdel hexists hget hgetall hincrby hincrbyfloat hkeys hlen hmget hmset"
            + " hrandfield hscan hset hsetnx hstrlen hvals");
        group("pubsub", null, "psubscribe publish pubsub punsubscribe spublish ssubscribe subscribe sunsubscribe"
            + " unsubscribe");
        group("transactions", Category.TRANSACTION, "discard exec multi unwatch watch");
        group("connection", Category.CONNECTION, "auth client echo hello ping quit reset select");
        group("server", null, "acl bgrewriteaof bgsave command config dbsize debug failover flushall flushdb info"
            + " lastsave latency lolwut memory module monitor psync replconf replicaof role save shutdown slaveof"
            + " slowlog swapdb sync time");
        group("scripting", Category.SCRIPTING, "eval eval_ro evalsha evalsha_ro fcall fcall_ro function script");
        group("hyperloglog", Category.HYPERLOGLOG, "pfadd pfcount pfdebug pfmerge pfselftest");
        group("cluster", null, "asking cluster readonly readwrite");
        group("geo", Category.GEO, "geoadd geodist geohash geopos georadius georadius_ro georadiusbymember"
            + " georadiusbymember_ro geosearch geosearchstore");
        group("stream", Category.STREAM, "xack xadd xautoclaim xclaim xdel xgroup xinfo xlen xpending xrange xread"
            + " xreadgroup xrevrange xsetid xtrim");
        group("bitmap", Category.BITMAP, "bitcount bitfield bitfield_ro bitop bitpos getbit setbit");

        own("info", Category.DANGEROUS);
        own("lastsave", Category.ADMIN, Category.DANGEROUS);
        own("role", Category.ADMIN, Category.DANGEROUS);
        own("dbsize", Category.KEYSPACE);
        own("flushall", Category.KEYSPACE, Category.DANGEROUS);
        own("flushdb", Category.KEYSPACE, Category.DANGEROUS);
        own("swapdb", Category.KEYSPACE, Category.DANGEROUS);
        own("keys", Category.KEYSPACE, Category.DANGEROUS);
        own("restore", Category.KEYSPACE, Category.DANGEROUS);
        own("restore-asking", Category.KEYSPACE, Category.DANGEROUS);
        own("migrate", Category.KEYSPACE, Category.DANGEROUS);
        own("sort", Category.SET, Category.SORTEDSET, Category.LIST, Category.DANGEROUS);
        own("sort_ro", Category.SET, Category.SORTEDSET, Category.LIST);
        own("wait", Category.CONNECTION);
        own("waitaof", Category.CONNECTION);
        for (final String sub : List.of("", "|count", "|docs", "|getkeys", "|getkeysandflags", "|help", "|info",
            "|list")) {
            own("command" + sub, Category.CONNECTION);
        }

        tips("ping", "request_policy:all_shards", "response_policy:all_succeeded");
        tips("dbsize", "request_policy:all_shards", "response_policy:agg_sum");
        tips("info", "nondeterministic_output", "request_policy:all_shards", "response_policy:special");
        tips("time", "nondeterministic_output");
        tips("lastsave", "nondeterministic_output");
        for (final String name : List.of("command", "command|list", "command|info", "command|docs",
            "function|list")) {
            tips(name, "nondeterministic_output_order");
        }
        tips("client|list", "nondeterministic_output");
        tips("client|info", "nondeterministic_output");
        tips("config|set", "request_policy:all_nodes", "response_policy:all_succeeded");
        tips("slowlog|get", "request_policy:all_nodes", "nondeterministic_output");
        tips("slowlog|len", "request_policy:all_nodes", "response_policy:agg_sum", "nondeterministic_output");
        tips("slowlog|reset", "request_policy:all_nodes", "response_policy:all_succeeded");
        for (final String name : List.of("latency|latest", "latency|history", "latency|doctor")) {
            tips(name, "nondeterministic_output", "request_policy:all_nodes", "response_policy:special");
        }
        tips("latency|reset", "request_policy:all_nodes", "response_policy:all_succeeded");
        tips("function|flush", "request_policy:all_shards", "response_policy:all_succeeded");
        tips("function|delete", "request_policy:all_shards", "response_policy:all_succeeded");
    }

    private CommandCatalog() {
    }

    private static void group(final String group, final Category category, final String names) {
        for (final String name : names.split(" ")) {
            GROUPS.put(name, group);
        }
        if (category != null) {
            GROUP_CATEGORY.put(group, category);
        }
    }

    private static void own(final String name, final Category... categories) {
        OWN_CATEGORIES.put(name, Set.of(categories));
    }

    private static void tips(final String name, final String... tips) {
        TIPS.put(name, List.of(tips));
    }

    /** The documentation group of a command or subcommand ({@code client|list} is in CLIENT's group). */
    public static String group(final String fullName) {
        final int bar = fullName.indexOf('|');
        return GROUPS.getOrDefault(bar < 0 ? fullName : fullName.substring(0, bar), "generic");
    }

    /** The ACL categories of {@code spec}; {@code container}: whether it has subcommands. */
    public static Set<Category> categories(final CommandSpec spec, final boolean container) {
        final EnumSet<Category> categories = EnumSet.noneOf(Category.class);
        final Set<Category> own = OWN_CATEGORIES.get(spec.name());
        if (own != null) {
            categories.addAll(own);
        } else if (!container) {
            final Category ofGroup = GROUP_CATEGORY.get(group(spec.name()));
            if (ofGroup != null) {
                categories.add(ofGroup);
            }
        }
        final Set<Flag> flags = spec.flags();
        if (flags.contains(Flag.WRITE)) {
            categories.add(Category.WRITE);
        }
        if (flags.contains(Flag.READONLY) && !categories.contains(Category.SCRIPTING)) {
            categories.add(Category.READ);
        }
        if (flags.contains(Flag.ADMIN)) {
            categories.add(Category.ADMIN);
            categories.add(Category.DANGEROUS);
        }
        if (flags.contains(Flag.PUBSUB)) {
            categories.add(Category.PUBSUB);
        }
        if (flags.contains(Flag.BLOCKING)) {
            categories.add(Category.BLOCKING);
        }
        categories.add(flags.contains(Flag.FAST) ? Category.FAST : Category.SLOW);
        return categories;
    }

    /** The tips of a command, in Redis's order (none for most). */
    public static List<String> tips(final String fullName) {
        return TIPS.getOrDefault(fullName, List.of());
    }

    /** The flags of {@code spec} in the order COMMAND INFO lists them, lower case. */
    public static List<String> flagNames(final CommandSpec spec) {
        final EnumSet<Flag> ordered = EnumSet.noneOf(Flag.class);
        ordered.addAll(spec.flags());
        final List<String> names = new ArrayList<>();
        ordered.forEach(flag -> names.add(flag.name().toLowerCase(Locale.ROOT)));
        return names;
    }
}
