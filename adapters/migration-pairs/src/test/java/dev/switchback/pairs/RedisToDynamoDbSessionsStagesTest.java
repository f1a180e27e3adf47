package dev.switchback.pairs;

import dev.switchback.testkit.migration.SessionsStagesContract;
import dev.switchback.testkit.servers.LocalDynamoDb;
import dev.switchback.testkit.servers.LocalRedis;
import java.util.Map;

/** The Sessions contract in every stage of a migration from Redis to DynamoDB. */
class RedisToDynamoDbSessionsStagesTest extends SessionsStagesContract {
  private final Map<String, String> config =
      PairConfig.pair(
          PairConfig.redisAsOld("sessions", LocalRedis.shared().uri()),
          PairConfig.dynamoDbAsNew("sessions", LocalDynamoDb.shared().uri()));

  @Override
  protected Map<String, String> migrationConfig() {
    return config;
  }
}
