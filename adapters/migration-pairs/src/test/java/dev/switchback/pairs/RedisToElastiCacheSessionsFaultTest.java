package dev.switchback.pairs;

import dev.switchback.testkit.migration.SessionsMigrationFaultContract;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/**
 * A sessions migration from Redis to a second Redis standing in for ElastiCache, surviving real
 * faults: each side is reached through a fault proxy that, when broken, resets every connection
 * and refuses new ones.
 */
class RedisToElastiCacheSessionsFaultTest extends SessionsMigrationFaultContract {
  private final ProxiedPair pair = ProxiedPair.redisToElastiCache("sessions");

  @Override
  protected Map<String, String> migrationConfig() {
    return pair.proxied();
  }

  @Override
  protected Map<String, String> directConfig() {
    return pair.direct();
  }

  @Override
  protected void breakOld() {
    pair.breakOld();
  }

  @Override
  protected void healOld() {
    pair.healOld();
  }

  @Override
  protected void breakNew() {
    pair.breakNew();
  }

  @Override
  protected void healNew() {
    pair.healNew();
  }

  @AfterAll
  void closePair() throws Exception {
    pair.close();
  }
}
