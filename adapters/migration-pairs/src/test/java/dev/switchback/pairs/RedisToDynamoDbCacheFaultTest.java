package dev.switchback.pairs;

import dev.switchback.testkit.migration.CacheMigrationFaultContract;
import dev.switchback.testkit.migration.FaultyPair;
import org.junit.jupiter.api.AfterAll;

/**
 * A cache migration from Redis to DynamoDB, surviving real faults on either side
 * (see {@link ProxiedPair}).
 */
class RedisToDynamoDbCacheFaultTest extends CacheMigrationFaultContract {
  private final ProxiedPair pair = ProxiedPair.redisToDynamoDb("cache");

  @Override
  protected FaultyPair pair() {
    return pair;
  }

  @AfterAll
  void closePair() throws Exception {
    pair.close();
  }
}
