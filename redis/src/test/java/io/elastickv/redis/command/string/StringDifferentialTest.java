package io.elastickv.redis.command.string;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.elastickv.redis.testing.DifferentialCase;
import io.elastickv.redis.testing.RawRespClient;
import io.elastickv.redis.testing.RedisServers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * String commands, compared byte for byte with redis-server: every command, its errors and arity, binary
 * and empty values, and seeded random operands for INCRBYFLOAT and LCS.
 *
 * <p>Not covered here: WRONGTYPE (and LCS's "must contain string values") needs a key of another type, which
 * no command of this family can create; the code paths use {@code Keyspace.lookup(key, STRING)}. APPEND's
 * 512 MB limit needs a 512 MB value; SETRANGE covers the same check. Redis 7.0.15 (the oracle) and 7.2 agree
 * on everything tested here.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StringDifferentialTest {
    @RegisterExtension
    static final RedisServers SERVERS = RedisServers.withOracle(1);

    @Test
    void getAndSet() throws Exception {
        DifferentialCase.assertSameReplies(SERVERS.oraclePort(), SERVERS.leaderPort(), """
            GET s:missing
            SET s:a 1
            GET s:a
            SET s:a 2 NX
            SET s:a 2 XX
            GET s:a
            SET s:b 1 XX
            SET s:b 1 NX
            SET s:b 2 NX GET
            SET s:b 3 GET
            SET s:c v GET
            SET s:a v NX XX
            SET s:a v EX
            SET s:a v EX 0
            SET s:a v EX -1
            SET s:a v EX x
            SET s:a v EX 10 PX 10
            SET s:a v KEEPTTL EX 10
            SET s:a v PX 9223372036854775807
            SET s:a v EX 9223372036854775807
            SET s:a v FOO
            SET s:a v EX 10 EX 20
            SET s:a v PX 10 PX 20
            SET s:a v EX 10 PX 20
            SET s:a v PXAT 4102444800000 EXAT 4102444800
            SET s:a v KEEPTTL KEEPTTL
            SET s:a v NX NX GET GET
            SET s:a v XX XX
            SET s:a v EXAT 4102444800 KEEPTTL
            SET s:a v KEEPTTL PXAT 4102444800000
            SET s:a v PERSIST
            SET s:a v EX 10 EX
            SET s:a v ex 10 Get
            SET s:a v EX -9223372036854775808
            SET s:a v EXAT 9223372036854775807
            SET s:a v PXAT 9223372036854775807
            SET s:a v EX 9223372036854775
            GET s:a
            SET s:a v EXAT 1
            GET s:a
            SET s:a w PXAT 1 GET
            EXISTS s:a
            SET s:bin \\x00\\xff\\r\\n
            GET s:bin
            SET "" empty
            GET ""
            SET s:e ""
            GET s:e
            DEL s:a s:b s:missing s:a
            EXISTS s:a s:bin s:bin s:missing
            GET s:a
            SET
            GET
            GET a b
            """);
    }

    @Test
    void transactions() throws Exception {
        DifferentialCase.assertSameReplies(SERVERS.oraclePort(), SERVERS.leaderPort(), """
            MULTI
            SET t:a 1
            GET t:a
            PING
            EXEC
            EXEC
            DISCARD
            MULTI
            MULTI
            SET t:a
            NOSUCH
            EXEC
            WATCH t:a
            MULTI
            WATCH t:b
            GET t:a
            EXEC
            MULTI
            DISCARD
            UNWATCH
            # An aborted block runs none of its commands, connection-only ones included.
            SET t:w 1
            WATCH t:w
            SET t:w 2
            MULTI
            SELECT 1
            SET t:w 3
            EXEC
            GET t:w
            # A block that runs applies SELECT to the commands after it and to the connection.
            MULTI
            SELECT 2
            SET t:db2 x
            PING
            EXEC
            GET t:db2
            SELECT 0
            GET t:db2
            """);
    }

    @Test
    void setVariants() throws Exception {
        DifferentialCase.assertSameReplies(SERVERS.oraclePort(), SERVERS.leaderPort(), """
            SETNX sv:a 1
            SETNX sv:a 2
            GET sv:a
            SETNX sv:bin \\x00\\xff
            GET sv:bin
            SETNX sv:empty ""
            GET sv:empty
            SETEX sv:e 100 v
            GET sv:e
            SETEX sv:e 0 v
            SETEX sv:e -1 v
            SETEX sv:e x v
            SETEX sv:e 1.5 v
            SETEX sv:e "" v
            SETEX sv:e 9223372036854775807 v
            SETEX sv:e 9223372036854775 v
            SETEX sv:e -9223372036854775808 v
            GET sv:e
            setex sv:e 100 w
            GET sv:e
            PSETEX sv:p 100000 v
            GET sv:p
            PSETEX sv:p 0 v
            PSETEX sv:p -5 v
            PSETEX sv:p 9223372036854775807 v
            PSETEX sv:p x v
            GETSET sv:a 3
            GETSET sv:new 1
            GET sv:new
            GETSET sv:a ""
            GET sv:a
            GETSET sv:a \\x00\\r\\n
            GET sv:a
            SETNX
            SETNX a
            SETNX a b c
            SETEX a 1
            SETEX a 1 b c
            PSETEX a 1
            GETSET a
            GETSET a b c
            """);
    }

    @Test
    void getDelAndGetEx() throws Exception {
        DifferentialCase.assertSameReplies(SERVERS.oraclePort(), SERVERS.leaderPort(), """
            SET gx:a v
            GETDEL gx:a
            GETDEL gx:a
            EXISTS gx:a
            GETDEL gx:missing
            SET gx:bin \\x00\\xff
            GETDEL gx:bin
            SET gx:a v
            GETEX gx:a
            GETEX gx:a EX 100
            GETEX gx:a PX 100000
            GETEX gx:a EXAT 4102444800
            GETEX gx:a PXAT 4102444800000
            GETEX gx:a PERSIST
            GETEX gx:a PERSIST PERSIST
            GETEX gx:a EX 10 EX 20
            GETEX gx:a ex 10 Ex 20
            GETEX gx:a EX 10 PX 20
            GETEX gx:a PXAT 10 EXAT 20
            GETEX gx:a PERSIST EX 10
            GETEX gx:a EX 10 PERSIST
            GETEX gx:a KEEPTTL
            GETEX gx:a NX
            GETEX gx:a XX
            GETEX gx:a GET
            GETEX gx:a EX
            GETEX gx:a FOO
            GETEX gx:a EX 0
            GETEX gx:a EX -1
            GETEX gx:a PX 0
            GETEX gx:a EX x
            GETEX gx:a EX 1.5
            GETEX gx:a PX 9223372036854775807
            GETEX gx:a EX 9223372036854775
            GETEX gx:a EXAT 9223372036854775807
            GETEX gx:a EXAT -9223372036854775808
            GETEX gx:a PXAT 9223372036854775807
            GET gx:a
            GETEX gx:missing
            GETEX gx:missing EX -1
            GETEX gx:missing EX x
            GETEX gx:missing PERSIST
            GETEX gx:missing FOO
            GETEX gx:missing EX
            GETEX gx:a EXAT 1
            EXISTS gx:a
            GETEX gx:a EXAT 1
            SET gx:a v
            GETEX gx:a PXAT 1
            GET gx:a
            SET gx:a v
            GETEX gx:a PXAT 4102444800000 GET
            GETDEL
            GETDEL a b
            GETEX
            """);
    }

    @Test
    void multipleKeys() throws Exception {
        DifferentialCase.assertSameReplies(SERVERS.oraclePort(), SERVERS.leaderPort(), """
            MSET mk:a 1 mk:b 2
            MGET mk:a mk:b mk:missing
            MGET mk:missing
            MSET mk:a 1 mk:b
            MSET mk:a
            MSET mk:a 1 mk:b 2 mk:c
            MSETNX mk:c 3 mk:d 4
            MSETNX mk:c 5 mk:e 6
            MGET mk:c mk:d mk:e
            MSETNX mk:e 1 mk:f
            MSETNX mk:e
            MSET mk:dup 1 mk:dup 2
            GET mk:dup
            MSETNX mk:x 1 mk:x 2
            GET mk:x
            MSET mk:empty "" mk:bin \\x00\\r\\n
            MGET mk:empty mk:bin mk:a mk:a
            MSETNX mk:y 1 mk:a 9
            MGET mk:y mk:a
            mset mk:z 1
            msetnx mk:z 1
            MGET
            MSET
            MSETNX
            """);
    }

    @Test
    void appendAndStrlen() throws Exception {
        DifferentialCase.assertSameReplies(SERVERS.oraclePort(), SERVERS.leaderPort(), """
            APPEND ap:a hello
            APPEND ap:a \\sworld
            GET ap:a
            STRLEN ap:a
            STRLEN ap:missing
            APPEND ap:e ""
            EXISTS ap:e
            STRLEN ap:e
            APPEND ap:e ""
            APPEND ap:bin \\x00\\xff
            APPEND ap:bin \\r\\n
            GET ap:bin
            STRLEN ap:bin
            SET ap:n 10
            APPEND ap:n 5
            INCR ap:n
            STRLEN ap:n
            APPEND
            APPEND a
            APPEND a b c
            STRLEN
            STRLEN a b
            """);
    }

    @Test
    void ranges() throws Exception {
        DifferentialCase.assertSameReplies(SERVERS.oraclePort(), SERVERS.leaderPort(), """
            SET rg:a Hello\\sWorld
            GETRANGE rg:a 0 3
            GETRANGE rg:a -3 -1
            GETRANGE rg:a 0 -1
            GETRANGE rg:a 10 100
            GETRANGE rg:a 0 -100
            GETRANGE rg:a -1 -100
            GETRANGE rg:a -100 -1
            GETRANGE rg:a -100 -200
            GETRANGE rg:a -100 5
            GETRANGE rg:a 5 3
            GETRANGE rg:a 10 10
            GETRANGE rg:a 11 11
            GETRANGE rg:a 100 200
            GETRANGE rg:a -9223372036854775808 9223372036854775807
            GETRANGE rg:a 9223372036854775807 -9223372036854775808
            GETRANGE rg:a x 1
            GETRANGE rg:a 1 x
            GETRANGE rg:a 1.5 2
            GETRANGE rg:a "" 2
            GETRANGE rg:a 9223372036854775808 1
            GETRANGE rg:missing 0 -1
            GETRANGE rg:missing 5 1
            GETRANGE rg:missing x 1
            SUBSTR rg:a 0 4
            SUBSTR rg:a -5 -1
            substr rg:a 1 x
            SET rg:e ""
            GETRANGE rg:e 0 -1
            GETRANGE rg:e 0 0
            GETRANGE rg:e -1 -1
            SET rg:n 12345
            GETRANGE rg:n 1 2
            SET rg:bin \\x00\\x01\\xfe\\xff
            GETRANGE rg:bin 1 -2
            SETRANGE rg:s 5 abc
            GET rg:s
            SETRANGE rg:s 0 XY
            GET rg:s
            SETRANGE rg:s 10 Z
            GET rg:s
            SETRANGE rg:s 2 ""
            SETRANGE rg:s 1000 ""
            SETRANGE rg:s 536870912 ""
            SETRANGE rg:s 7 \\x00\\xff
            GET rg:s
            SETRANGE rg:none 3 ""
            EXISTS rg:none
            SETRANGE rg:none 536870912 ""
            SETRANGE rg:s -1 x
            SETRANGE rg:s -9223372036854775808 x
            SETRANGE rg:s x y
            SETRANGE rg:s 1.5 y
            SETRANGE rg:s 9223372036854775808 y
            SETRANGE rg:s 536870912 x
            SETRANGE rg:s 536870908 hello
            SETRANGE rg:s 9223372036854775807 x
            SETRANGE rg:none 536870912 x
            EXISTS rg:none
            SETRANGE rg:none -1 ""
            SET rg:int 100
            SETRANGE rg:int 1 5
            INCR rg:int
            GETRANGE
            GETRANGE a 1
            GETRANGE a 1 2 3
            SETRANGE a 1
            SETRANGE a 1 b c
            SUBSTR a 1
            """);
    }

    @Test
    void integerCounters() throws Exception {
        DifferentialCase.assertSameReplies(SERVERS.oraclePort(), SERVERS.leaderPort(), """
            INCR ct:a
            INCR ct:a
            DECR ct:a
            DECR ct:b
            INCRBY ct:a 10
            INCRBY ct:a -20
            DECRBY ct:a 5
            DECRBY ct:a -5
            GET ct:a
            INCRBY ct:a x
            INCRBY ct:a 1.5
            INCRBY ct:a ""
            INCRBY ct:a \\s1
            INCRBY ct:a +1
            INCRBY ct:a 01
            INCRBY ct:a -0
            INCRBY ct:a 9223372036854775808
            DECRBY ct:a 9223372036854775808
            DECRBY ct:a -9223372036854775808
            DECRBY ct:missing -9223372036854775808
            EXISTS ct:missing
            INCRBY ct:m -9223372036854775808
            GET ct:m
            DECR ct:m
            DECRBY ct:m 1
            INCR ct:m
            SET ct:max 9223372036854775807
            INCR ct:max
            INCRBY ct:max 0
            INCRBY ct:max 1
            INCRBY ct:max -1
            DECRBY ct:max -2
            DECRBY ct:max -1
            GET ct:max
            SET ct:min -9223372036854775808
            DECR ct:min
            INCRBY ct:min -1
            DECRBY ct:min 1
            INCRBY ct:min 9223372036854775807
            INCRBY ct:min -9223372036854775808
            SET ct:big 9223372036854775808
            INCR ct:big
            SET ct:s abc
            INCR ct:s
            DECRBY ct:s 1
            INCRBY ct:s x
            GET ct:s
            SET ct:sp \\s1
            INCR ct:sp
            SET ct:lz 01
            INCR ct:lz
            SET ct:neg0 -0
            INCR ct:neg0
            SET ct:plus +1
            INCR ct:plus
            SET ct:e ""
            INCR ct:e
            SET ct:f 1.0
            INCR ct:f
            SET ct:nul 1\\x00
            INCR ct:nul
            incr ct:a
            INCR
            INCR a b
            DECR
            DECR a b
            INCRBY a
            INCRBY a 1 2
            DECRBY a
            DECRBY a 1 2
            """);
    }

    @Test
    void floatCounters() throws Exception {
        DifferentialCase.assertSameReplies(SERVERS.oraclePort(), SERVERS.leaderPort(), """
            SET fl:a 10.50
            INCRBYFLOAT fl:a 0.1
            INCRBYFLOAT fl:a -5
            INCRBYFLOAT fl:a 5.0e3
            GET fl:a
            INCRBYFLOAT fl:new 2.5
            INCRBYFLOAT fl:huge 1e400
            INCRBYFLOAT fl:huge -1e400
            INCRBYFLOAT fl:a 1e5000
            INCRBYFLOAT fl:a 1e-5000
            INCRBYFLOAT fl:a inf
            INCRBYFLOAT fl:a -inf
            INCRBYFLOAT fl:a nan
            INCRBYFLOAT fl:a abc
            INCRBYFLOAT fl:a ""
            INCRBYFLOAT fl:a \\s1
            INCRBYFLOAT fl:a 1\\s
            INCRBYFLOAT fl:a 1\\x00
            INCRBYFLOAT fl:a 1e
            INCRBYFLOAT fl:a 0x1p-2
            INCRBYFLOAT fl:a .5
            INCRBYFLOAT fl:a 5.
            INCRBYFLOAT fl:a +5
            GET fl:a
            INCRBYFLOAT fl:missing2 abc
            EXISTS fl:missing2
            SET fl:s abc
            INCRBYFLOAT fl:s 1
            INCRBYFLOAT fl:s abc
            SET fl:inf inf
            INCRBYFLOAT fl:inf 1
            SET fl:h 0x10
            INCRBYFLOAT fl:h 0x1p3
            SET fl:big 1e4932
            INCRBYFLOAT fl:big 1e4932
            GET fl:big
            INCRBYFLOAT fl:big -1e4932
            SET fl:n 5
            INCRBYFLOAT fl:n 3
            INCR fl:n
            INCRBYFLOAT fl:n 0.5
            INCR fl:n
            INCRBYFLOAT fl:zero -0
            INCRBYFLOAT fl:tie 0.000003814697265625
            INCRBYFLOAT fl:tiny -0.00000000000000000001
            SET fl:ll 9223372036854775807
            INCRBYFLOAT fl:ll 1
            SET fl:e ""
            INCRBYFLOAT fl:e 1
            incrbyfloat fl:a 1
            INCRBYFLOAT
            INCRBYFLOAT a
            INCRBYFLOAT a 1 2
            """);
    }

    @Test
    void floatCountersWithRandomOperands() throws Exception {
        final Random random = new Random(0xF10A7L);
        final List<List<byte[]>> commands = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            commands.add(command("SET", "rf:k", LongDoubleDifferentialTest.operand(random)));
            commands.add(command("INCRBYFLOAT", "rf:k", LongDoubleDifferentialTest.operand(random)));
            commands.add(command("INCRBYFLOAT", "rf:k", LongDoubleDifferentialTest.operand(random)));
        }
        DifferentialCase.assertSameReplies(SERVERS.oraclePort(), SERVERS.leaderPort(), 2, commands);
    }

    @Test
    void longestCommonSubsequence() throws Exception {
        DifferentialCase.assertSameReplies(SERVERS.oraclePort(), SERVERS.leaderPort(), """
            MSET lc:a ohmytext lc:b mynewtext
            LCS lc:a lc:b
            LCS lc:a lc:b LEN
            LCS lc:a lc:b IDX
            LCS lc:a lc:b IDX WITHMATCHLEN
            LCS lc:a lc:b IDX MINMATCHLEN 4
            LCS lc:a lc:b IDX MINMATCHLEN 4 WITHMATCHLEN
            LCS lc:a lc:b IDX MINMATCHLEN -5
            LCS lc:a lc:b IDX MINMATCHLEN 100
            LCS lc:a lc:b idx minmatchlen 2 withmatchlen
            LCS lc:a lc:b LEN IDX
            LCS lc:a lc:b IDX LEN
            LCS lc:a lc:b MINMATCHLEN
            LCS lc:a lc:b MINMATCHLEN x
            LCS lc:a lc:b MINMATCHLEN x LEN IDX
            LCS lc:a lc:b FOO
            LCS lc:a lc:b LEN WITHMATCHLEN MINMATCHLEN 3
            LCS lc:a lc:b WITHMATCHLEN
            LCS lc:a lc:missing
            LCS lc:a lc:missing IDX
            LCS lc:missing lc:missing2 LEN
            LCS lc:missing lc:missing2 IDX WITHMATCHLEN
            LCS lc:a lc:a IDX WITHMATCHLEN
            MSET lc:bin \\x00\\x01\\x02\\x00 lc:bin2 \\x02\\x00\\x01
            LCS lc:bin lc:bin2 IDX WITHMATCHLEN
            LCS lc:bin lc:bin2
            MSET lc:x abcabcabc lc:y cbacbacba
            LCS lc:x lc:y
            LCS lc:x lc:y IDX WITHMATCHLEN
            LCS
            LCS a
            """);
    }

    @Test
    void longestCommonSubsequenceOfRandomStrings() throws Exception {
        final Random random = new Random(0x1C5L);
        final List<List<byte[]>> commands = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            commands.add(command("MSET", "rl:a", randomText(random), "rl:b", randomText(random)));
            commands.add(command("LCS", "rl:a", "rl:b"));
            commands.add(command("LCS", "rl:a", "rl:b", "LEN"));
            commands.add(command("LCS", "rl:a", "rl:b", "IDX", "WITHMATCHLEN"));
            commands.add(command("LCS", "rl:a", "rl:b", "IDX", "MINMATCHLEN", "2"));
        }
        DifferentialCase.assertSameReplies(SERVERS.oraclePort(), SERVERS.leaderPort(), 2, commands);
    }

    @Test
    void longestCommonSubsequenceOfLargeStrings() throws Exception {
        final Random random = new Random(0xB16L);
        final List<List<byte[]>> commands = new ArrayList<>();
        // 2000 x 3000 bytes is a 24 MB table in Redis; 12000 x 12000 would be 576 MB, over its 512 MB limit.
        commands.add(command("MSET", "ll:a", randomText(random, 2000), "ll:b", randomText(random, 3000),
            "ll:huge", "x".repeat(12_000)));
        commands.add(command("LCS", "ll:a", "ll:b", "LEN"));
        commands.add(command("LCS", "ll:a", "ll:b", "IDX", "MINMATCHLEN", "4", "WITHMATCHLEN"));
        commands.add(command("LCS", "ll:a", "ll:b"));
        commands.add(command("LCS", "ll:huge", "ll:huge"));
        commands.add(command("LCS", "ll:huge", "ll:huge", "LEN"));
        commands.add(command("LCS", "ll:huge", "ll:missing", "LEN"));
        DifferentialCase.assertSameReplies(SERVERS.oraclePort(), SERVERS.leaderPort(), 2, commands);
    }

    /** RESP3 changes the null of a missing value and makes LCS IDX a map. */
    @Test
    void resp3Replies() throws Exception {
        DifferentialCase.assertSameReplies(SERVERS.oraclePort(), SERVERS.leaderPort(), 3, DifferentialCase.parse("""
            GET r3:missing
            MSET r3:a ohmytext r3:b mynewtext
            MGET r3:a r3:missing
            GETDEL r3:missing
            GETEX r3:missing
            GETSET r3:missing v
            SET r3:missing w GET
            SET r3:a x NX
            LCS r3:a r3:b IDX WITHMATCHLEN
            LCS r3:a r3:b LEN
            INCRBYFLOAT r3:f 1.5
            GETRANGE r3:missing2 0 -1
            """));
    }

    /** Errors inside MULTI are answered in EXEC's reply and leave the other commands' effects. */
    @Test
    void errorsInsideTransactions() throws Exception {
        DifferentialCase.assertSameReplies(SERVERS.oraclePort(), SERVERS.leaderPort(), """
            SET tx:s abc
            MULTI
            INCR tx:n
            INCR tx:s
            APPEND tx:s x
            INCRBYFLOAT tx:s 1
            SETRANGE tx:s -1 x
            GETRANGE tx:s 0 -1
            MSET tx:a 1 tx:b
            LCS tx:s tx:n IDX LEN
            EXEC
            MGET tx:n tx:s
            MULTI
            MSET tx:a
            EXEC
            """);
    }

    /** A command that changes nothing (Redis signals no modification) leaves a WATCH intact; any write breaks it. */
    @Test
    void watchSeesOnlyRealWrites() throws Exception {
        DifferentialCase.assertSameReplies(SERVERS.oraclePort(), SERVERS.leaderPort(), """
            SET w:a v
            WATCH w:a
            GETEX w:a PERSIST
            GETEX w:a
            SETRANGE w:a 0 ""
            MSETNX w:a 1 w:other 2
            SETNX w:a 1
            MULTI
            GET w:a
            EXEC
            WATCH w:a
            APPEND w:a ""
            MULTI
            GET w:a
            EXEC
            WATCH w:a
            INCRBYFLOAT w:f 1
            GETDEL w:a
            MULTI
            GET w:a
            EXEC
            SET w:a v EX 100
            WATCH w:a
            GETEX w:a PERSIST
            MULTI
            GET w:a
            EXEC
            """);
    }

    /**
     * Which writes keep a key's expiry and which drop or replace it: keys are given 100 s, then written by
     * each command; afterwards a key that kept its expiry has a TTL of at most 100 s, one that lost it has
     * none (-1) or the longer one its command set. Checked on both servers.
     */
    @Test
    void writesKeepOrDropTheExpiry() throws Exception {
        final Map<String, Boolean> kept = new LinkedHashMap<>();
        final List<List<byte[]>> commands = new ArrayList<>();
        final String[][] keeping = {
            {"APPEND", "x"}, {"SETRANGE", "0", "x"}, {"INCR"}, {"DECR"}, {"INCRBY", "2"}, {"DECRBY", "2"},
            {"INCRBYFLOAT", "0.5"}, {"SET", "w", "KEEPTTL"}, {"GETEX"}, {"GETRANGE", "0", "-1"},
        };
        final String[][] dropping = {
            {"SET", "w"}, {"GETSET", "w"}, {"MSET", "w"}, {"GETEX", "PERSIST"}, {"SETEX", "1000", "w"},
            {"PSETEX", "1000000", "w"},
        };
        for (final String[] write : keeping) {
            kept.put(expiring(commands, write), true);
        }
        for (final String[] write : dropping) {
            kept.put(expiring(commands, write), false);
        }
        commands.add(command("GETEX", "ttl:getex-px", "PX", "100000"));
        kept.put("ttl:getex-px", true);
        for (final int port : new int[] {SERVERS.oraclePort(), SERVERS.leaderPort()}) {
            try (RawRespClient client = new RawRespClient(port)) {
                client.call("SET", "ttl:getex-px", "1");
                client.pipeline(commands);
                for (final Map.Entry<String, Boolean> key : kept.entrySet()) {
                    final String reply = client.call("TTL", key.getKey());
                    final long ttl = Long.parseLong(reply.substring(1).strip());
                    assertEquals(key.getValue(), ttl > 0 && ttl <= 100, () -> "port " + port + ": TTL "
                        + key.getKey() + " = " + ttl + ", expected the expiry to be "
                        + (key.getValue() ? "kept" : "dropped or replaced"));
                }
            }
        }
    }

    /** Adds {@code PSETEX ttl:<name> 100000 1} and then the write to {@code commands}; returns the key. */
    private static String expiring(final List<List<byte[]>> commands, final String[] write) {
        final String key = "ttl:" + String.join("-", write).toLowerCase(Locale.ROOT);
        commands.add(command("PSETEX", key, "100000", "1"));
        final List<String> args = new ArrayList<>(List.of(write[0], key));
        args.addAll(List.of(write).subList(1, write.length));
        commands.add(command(args.toArray(new String[0])));
        return key;
    }

    private static String randomText(final Random random) {
        return randomText(random, random.nextInt(30));
    }

    /** Text over a small alphabet, so that long matches and ties between paths are common. */
    private static String randomText(final Random random, final int length) {
        final StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append("abc".charAt(random.nextInt(3)));
        }
        return out.toString();
    }

    private static List<byte[]> command(final String... args) {
        final List<byte[]> command = new ArrayList<>();
        for (final String arg : args) {
            command.add(arg.getBytes(StandardCharsets.ISO_8859_1));
        }
        return command;
    }
}
