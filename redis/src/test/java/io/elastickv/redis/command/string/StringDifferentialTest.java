package io.elastickv.redis.command.string;

import io.elastickv.redis.testing.DifferentialCase;
import io.elastickv.redis.testing.RedisCluster;
import io.elastickv.redis.testing.RedisOracle;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** String commands, compared byte for byte with redis-server. */
@Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StringDifferentialTest {
    @TempDir
    static Path workDir;

    private static RedisOracle oracle;
    private static RedisCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        oracle = RedisOracle.start(workDir);
        cluster = RedisCluster.start(workDir.resolve("elastickv"), 1);
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
        if (oracle != null) {
            oracle.close();
        }
    }

    @Test
    void getAndSet() throws Exception {
        DifferentialCase.assertSameReplies(oracle.port(), cluster.leaderPort(), """
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
        DifferentialCase.assertSameReplies(oracle.port(), cluster.leaderPort(), """
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
            """);
    }
}
