package io.elastickv.redis.command.generic;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.elastickv.redis.testing.DifferentialCase;
import io.elastickv.redis.testing.RawRespClient;
import io.elastickv.redis.testing.RedisServers;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The generic family compared byte for byte with redis-server. Scripts that count or list keys first select
 * a database of their own and empty it; replies whose order is unspecified (KEYS, SCAN of several keys) are
 * compared in {@link KeyspaceScanTest}.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class GenericDifferentialTest {
    @RegisterExtension
    static final RedisServers SERVERS = RedisServers.withOracle(1);

    private static void compare(final String script) throws Exception {
        DifferentialCase.assertSameReplies(SERVERS.oraclePort(), SERVERS.leaderPort(), script);
    }

    @Test
    void existenceAndType() throws Exception {
        compare("""
            SET e:a 1
            SET e:b 2
            TYPE e:a
            TYPE e:missing
            EXISTS e:a e:a e:b e:missing
            TOUCH e:a e:missing e:b
            UNLINK e:a e:missing e:a
            EXISTS e:a
            DEL e:b e:b
            TYPE
            TYPE a b
            TOUCH
            UNLINK
            EXISTS
            SET e:\\x00\\xff bin
            TYPE e:\\x00\\xff
            EXISTS e:\\x00\\xff e:\\x00
            UNLINK e:\\x00\\xff
            """);
    }

    @Test
    void renameAndRenamenx() throws Exception {
        compare("""
            RENAME r:missing r:x
            RENAMENX r:missing r:x
            SET r:a 1
            RENAME r:a r:a
            RENAMENX r:a r:a
            GET r:a
            RENAME r:a r:b
            EXISTS r:a
            GET r:b
            SET r:c 3
            RENAMENX r:b r:c
            GET r:b
            RENAME r:b r:c
            GET r:c
            EXISTS r:b
            SET r:t v EX 100
            RENAME r:t r:t2
            TTL r:t2
            SET r:p v
            RENAME r:t2 r:p
            TTL r:p
            SET r:q v
            SET r:e v EX 100
            RENAME r:q r:e
            TTL r:e
            RENAMENX r:e r:fresh
            GET r:fresh
            RENAME r:\\x00\\x01 r:x
            SET r:\\x00\\x01 bin
            RENAME r:\\x00\\x01 r:\\xff\\xfe
            GET r:\\xff\\xfe
            RENAME r:a
            RENAME r:a r:b r:c
            RENAMENX r:a
            """);
    }

    @Test
    void copy() throws Exception {
        compare("""
            COPY c:missing c:x
            SET c:a 1 EX 100
            COPY c:a c:a
            COPY c:missing c:missing
            COPY c:a c:b
            GET c:b
            TTL c:b
            COPY c:a c:b
            SET c:a 2
            COPY c:a c:b REPLACE
            GET c:b
            TTL c:b
            COPY c:a c:b replace
            COPY c:a c:a DB 0
            COPY c:a c:a DB 1
            SELECT 1
            GET c:a
            DEL c:a
            SELECT 0
            COPY c:a c:x DB 16
            COPY c:a c:x DB -1
            COPY c:a c:x DB x
            COPY c:a c:x DB 4294967296
            COPY c:a c:x DB
            COPY c:a c:x FOO
            COPY c:a c:x DB 16 FOO
            COPY c:a c:x DB x FOO
            COPY c:a c:x DB 1 DB 2 REPLACE REPLACE
            SELECT 2
            GET c:x
            DEL c:x
            SELECT 0
            COPY c:a
            COPY
            """);
    }

    @Test
    void moveBetweenDatabases() throws Exception {
        compare("""
            SELECT 3
            FLUSHDB
            SELECT 4
            FLUSHDB
            SELECT 3
            SET m:a 1 EX 100
            MOVE m:a 3
            MOVE m:a 16
            MOVE m:a -1
            MOVE m:a x
            MOVE m:a 4294967296
            MOVE m:missing 4
            MOVE m:missing 3
            MOVE m:a 4
            EXISTS m:a
            DBSIZE
            SELECT 4
            GET m:a
            TTL m:a
            DBSIZE
            SET m:b 2
            SELECT 3
            SET m:b other
            MOVE m:b 4
            GET m:b
            SELECT 4
            GET m:b
            MOVE m:b 3
            SELECT 3
            GET m:b
            MOVE \\xff\\x00 4
            SET \\xff\\x00 bin
            MOVE \\xff\\x00 4
            SELECT 4
            GET \\xff\\x00
            MOVE m:a
            MOVE m:a 1 2
            """);
    }

    @Test
    void expireFamily() throws Exception {
        compare("""
            EXPIRE x:missing 100
            PEXPIRE x:missing 100
            EXPIREAT x:missing 100
            TTL x:missing
            PTTL x:missing
            EXPIRETIME x:missing
            PEXPIRETIME x:missing
            PERSIST x:missing
            SET x:a v
            TTL x:a
            PTTL x:a
            EXPIRETIME x:a
            PEXPIRETIME x:a
            PERSIST x:a
            EXPIRE x:a 100
            TTL x:a
            PERSIST x:a
            TTL x:a
            PERSIST x:a
            EXPIREAT x:a 9999999999
            EXPIRETIME x:a
            PEXPIRETIME x:a
            PEXPIREAT x:a 9999999999123
            EXPIRETIME x:a
            PEXPIRETIME x:a
            PEXPIREAT x:a 9223372036854775807
            PEXPIRETIME x:a
            EXPIRETIME x:a
            PEXPIREAT x:a 9223372036854775307
            EXPIRETIME x:a
            EXPIREAT x:a 9223372036854775
            PEXPIRETIME x:a
            EXPIREAT x:a 9223372036854776
            PEXPIRE x:a 9223372036854775807
            EXPIRE x:a 9223372036854775807
            EXPIRE x:a 9223372036854775
            EXPIRE x:a -9223372036854775
            EXPIRE x:a -9223372036854776
            EXPIRE x:a -9223372036854775808
            PEXPIREAT x:a -9223372036854775808
            EXISTS x:a
            SET x:b v
            EXPIRE x:b -1
            EXISTS x:b
            SET x:b v
            EXPIRE x:b 0
            EXISTS x:b
            SET x:b v
            EXPIREAT x:b 1
            EXISTS x:b
            SET x:b v
            PEXPIREAT x:b 1000
            EXISTS x:b
            SET x:b v
            PEXPIRE x:b -100
            GET x:b
            SET x:c v
            EXPIRE x:c 100 XX
            EXPIRE x:c 100 GT
            EXPIRE x:c 100 LT
            TTL x:c
            EXPIRE x:c 200 NX
            EXPIRE x:c 200 LT
            EXPIRE x:c 50 GT
            EXPIRE x:c 200 GT
            TTL x:c
            EXPIRE x:c 200 GT
            EXPIRE x:c 100 XX
            TTL x:c
            EXPIRE x:c 100 xx gt
            EXPIRE x:c 300 xx gt
            TTL x:c
            EXPIRE x:c -1 GT
            EXISTS x:c
            EXPIRE x:c -1 LT
            EXISTS x:c
            SET x:d v
            EXPIRE x:d -1 GT
            EXISTS x:d
            EXPIRE x:d -1 XX
            EXISTS x:d
            EXPIRE x:d -1 NX
            EXISTS x:d
            SET x:e v
            EXPIRE x:e 10 NX XX
            EXPIRE x:e 10 NX GT
            EXPIRE x:e 10 LT NX
            EXPIRE x:e 10 GT LT
            EXPIRE x:e 10 FOO
            EXPIRE x:e 10 NX FOO
            EXPIRE x:e abc
            EXPIRE x:e abc FOO
            EXPIRE x:e abc NX XX
            EXPIRE x:e 1.5
            EXPIRE x:e ""
            EXPIRE x:missing abc
            PEXPIRE x:e 10 gt lt
            EXPIREAT x:e 10 nx xx
            PEXPIREAT x:e x
            PERSIST x:e
            EXPIRE x:e
            EXPIRE
            TTL
            TTL a b
            PTTL a b
            EXPIRETIME
            PEXPIRETIME a b
            PERSIST
            PERSIST a b
            SET x:\\x00 v
            PEXPIREAT x:\\x00 9999999999999
            PEXPIRETIME x:\\x00
            PERSIST x:\\x00
            PEXPIRETIME x:\\x00
            """);
    }

    @Test
    void objectSubcommands() throws Exception {
        compare("""
            SET o:int 123
            SET o:neg -5
            SET o:big 12345678901234567890
            SET o:min -9223372036854775808
            SET o:max 9223372036854775807
            SET o:zero 0
            SET o:lead 0123
            SET o:mzero -0
            SET o:float 1.5
            SET o:empty ""
            SET o:e44 12345678901234567890123456789012345678901234
            SET o:r45 123456789012345678901234567890123456789012345
            OBJECT ENCODING o:int
            OBJECT ENCODING o:neg
            OBJECT ENCODING o:big
            OBJECT ENCODING o:min
            OBJECT ENCODING o:max
            OBJECT ENCODING o:zero
            OBJECT ENCODING o:lead
            OBJECT ENCODING o:mzero
            OBJECT ENCODING o:float
            OBJECT ENCODING o:empty
            OBJECT ENCODING o:e44
            OBJECT ENCODING o:r45
            OBJECT encoding o:missing
            OBJECT REFCOUNT o:int
            OBJECT REFCOUNT o:neg
            OBJECT REFCOUNT o:zero
            OBJECT REFCOUNT o:max
            OBJECT REFCOUNT o:e44
            OBJECT REFCOUNT o:missing
            SET o:9999 9999
            SET o:10000 10000
            OBJECT REFCOUNT o:9999
            OBJECT REFCOUNT o:10000
            OBJECT FREQ o:int
            OBJECT FREQ o:missing
            OBJECT IDLETIME o:missing
            OBJECT HELP
            OBJECT help
            OBJECT HELP x
            OBJECT
            OBJECT ENCODING
            OBJECT ENCODING a b
            OBJECT FREQ
            OBJECT IDLETIME a b
            OBJECT REFCOUNT
            OBJECT FOO
            OBJECT FOO x
            OBJECT Foo x y
            """);
        // Redis's idle clock ticks in whole seconds at its own phase, so the oracle may already say 1.
        try (RawRespClient client = new RawRespClient(SERVERS.leaderPort())) {
            client.call("SET", "o:idle", "v");
            assertTrue(Set.of(":0\r\n", ":1\r\n").contains(client.call("OBJECT", "IDLETIME", "o:idle")));
        }
    }

    @Test
    void databasesSizesAndFlushes() throws Exception {
        compare("""
            SELECT 5
            FLUSHDB
            DBSIZE
            SET d:a 1
            SET d:b 2 EX 100
            SET d:\\x00 3
            DBSIZE
            DEL d:a
            DBSIZE
            DEL d:b
            RANDOMKEY
            SELECT 6
            FLUSHDB
            RANDOMKEY
            SET d:other 1
            SWAPDB 5 6
            DBSIZE
            GET d:other
            GET d:\\x00
            SELECT 5
            GET d:other
            GET d:\\x00
            SWAPDB 6 5
            GET d:other
            SWAPDB 5 5
            SWAPDB 5 x
            SWAPDB x 5
            SWAPDB x y
            SWAPDB 4294967296 0
            SWAPDB 0 4294967296
            SWAPDB 1.5 0
            SWAPDB 0 16
            SWAPDB 16 0
            SWAPDB -1 0
            SWAPDB 0
            SWAPDB 0 1 2
            FLUSHDB
            DBSIZE
            SELECT 6
            DBSIZE
            FLUSHDB SYNC
            FLUSHDB async
            FLUSHDB FOO
            FLUSHDB ASYNC SYNC
            FLUSHALL FOO
            FLUSHALL ASYNC SYNC
            DBSIZE x
            RANDOMKEY x
            SET d:x 1
            SELECT 7
            SET d:y 1 EX 100
            FLUSHALL
            DBSIZE
            SELECT 6
            DBSIZE
            SET d:z 1
            FLUSHALL sync
            DBSIZE
            """);
    }

    @Test
    void scanAndKeysErrors() throws Exception {
        compare("""
            SELECT 8
            FLUSHDB
            SCAN 0
            KEYS *
            SET k:one 1
            SCAN 0
            SCAN 0 COUNT 100
            SCAN 0 MATCH k:*
            SCAN 0 MATCH nomatch*
            SCAN 0 TYPE string
            SCAN 0 TYPE STRING
            SCAN 0 TYPE hash
            SCAN 0 TYPE nosuchtype
            SCAN 0 MATCH k:? TYPE string COUNT 5
            KEYS *
            KEYS k:*
            KEYS k:on?
            KEYS k:[o]ne
            KEYS k:[^o]ne
            KEYS k\\:one
            KEYS nomatch
            KEYS k:one
            SCAN 0 COUNT 0
            SCAN 0 COUNT -1
            SCAN 0 COUNT x
            SCAN 0 COUNT
            SCAN 0 MATCH
            SCAN 0 TYPE
            SCAN 0 FOO bar
            SCAN 0 FOO
            SCAN x
            SCAN 1.5
            SCAN 18446744073709551616
            SCAN -18446744073709551616
            SCAN +
            SCAN -
            SCAN ""
            SCAN \\s5
            SCAN 5\\s
            SCAN +0
            SCAN -0
            SCAN x COUNT 0
            SCAN 0 COUNT x MATCH
            # A non-zero cursor means a different place to each server; KeyspaceScanTest covers those.
            SCAN
            KEYS
            KEYS a b
            """);
    }

    @Test
    void insideTransactions() throws Exception {
        compare("""
            SELECT 12
            FLUSHDB
            MULTI
            SET t:a 1
            RENAME t:a t:b
            EXPIRE t:b 100
            TTL t:b
            COPY t:b t:c
            MOVE t:c 13
            TYPE t:b
            OBJECT ENCODING t:b
            DBSIZE
            KEYS *
            SCAN 0
            RENAME t:missing t:x
            PERSIST t:b
            EXEC
            SELECT 13
            GET t:c
            TTL t:c
            MULTI
            FLUSHDB
            SWAPDB 12 13
            DBSIZE
            EXEC
            DBSIZE
            FLUSHALL
            """);
    }
}
