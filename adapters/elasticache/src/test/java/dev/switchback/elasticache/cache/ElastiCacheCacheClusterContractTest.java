package dev.switchback.elasticache.cache;

import dev.switchback.cache.Cache;
import dev.switchback.elasticache.TestServers;
import dev.switchback.redis.cache.RedisCache;
import dev.switchback.testkit.contract.CacheContract;
import dev.switchback.testkit.servers.LocalRedisCluster;
import java.time.Duration;

/** The cache contract against a three-primary Redis Cluster, keys spread over every slot range. */
final class ElastiCacheCacheClusterContractTest extends CacheContract {

  @Override
  protected Cache createCache() {
    return RedisCache.builder(
        TestServers.open(TestServers.cluster(LocalRedisCluster.shared()).build())).build();
  }

  @Override
  protected Duration shortTtl() {
    return Duration.ofMillis(200);
  }
}
