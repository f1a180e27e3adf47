package dev.switchback.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchback.Capability;
import dev.switchback.cli.walk.WalkState;
import dev.switchback.testkit.servers.LocalRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CopyCacheToElastiCacheTest {
  private static final int KEYS = 2_000;

  private RedisToElastiCache migration;
  private RedisClient client;
  private StatefulRedisConnection<String, byte[]> targetConnection;

  @BeforeEach
  void start() {
    migration = new RedisToElastiCache(Capability.CACHE);
    migration.properties.put("switchback.cache.redis.key-prefix", "app:");
    migration.properties.put("switchback.cache.elasticache.key-prefix", "app:");
    client = RedisClient.create();
    targetConnection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE),
        RedisURI.create(migration.target.uri()));
  }

  @AfterEach
  void stop() {
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    migration.close();
  }

  private RedisCommands<String, byte[]> dst() {
    return targetConnection.sync();
  }

  private void fill() {
    Random random = new Random(5);
    for (int i = 0; i < KEYS; i++) {
      byte[] value = new byte[100 + random.nextInt(900)];
      random.nextBytes(value);
      if (i % 4 == 0) {
        migration.src().psetex("app:" + i, 3_600_000, value);
      } else {
        migration.src().set("app:" + i, value);
      }
    }
    migration.src().set("other-app:x", "not ours".getBytes(UTF_8));
  }

  private void assertEveryKeyCopiedExactly() {
    assertThat(dst().dbsize()).isEqualTo(KEYS);
    for (int i = 0; i < KEYS; i++) {
      String key = "app:" + i;
      assertThat(dst().get(key)).as(key).isEqualTo(migration.src().get(key));
      long sourceTtl = migration.src().pttl(key);
      long targetTtl = dst().pttl(key);
      if (sourceTtl == -1) {
        assertThat(targetTtl).as(key).isEqualTo(-1);
      } else {
        assertThat(targetTtl).as(key).isBetween(sourceTtl - 60_000, sourceTtl + 1_000);
      }
    }
  }

  @Test
  void copyMovesEveryKeyByDumpAndRestoreWithItsTtlAndVerifyAgrees(@TempDir Path dir) {
    fill();
    migration.src().hset("app:a-hash", "f", "v".getBytes(UTF_8));
    migration.src().del("app:a-hash"); // a type the cache never writes would be copied the same way

    CliRun copy = CliRun.of(migration.args("copy", "cache", "--state",
        dir.resolve("s").toString()));

    assertThat(copy.exitCode()).as(copy.toString()).isZero();
    assertThat(copy.out()).contains("copy cache from redis to elasticache (keys app:*)")
        .contains("DUMP/RESTORE, byte-exact").containsPattern("copied\\s+2,000\\n")
        .containsPattern("failed\\s+0\\n").containsPattern("rate\\s+[0-9,]+ keys/s");
    assertEveryKeyCopiedExactly();

    CliRun verify = CliRun.of(migration.args("verify", "cache"));
    assertThat(verify.exitCode()).as(verify.toString()).isZero();
    assertThat(verify.out()).containsPattern("same\\s+2,000\\n")
        .containsPattern("only in target\\s+0\\n");
  }

  @Test
  void anInterruptedCopyResumesFromItsCursorAndEndsWithEveryKeyExact(@TempDir Path dir) {
    fill();
    String state = dir.resolve("copy.state").toString();

    CliRun first = CliRun.of(migration.args("copy", "cache", "--state", state,
        "--batch", "100", "--checkpoint-every", "100", "--limit", "750"));

    assertThat(first.exitCode()).as(first.toString()).isZero();
    assertThat(first.out()).contains("stopped; continue with --resume")
        .containsPattern("keys this run\\s+750\\n");
    WalkState saved = WalkState.read(Path.of(state)).orElseThrow();
    assertThat(saved.finished()).isFalse();
    assertThat(saved.keys()).isBetween(1L, 750L);
    assertThat(dst().dbsize()).isBetween(1L, (long) KEYS - 1);

    CliRun wrong = CliRun.of(migration.args("copy", "cache", "--state", state, "--resume",
        "--match", "app:1*"));
    assertThat(wrong.exitCode()).as(wrong.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(wrong.err()).contains("the state file " + state + " is for copy cache from redis"
        + " to elasticache (keys app:*), not copy cache from redis to elasticache (keys app:1*)");

    CliRun resumed = CliRun.of(migration.args("copy", "cache", "--state", state, "--resume",
        "--batch", "100"));

    assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
    assertThat(resumed.out()).contains("(finished)").containsPattern("failed\\s+0\\n");
    WalkState end = WalkState.read(Path.of(state)).orElseThrow();
    assertThat(end.finished()).isTrue();
    assertThat(end.keys() - saved.keys()).as("the resumed run started at the saved cursor")
        .isLessThan(KEYS);
    assertThat(end.tally().count(dev.switchback.cli.walk.Outcome.COPIED))
        .isGreaterThanOrEqualTo(KEYS);
    assertEveryKeyCopiedExactly();

    CliRun again = CliRun.of(migration.args("copy", "cache", "--state", state, "--resume"));
    assertThat(again.exitCode()).isZero();
    assertThat(again.out()).contains("has finished; run without --resume to copy again");
  }

  @Test
  void verifyNamesMissingDifferentAndExtraKeysAndExitsOne() {
    migration.src().set("app:same", "1".getBytes(UTF_8));
    migration.src().set("app:missing", "2".getBytes(UTF_8));
    migration.src().set("app:different", "3".getBytes(UTF_8));
    migration.src().psetex("app:ttl-apart", 3_600_000, "4".getBytes(UTF_8));
    dst().set("app:same", "1".getBytes(UTF_8));
    dst().set("app:different", "three".getBytes(UTF_8));
    dst().psetex("app:ttl-apart", 60_000, "4".getBytes(UTF_8));
    dst().set("app:extra", "5".getBytes(UTF_8));

    CliRun verify = CliRun.of(migration.args("verify", "cache"));

    assertThat(verify.exitCode()).as(verify.toString()).isEqualTo(ExitCodes.DIFFERENCES);
    assertThat(verify.out()).containsPattern("same\\s+1\\n")
        .containsPattern("missing in target\\s+1\\n")
        .containsPattern("different\\s+2\\n")
        .containsPattern("only in target\\s+1\\n")
        .containsPattern("first missing keys\\s+app:missing\\n")
        .containsPattern("first keys only in target\\s+app:extra\\n")
        .doesNotContain("three");
    assertThat(verify.out().lines().filter(l -> l.contains("first different keys")))
        .singleElement().asString().contains("app:different").contains("app:ttl-apart");
  }

  @Test
  void anUnreachableTargetIsNamedAndExitsThree() {
    ((LocalRedis) migration.target).stop();
    migration.src().set("app:a", "1".getBytes(UTF_8));

    CliRun copy = CliRun.of(migration.args("copy", "cache", "--state",
        Path.of(System.getProperty("java.io.tmpdir"), "cli-unreachable.state").toString()));

    assertThat(copy.exitCode()).as(copy.toString()).isEqualTo(ExitCodes.UNAVAILABLE);
    assertThat(copy.err()).startsWith("switchback: the target (elasticache) cannot be opened");
  }
}
