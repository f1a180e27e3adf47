package dev.switchback.cli.resp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchback.BackendUnavailableException;
import dev.switchback.cli.walk.KeyWalk;
import dev.switchback.cli.walk.Outcome;
import dev.switchback.cli.walk.Tally;
import dev.switchback.cli.walk.WalkState;
import io.lettuce.core.ScoredValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DumpRestoreCopyTest {
  private RedisPair redis;

  @BeforeEach
  void start() {
    redis = new RedisPair();
  }

  @AfterEach
  void stop() {
    redis.close();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(UTF_8);
  }

  private KeyWalk.Result copyAll(String sourcePrefix, String targetPrefix) throws Exception {
    RespStore source = redis.sourceStore(sourcePrefix);
    return KeyWalk.builder(new RespKeySource(source, sourcePrefix + "*"),
            new DumpRestoreCopy(source, redis.targetStore(targetPrefix), true))
        .batch(50).build()
        .run(WalkState.start("copy cache", "redis", "redis", sourcePrefix + "*"));
  }

  @Test
  void everyTypeIsCopiedByteExactWithItsRemainingTtl() throws Exception {
    byte[] binary = new byte[1000];
    new Random(7).nextBytes(binary);
    redis.src().set("app:binary", binary);
    redis.src().psetex("app:expiring", 600_000, bytes("soon"));
    redis.src().hset("app:hash", "field", bytes("value"));
    redis.src().rpush("app:list", bytes("a"), bytes("b"), bytes("c"));
    redis.src().sadd("app:set", bytes("x"), bytes("y"));
    redis.src().zadd("app:zset", ScoredValue.just(1.5, bytes("one")));
    redis.src().pexpire("app:hash", 300_000);
    redis.src().set("other:not-mine", bytes("left alone"));

    KeyWalk.Result result = copyAll("app:", "app:");

    assertThat(result.run().count(Outcome.COPIED)).isEqualTo(6);
    assertThat(result.state().finished()).isTrue();
    assertThat(redis.dst().get("app:binary")).isEqualTo(binary);
    assertThat(redis.dst().get("app:expiring")).isEqualTo(bytes("soon"));
    assertThat(redis.dst().hgetall("app:hash")).containsOnlyKeys("field")
        .hasEntrySatisfying("field", v -> assertThat(v).isEqualTo(bytes("value")));
    assertThat(redis.dst().lrange("app:list", 0, -1))
        .containsExactly(bytes("a"), bytes("b"), bytes("c"));
    assertThat(redis.dst().smembers("app:set")).extracting(b -> new String(b, UTF_8))
        .containsExactlyInAnyOrder("x", "y");
    assertThat(redis.dst().zrangeWithScores("app:zset", 0, -1)).singleElement()
        .satisfies(v -> assertThat(v.getScore()).isEqualTo(1.5))
        .satisfies(v -> assertThat(v.getValue()).isEqualTo(bytes("one")));
    assertThat(redis.dst().pttl("app:binary")).isEqualTo(-1);
    assertThat(redis.dst().pttl("app:expiring")).isBetween(1L, 600_000L)
        .isGreaterThan(redis.src().pttl("app:expiring") - 5_000);
    assertThat(redis.dst().pttl("app:hash")).isBetween(290_000L, 300_000L);
    assertThat(redis.dst().exists("other:not-mine")).isZero();
  }

  @Test
  void keysAreRenamedFromTheSourcePrefixToTheTargetPrefix() throws Exception {
    redis.src().set("old:a", bytes("1"));
    redis.src().set("old:b", bytes("2"));

    copyAll("old:", "new:");

    assertThat(redis.dst().get("new:a")).isEqualTo(bytes("1"));
    assertThat(redis.dst().get("new:b")).isEqualTo(bytes("2"));
    assertThat(redis.dst().exists("old:a", "old:b")).isZero();
  }

  @Test
  void aKeyGoneFromTheSourceByTheTimeItIsReadIsCountedAndNotWritten() {
    redis.src().set("app:here", bytes("1"));
    redis.dst().set("app:gone", bytes("the target's own"));
    DumpRestoreCopy copy =
        new DumpRestoreCopy(redis.sourceStore("app:"), redis.targetStore("app:"), true);

    Tally tally = copy.handle(List.of("app:here", "app:gone"));

    assertThat(tally.count(Outcome.COPIED)).isEqualTo(1);
    assertThat(tally.examples(Outcome.EXPIRED)).containsExactly("app:gone");
    assertThat(redis.dst().get("app:gone")).isEqualTo(bytes("the target's own"));
  }

  @Test
  void withoutOverwriteTheTargetsKeysAreKept() {
    redis.src().set("app:a", bytes("source"));
    redis.src().set("app:b", bytes("source"));
    redis.dst().set("app:a", bytes("newer, from the dual write"));
    DumpRestoreCopy copy =
        new DumpRestoreCopy(redis.sourceStore("app:"), redis.targetStore("app:"), false);

    Tally tally = copy.handle(List.of("app:a", "app:b"));

    assertThat(tally.examples(Outcome.KEPT)).containsExactly("app:a");
    assertThat(tally.examples(Outcome.COPIED)).containsExactly("app:b");
    assertThat(redis.dst().get("app:a")).isEqualTo(bytes("newer, from the dual write"));
  }

  @Test
  void aKeyTheTargetRefusesIsCountedFailedWithTheReasonAndTheOthersAreCopied() {
    redis.src().set("app:allowed", bytes("1"));
    redis.src().set("app:forbidden", bytes("2"));
    redis.dst().aclSetuser("default", io.lettuce.core.AclSetuserArgs.Builder.resetKeys()
        .keyPattern("app:allowed"));
    DumpRestoreCopy copy =
        new DumpRestoreCopy(redis.sourceStore("app:"), redis.targetStore("app:"), true);

    Tally tally = copy.handle(List.of("app:allowed", "app:forbidden"));

    assertThat(tally.examples(Outcome.COPIED)).containsExactly("app:allowed");
    assertThat(tally.examples(Outcome.FAILED)).containsExactly("app:forbidden");
    assertThat(tally.errors()).singleElement().asString()
        .startsWith("the target (redis): ").contains("NOPERM");
    redis.dst().aclSetuser("default", io.lettuce.core.AclSetuserArgs.Builder.allKeys());
    assertThat(redis.dst().exists("app:forbidden")).isZero();
  }

  @Test
  void anInterruptedCopyResumesFromItsCursorAndEndsWithEveryKeyExact(@TempDir Path dir)
      throws Exception {
    Random random = new Random(11);
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      byte[] value = new byte[100 + random.nextInt(900)];
      random.nextBytes(value);
      String key = "app:" + i;
      keys.add(key);
      if (i % 3 == 0) {
        redis.src().psetex(key, 3_600_000, value);
      } else {
        redis.src().set(key, value);
      }
    }
    Path stateFile = dir.resolve("copy.state");
    RespStore source = redis.sourceStore("app:");
    DumpRestoreCopy copy = new DumpRestoreCopy(source, redis.targetStore("app:"), true);
    WalkState fresh = WalkState.start("copy cache", "redis", "redis", "app:*");

    KeyWalk.Result first = KeyWalk.builder(new RespKeySource(source, "app:*"), copy)
        .batch(100).checkpointEvery(200).limit(1_150)
        .checkpoints(state -> state.write(stateFile)).build().run(fresh);

    assertThat(first.stopped()).isTrue();
    assertThat(first.keys()).isEqualTo(1_150);
    WalkState saved = WalkState.read(stateFile).orElseThrow();
    assertThat(saved.finished()).isFalse();
    assertThat(saved.cursor()).isNotEqualTo("0");
    assertThat(saved.keys()).isLessThanOrEqualTo(1_150).isGreaterThan(0);
    assertThat(saved.tally().count(Outcome.COPIED)).isEqualTo(saved.keys());
    assertThat(redis.dst().dbsize()).isLessThan(3_000);

    KeyWalk.Result second = KeyWalk.builder(new RespKeySource(source, "app:*"), copy)
        .batch(100).checkpointEvery(200)
        .checkpoints(state -> state.write(stateFile)).build().run(saved);

    assertThat(second.stopped()).isFalse();
    assertThat(second.keys()).as("the resumed run starts at the saved cursor, not at 0")
        .isLessThan(3_000);
    WalkState end = WalkState.read(stateFile).orElseThrow();
    assertThat(end.finished()).isTrue();
    assertThat(end.tally().count(Outcome.COPIED)).isGreaterThanOrEqualTo(3_000);
    assertThat(end.tally().count(Outcome.FAILED)).isZero();
    assertThat(redis.dst().dbsize()).isEqualTo(3_000);
    for (String key : keys) {
      assertThat(redis.dst().get(key)).as(key).isEqualTo(redis.src().get(key));
      long sourceTtl = redis.src().pttl(key);
      long targetTtl = redis.dst().pttl(key);
      if (sourceTtl == -1) {
        assertThat(targetTtl).as(key).isEqualTo(-1);
      } else {
        assertThat(targetTtl).as(key).isBetween(sourceTtl - 60_000, sourceTtl + 1_000);
      }
    }
    assertThat(Files.list(dir)).as("no temporary state files are left").hasSize(1);
  }

  @Test
  void anUnreachableSourceIsNamedAndTheLastCheckpointStays(@TempDir Path dir) {
    redis.src().set("app:a", bytes("1"));
    RespStore source = redis.sourceStore("app:");
    redis.sourceServer.stop();
    Path stateFile = dir.resolve("copy.state");

    assertThatThrownBy(() -> KeyWalk.builder(new RespKeySource(source, "app:*"),
            new DumpRestoreCopy(source, redis.targetStore("app:"), true))
        .checkpoints(state -> state.write(stateFile)).build()
        .run(WalkState.start("copy cache", "redis", "redis", "app:*")))
        .isInstanceOf(BackendUnavailableException.class)
        .hasMessageStartingWith("the source (redis): SCAN failed");
    assertThat(WalkState.read(stateFile).orElseThrow().cursor()).isEqualTo("0");
  }
}
