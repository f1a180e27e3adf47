package dev.switchback.pairs;

import dev.switchback.testkit.migration.CacheStagesContract;
import dev.switchback.testkit.servers.LocalRedis;
import dev.switchback.testkit.servers.LocalRedisCluster;
import java.util.Map;

/** The Cache contract in every stage of a migration from Redis to ElastiCache in cluster mode. */
class RedisToElastiCacheClusterCacheStagesTest extends CacheStagesContract {
  private final Map<String, String> config =
      PairConfig.pair(
          PairConfig.redisAsOld("cache", LocalRedis.shared().uri()),
          PairConfig.elastiCacheClusterAsNew("cache", LocalRedisCluster.shared()));

  @Override
  protected Map<String, String> migrationConfig() {
    return config;
  }
}
