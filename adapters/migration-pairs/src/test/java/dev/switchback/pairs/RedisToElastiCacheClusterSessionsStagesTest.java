package dev.switchback.pairs;

import dev.switchback.testkit.migration.SessionsStagesContract;
import dev.switchback.testkit.servers.LocalRedis;
import dev.switchback.testkit.servers.LocalRedisCluster;
import java.util.Map;

/**
 * The Sessions contract in every stage of a migration from Redis to ElastiCache in cluster mode.
 */
class RedisToElastiCacheClusterSessionsStagesTest extends SessionsStagesContract {
  private final Map<String, String> config =
      PairConfig.pair(
          PairConfig.redisAsOld("sessions", LocalRedis.shared().uri()),
          PairConfig.elastiCacheClusterAsNew("sessions", LocalRedisCluster.shared()));

  @Override
  protected Map<String, String> migrationConfig() {
    return config;
  }
}
