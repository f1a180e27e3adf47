package dev.switchback.dynamodb;

import io.smallrye.config.ConfigMapping;

/**
 * Settings of the DynamoDB session store, under {@code switchback.sessions.dynamodb}; see {@link
 * DynamoDbSettings} for the keys.
 */
@ConfigMapping(prefix = DynamoDbSessionsConfig.PREFIX)
public interface DynamoDbSessionsConfig extends DynamoDbSettings {

  /** The prefix: {@code switchback.sessions.dynamodb}. */
  String PREFIX = "switchback.sessions.dynamodb";
}
