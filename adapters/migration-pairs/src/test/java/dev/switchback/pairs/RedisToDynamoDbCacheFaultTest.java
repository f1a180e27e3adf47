package dev.switchback.pairs;

import dev.switchback.testkit.migration.CacheMigrationFaultContract;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/**
 * A cache migration from Redis to DynamoDB, surviving real faults: each
 * side is reached through a fault proxy that, when broken, resets every connection and refuses
 * new ones.
 */
class RedisToDynamoDbCacheFaultTest extends CacheMigrationFaultContract {
  private final ProxiedPair pair = ProxiedPair.redisToDynamoDb("cache");

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
