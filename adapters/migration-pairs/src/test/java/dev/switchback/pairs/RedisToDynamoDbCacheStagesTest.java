package dev.switchback.pairs;

import dev.switchback.testkit.migration.CacheStagesContract;
import dev.switchback.testkit.servers.LocalDynamoDb;
import dev.switchback.testkit.servers.LocalRedis;
import java.util.Map;

/** The Cache contract in every stage of a migration from Redis to DynamoDB. */
class RedisToDynamoDbCacheStagesTest extends CacheStagesContract {
  private final Map<String, String> config =
      PairConfig.pair(
          PairConfig.redisAsOld("cache", LocalRedis.shared().uri()),
          PairConfig.dynamoDbAsNew("cache", LocalDynamoDb.shared().uri()));

  @Override
  protected Map<String, String> migrationConfig() {
    return config;
  }
}
