package dev.switchback.pairs;

import dev.switchback.testkit.migration.CacheMigrationFaultContract;
import dev.switchback.testkit.proxy.FaultProxy;
import dev.switchback.testkit.servers.LocalRedis;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/**
 * A migration from Redis to a second Redis standing in for ElastiCache, surviving real faults:
 * each side is reached through a fault proxy that, when broken, resets every connection and
 * refuses new ones.
 */
class RedisToElastiCacheCacheFaultTest extends CacheMigrationFaultContract {
  private final LocalRedis newRedis = LocalRedis.start();
  private final FaultProxy toOld = FaultProxy.start(LocalRedis.HOST, LocalRedis.shared().port());
  private final FaultProxy toNew = FaultProxy.start(LocalRedis.HOST, newRedis.port());
  private final Map<String, String> direct =
      PairConfig.pair(
          PairConfig.redisAsOld("cache", LocalRedis.shared().uri()),
          PairConfig.plainElastiCacheAsNew("cache", newRedis.host() + ":" + newRedis.port()));

  @Override
  protected Map<String, String> migrationConfig() {
    Map<String, String> proxied = new HashMap<>(direct);
    proxied.put("switchback.cache.redis.uri", "redis://" + toOld.host() + ":" + toOld.port());
    proxied.put("switchback.cache.elasticache.endpoint", toNew.host() + ":" + toNew.port());
    return proxied;
  }

  @Override
  protected Map<String, String> directConfig() {
    return direct;
  }

  @Override
  protected void breakOld() {
    toOld.refuseNew().resetAll();
  }

  @Override
  protected void healOld() {
    toOld.heal();
  }

  @Override
  protected void breakNew() {
    toNew.refuseNew().resetAll();
  }

  @Override
  protected void healNew() {
    toNew.heal();
  }

  @AfterAll
  void closeServers() {
    toOld.close();
    toNew.close();
    newRedis.close();
  }
}
