package dev.switchback.elasticache;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchback.cache.BulkCache;
import dev.switchback.cache.Cache;
import dev.switchback.redis.RedisClientSettings;
import dev.switchback.redis.cache.RedisCache;
import dev.switchback.testkit.Eventually;
import dev.switchback.testkit.servers.LocalRedis;
import dev.switchback.testkit.servers.LocalRedisCluster;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Cluster mode: keys spread over every primary, and writes resume after a primary is killed. */
class ElastiCacheClusterTest {

  @Test
  void bulkReadsAndWritesSpanKeysOnEveryPrimary() {
    LocalRedisCluster cluster = LocalRedisCluster.shared();
    Cache cache = RedisCache.builder(TestServers.open(TestServers.cluster(cluster).build()))
        .keyPrefix("bulk-span:").build();
    try {
      List<String> keys = IntStream.range(0, 30).mapToObj(i -> "key-" + i).toList();
      Set<Integer> owners = new HashSet<>();
      keys.forEach(k -> owners.add(cluster.primaryFor("bulk-span:" + k).port()));
      assertThat(owners).as("the keys' primaries").hasSize(3);
      Map<String, byte[]> entries = new LinkedHashMap<>();
      keys.forEach(k -> entries.put(k, k.getBytes(UTF_8)));
      BulkCache bulk = cache.ability(BulkCache.class).orElseThrow();

      bulk.putAll(entries, Duration.ofMinutes(1)).toCompletableFuture().join();
      Map<String, byte[]> read = bulk.getAll(Set.copyOf(keys)).toCompletableFuture().join();

      assertThat(read).hasSize(30);
      keys.forEach(k -> assertThat(read.get(k)).asString(UTF_8).isEqualTo(k));
    } finally {
      cache.close();
    }
  }

  @Test
  void writesResumeAfterAPrimaryIsKilledThroughAdaptiveTopologyRefresh() {
    // The periodic refresh is left at its 60 s: writes resuming sooner prove the adaptive one.
    writesResumeAfterFailover(Duration.ofSeconds(60), true);
  }

  @Test
  void writesResumeAfterAPrimaryIsKilledThroughPeriodicTopologyRefreshAlone() {
    writesResumeAfterFailover(Duration.ofSeconds(1), false);
  }

  private static void writesResumeAfterFailover(Duration period, boolean adaptive) {
    try (LocalRedisCluster cluster = LocalRedisCluster.start(3, 1)) {
      Cache cache = RedisCache.builder(TestServers.open(TestServers.cluster(cluster)
          .topologyRefresh(period, adaptive)
          .client(RedisClientSettings.builder().commandTimeout(Duration.ofMillis(500)).build())
          .build())).build();
      try {
        String key = "failover:key";
        cache.put(key, "before".getBytes(UTF_8)).toCompletableFuture().join();
        LocalRedis primary = cluster.primaryFor(key);

        primary.kill();

        Eventually.await(Duration.ofSeconds(40), () -> {
          cache.put(key, "after".getBytes(UTF_8)).toCompletableFuture().join();
          assertThat(cache.get(key).toCompletableFuture().join())
              .map(v -> new String(v, UTF_8)).isEqualTo(Optional.of("after"));
        });
        assertThat(cluster.primaryFor(key).port()).isNotEqualTo(primary.port());
      } finally {
        cache.close();
      }
    }
  }
}
