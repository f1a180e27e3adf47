package dev.switchback.pairs;

import dev.switchback.testkit.migration.SessionsMigrationFaultContract;
import dev.switchback.testkit.migration.FaultyPair;
import org.junit.jupiter.api.AfterAll;

/**
 * A sessions migration from Redis to a second Redis standing in for ElastiCache, surviving real
 * faults on either side (see {@link ProxiedPair}).
 */
class RedisToElastiCacheSessionsFaultTest extends SessionsMigrationFaultContract {
  private final ProxiedPair pair = ProxiedPair.redisToElastiCache("sessions");

  @Override
  protected FaultyPair pair() {
    return pair;
  }

  @AfterAll
  void closePair() throws Exception {
    pair.close();
  }
}
