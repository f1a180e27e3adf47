package dev.switchback.pairs;

import dev.switchback.testkit.migration.CacheMigrationFaultContract;
import dev.switchback.testkit.migration.FaultyPair;
import org.junit.jupiter.api.AfterAll;

/**
 * A cache migration from Redis to a second Redis standing in for ElastiCache, surviving real
 * faults on either side (see {@link ProxiedPair}).
 */
class RedisToElastiCacheCacheFaultTest extends CacheMigrationFaultContract {
  private final ProxiedPair pair = ProxiedPair.redisToElastiCache("cache");

  @Override
  protected FaultyPair pair() {
    return pair;
  }

  @AfterAll
  void closePair() throws Exception {
    pair.close();
  }
}
