package dev.switchback.pairs;

import dev.switchback.testkit.migration.SessionsMigrationFaultContract;
import dev.switchback.testkit.migration.FaultyPair;
import org.junit.jupiter.api.AfterAll;

/**
 * A sessions migration from Redis to DynamoDB, surviving real faults on either side
 * (see {@link ProxiedPair}).
 */
class RedisToDynamoDbSessionsFaultTest extends SessionsMigrationFaultContract {
  private final ProxiedPair pair = ProxiedPair.redisToDynamoDb("sessions");

  @Override
  protected FaultyPair pair() {
    return pair;
  }

  @AfterAll
  void closePair() throws Exception {
    pair.close();
  }
}
