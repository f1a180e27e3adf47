package dev.switchback.pairs;

import dev.switchback.testkit.migration.CacheStagesContract;
import dev.switchback.testkit.servers.LocalRedis;
import java.util.Map;

/**
 * The Cache contract in every stage of a migration from Redis to ElastiCache over TLS with an
 * AUTH token.
 */
class RedisToElastiCacheTlsCacheStagesTest extends CacheStagesContract {
  private final Map<String, String> config =
      PairConfig.pair(
          PairConfig.redisAsOld("cache", LocalRedis.shared().uri()),
          PairConfig.elastiCacheTlsAsNew("cache", PairServers.tlsRedis(), PairServers.TOKEN));

  @Override
  protected Map<String, String> migrationConfig() {
    return config;
  }
}
