package dev.switchback.dynamodb;

import io.smallrye.config.ConfigMapping;

/**
 * Settings of the DynamoDB cache, under {@code switchback.cache.dynamodb}; see {@link
 * DynamoDbSettings} for the keys.
 */
@ConfigMapping(prefix = DynamoDbCacheConfig.PREFIX)
public interface DynamoDbCacheConfig extends DynamoDbSettings {

  /** The prefix: {@code switchback.cache.dynamodb}. */
  String PREFIX = "switchback.cache.dynamodb";
}
