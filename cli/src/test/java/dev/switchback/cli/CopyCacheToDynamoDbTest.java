package dev.switchback.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchback.MigrationBackends;
import dev.switchback.cache.Cache;
import dev.switchback.cache.CacheEntry;
import dev.switchback.cli.copy.KeyedCopy;
import dev.switchback.cli.walk.Outcome;
import dev.switchback.cli.walk.Tally;
import dev.switchback.migration.Side;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CopyCacheToDynamoDbTest {
  private RedisToDynamoDb migration;
  private MigrationBackends backends;
  private Cache redis;
  private Cache dynamo;

  @BeforeEach
  void open() {
    migration = new RedisToDynamoDb("cache");
    backends = migration.open();
    redis = backends.backend(Side.OLD, Cache.class);
    dynamo = backends.backend(Side.NEW, Cache.class);
  }

  @AfterEach
  void close() {
    backends.close();
  }

  private static <T> T await(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void copyThenVerifyMovesEveryEntryWithItsExpiryAndVerifyFindsAMissingAndADifferentKey(
      @TempDir Path dir) throws Exception {
    Random random = new Random(3);
    for (int i = 0; i < 300; i++) {
      byte[] value = new byte[100 + random.nextInt(900)];
      random.nextBytes(value);
      await(redis.put("k" + i, value, i % 2 == 0 ? Duration.ofHours(1) : null));
    }
    Path config = migration.file(dir);
    Path state = dir.resolve("copy.state");

    CliRun copy = CliRun.of("copy", "cache", "--config", config.toString(),
        "--state", state.toString(), "--batch", "64");

    assertThat(copy.exitCode()).as(copy.toString()).isZero();
    assertThat(copy.out()).contains("copy cache from redis to dynamodb")
        .contains("through the Cache interface").containsPattern("copied\\s+300\\b")
        .containsPattern("failed\\s+0\\b").contains("(finished)");
    for (int i = 0; i < 300; i++) {
      CacheEntry source = await(redis.getEntry("k" + i)).orElseThrow();
      CacheEntry target = await(dynamo.getEntry("k" + i)).orElseThrow();
      assertThat(target.value()).as("k" + i).isEqualTo(source.value());
      if (source.expiresAt() == null) {
        assertThat(target.expiresAt()).as("k" + i).isNull();
      } else {
        assertThat(Duration.between(source.expiresAt(), target.expiresAt()).abs())
            .as("k" + i).isLessThan(Duration.ofSeconds(2));
      }
    }

    CliRun clean = CliRun.of("verify", "cache", "--config", config.toString());
    assertThat(clean.exitCode()).as(clean.toString()).isZero();
    assertThat(clean.out()).containsPattern("same\\s+300\\b")
        .containsPattern("only in target\\s+not checked \\(target not a single Redis node\\)");

    await(dynamo.delete("k7"));
    await(dynamo.put("k8", "changed".getBytes(UTF_8)));
    CliRun dirty = CliRun.of("verify", "cache", "--config", config.toString());

    assertThat(dirty.exitCode()).as(dirty.toString()).isEqualTo(ExitCodes.DIFFERENCES);
    assertThat(dirty.out()).containsPattern("missing in target\\s+1\\b")
        .containsPattern("different\\s+1\\b")
        .containsPattern("first missing keys\\s+" + migration.prefix + "k7\n")
        .containsPattern("first different keys\\s+" + migration.prefix + "k8\n");

    CliRun sample = CliRun.of("verify", "cache", "--config", config.toString(),
        "--sample", "1000");
    assertThat(sample.exitCode()).as(sample.toString()).isEqualTo(ExitCodes.DIFFERENCES);
    assertThat(sample.out()).contains("a random sample of 1000")
        .containsPattern("compared\\s+300\\b");
  }

  @Test
  void anEntryGoneOrExpiredByTheTimeItIsReadIsNotWritten() throws Exception {
    await(redis.put("here", "1".getBytes(UTF_8), Duration.ofMinutes(5)));
    KeyedCopy<CacheEntry> copy = KeyedCopy.cache(redis, dynamo, migration.prefix, true,
        Duration.ofSeconds(10), Clock.systemUTC());
    // A clock one hour ahead sees the five-minute entry as expired.
    KeyedCopy<CacheEntry> late = KeyedCopy.cache(redis, dynamo, migration.prefix, true,
        Duration.ofSeconds(10), Clock.offset(Clock.systemUTC(), Duration.ofHours(1)));

    Tally gone = copy.handle(List.of(migration.prefix + "never-there"));
    Tally expired = late.handle(List.of(migration.prefix + "here"));

    assertThat(gone.examples(Outcome.EXPIRED)).containsExactly(migration.prefix + "never-there");
    assertThat(expired.examples(Outcome.EXPIRED)).containsExactly(migration.prefix + "here");
    assertThat(await(dynamo.get("never-there"))).isEmpty();
    assertThat(await(dynamo.get("here"))).isEmpty();
  }

  @Test
  void withoutOverwriteAnEntryTheTargetHasIsKept() throws Exception {
    await(redis.put("a", "old".getBytes(UTF_8)));
    await(redis.put("b", "old".getBytes(UTF_8)));
    await(dynamo.put("a", "newer".getBytes(UTF_8)));

    CliRun copy = CliRun.of(args("copy", "cache", "--no-overwrite", "--state",
        Path.of(System.getProperty("java.io.tmpdir"), "cli-" + migration.prefix.replace(":", "")
            + ".state").toString()));

    assertThat(copy.exitCode()).as(copy.toString()).isZero();
    assertThat(copy.out()).containsPattern("kept, already there\\s+1\\b")
        .containsPattern("copied\\s+1\\b");
    assertThat(await(dynamo.get("a")).map(v -> new String(v, UTF_8))).contains("newer");
    assertThat(await(dynamo.get("b")).map(v -> new String(v, UTF_8))).contains("old");
    Optional<Instant> none = await(dynamo.getEntry("b")).orElseThrow().expiry();
    assertThat(none).isEmpty();
  }

  private String[] args(String... command) {
    List<String> all = new java.util.ArrayList<>(List.of(command));
    migration.properties.forEach((key, value) -> {
      all.add("-D");
      all.add(key + "=" + value);
    });
    return all.toArray(String[]::new);
  }
}
