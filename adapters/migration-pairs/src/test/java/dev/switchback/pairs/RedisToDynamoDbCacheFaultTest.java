package dev.switchback.pairs;

import dev.switchback.testkit.migration.CacheMigrationFaultContract;
import dev.switchback.testkit.proxy.FaultProxy;
import dev.switchback.testkit.servers.LocalDynamoDb;
import dev.switchback.testkit.servers.LocalRedis;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/**
 * A migration from Redis to DynamoDB surviving real faults: each side is reached through a fault
 * proxy that, when broken, resets every connection and refuses new ones.
 */
class RedisToDynamoDbCacheFaultTest extends CacheMigrationFaultContract {
  private final FaultProxy toRedis =
      FaultProxy.start(LocalRedis.HOST, LocalRedis.shared().port());
  private final FaultProxy toDynamoDb =
      FaultProxy.start(LocalDynamoDb.HOST, LocalDynamoDb.shared().port());
  private final Map<String, String> direct =
      PairConfig.pair(
          PairConfig.redisAsOld("cache", LocalRedis.shared().uri()),
          PairConfig.dynamoDbAsNew("cache", LocalDynamoDb.shared().uri()));
  private final Map<String, String> proxied = proxied(direct);

  @Override
  protected Map<String, String> migrationConfig() {
    return proxied;
  }

  @Override
  protected Map<String, String> directConfig() {
    return direct;
  }

  @Override
  protected void breakOld() {
    toRedis.refuseNew().resetAll();
  }

  @Override
  protected void healOld() {
    toRedis.heal();
  }

  @Override
  protected void breakNew() {
    toDynamoDb.refuseNew().resetAll();
  }

  @Override
  protected void healNew() {
    toDynamoDb.heal();
  }

  /** {@code config} with both sides reached through their proxies; the same table. */
  private Map<String, String> proxied(Map<String, String> config) {
    Map<String, String> through = new HashMap<>(config);
    through.put("switchback.cache.redis.uri", "redis://" + toRedis.host() + ":" + toRedis.port());
    through.put("switchback.cache.dynamodb.endpoint",
        "http://" + toDynamoDb.host() + ":" + toDynamoDb.port());
    return through;
  }

  @AfterAll
  void closeProxies() {
    toRedis.close();
    toDynamoDb.close();
  }
}
