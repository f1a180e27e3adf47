package dev.switchback.pairs;

import dev.switchback.testkit.migration.SessionsStagesContract;
import dev.switchback.testkit.servers.LocalRedis;
import java.util.Map;

/**
 * The Sessions contract in every stage of a migration from Redis to ElastiCache over TLS with an
 * AUTH token.
 */
class RedisToElastiCacheTlsSessionsStagesTest extends SessionsStagesContract {
  private final Map<String, String> config =
      PairConfig.pair(
          PairConfig.redisAsOld("sessions", LocalRedis.shared().uri()),
          PairConfig.elastiCacheTlsAsNew("sessions", PairServers.tlsRedis(), PairServers.TOKEN));

  @Override
  protected Map<String, String> migrationConfig() {
    return config;
  }
}
