package dev.switchback.redis.cache;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchback.InvalidInputException;
import dev.switchback.cache.CacheEntry;
import dev.switchback.redis.RawRedis;
import dev.switchback.redis.TestConnections;
import dev.switchback.testkit.Stages;
import dev.switchback.testkit.servers.LocalRedis;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the Redis cache adds to the contract: its layout on the server, the key prefix, the TTL
 * cap, scripts that survive a server forgetting them, and bad input checked on the server itself.
 * Each test has a dedicated, empty Redis.
 */
final class RedisCacheTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private LocalRedis redis;
  private RawRedis raw;
  private RedisCache cache;

  @BeforeEach
  void startServer() {
    redis = LocalRedis.start();
    raw = RawRedis.to(redis);
    cache = RedisCache.builder(TestConnections.open(redis.uri())).keyPrefix("app:").build();
  }

  @AfterEach
  void stopServer() {
    cache.close();
    raw.close();
    redis.close();
  }

  @Test
  void badInputFailsWithInvalidInputAndNothingReachesTheServer() {
    String tooLong = "k".repeat(2000);
    for (String key : Arrays.asList(null, "", tooLong)) {
      assertInvalid(() -> cache.put(key, bytes("v"), null));
      assertInvalid(() -> cache.putIfAbsent(key, bytes("v"), null));
      assertInvalid(() -> cache.get(key));
      assertInvalid(() -> cache.delete(key));
    }
    assertInvalid(() -> cache.put("k", null, null));
    for (Duration ttl : List.of(Duration.ZERO, Duration.ofMillis(-1), Duration.ofNanos(-1))) {
      assertInvalid(() -> cache.put("k", bytes("v"), ttl));
      assertInvalid(() -> cache.putIfAbsent("k", bytes("v"), ttl));
      assertInvalid(() -> cache.putAll(Map.of("k", bytes("v")), ttl));
    }
    Map<String, byte[]> oneBad = new HashMap<>(Map.of("good", bytes("v")));
    oneBad.put("bad", null);
    assertInvalid(() -> cache.putAll(oneBad, null));
    assertInvalid(() -> cache.putAll(null, null));
    assertInvalid(() -> cache.getAll(null));

    assertThat(raw.dbsize()).isZero();
    assertThat(raw.sync().info("commandstats")).doesNotContain("cmdstat_set:");
  }

  @Test
  void everyCommandUsesTheKeyPrefix() {
    join(cache.put("a", bytes("1"), null));
    join(cache.putIfAbsent("b", bytes("2"), Duration.ofMinutes(1)));
    join(cache.putAll(Map.of("c", bytes("3")), null));

    assertThat(raw.sync().keys("*")).containsExactlyInAnyOrder("app:a", "app:b", "app:c");
    assertThat(join(cache.getAll(List.of("a", "b", "c")))).containsOnlyKeys("a", "b", "c");
    assertThat(join(cache.delete("a"))).isTrue();
    assertThat(raw.sync().keys("*")).containsExactlyInAnyOrder("app:b", "app:c");
  }

  @Test
  void entryExpiryIsTheRedisKeyExpiry() {
    join(cache.put("ttl", bytes("v"), Duration.ofMillis(90_500)));

    CacheEntry entry = join(cache.getEntry("ttl")).orElseThrow();
    long pexpireTime = raw.sync().pexpiretime("app:ttl");

    // 90.5 s is stored as 90,500 ms; the entry's expiry is the same instant within clock noise.
    assertThat(raw.pttl("app:ttl")).isBetween(80_000L, 90_500L);
    assertThat(Duration.between(Instant.ofEpochMilli(pexpireTime), entry.expiresAt()).abs())
        .isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void ttlBeyondTheCapIsStoredAsTheCap() {
    join(cache.put("forever-ish", bytes("v"), Duration.ofDays(10_000_000)));

    CacheEntry entry = join(cache.getEntry("forever-ish")).orElseThrow();

    assertThat(raw.pttl("app:forever-ish")).isGreaterThan(RedisCache.MAX_TTL.toMillis() - 60_000);
    assertThat(entry.expiresAt()).isAfter(Instant.now().plus(RedisCache.MAX_TTL).minusSeconds(60));
  }

  @Test
  void getEntryWorksAfterTheServerForgetsItsScripts() {
    join(cache.put("script", bytes("v"), null));
    assertThat(join(cache.getEntry("script"))).isPresent();

    raw.sync().scriptFlush();

    assertThat(join(cache.getEntry("script")).orElseThrow().value()).isEqualTo(bytes("v"));
  }

  private static void assertInvalid(Supplier<? extends CompletionStage<?>> operation) {
    assertThat(Stages.failureOf(operation, WAIT)).isInstanceOf(InvalidInputException.class);
  }

  private static <T> T join(CompletionStage<T> stage) {
    return Stages.join(stage, WAIT);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }
}
