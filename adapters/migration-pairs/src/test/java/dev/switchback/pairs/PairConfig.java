package dev.switchback.pairs;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The configuration of each side of a pair, as a service would write it. Timeouts are short so
 * that a broken side fails within a test's patience.
 */
final class PairConfig {
  /** Credentials dynalite accepts (it checks the signature's form, not the key). */
  private static final String ACCESS_KEY_ID = "AKIDEXAMPLE";
  private static final String SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

  private PairConfig() {}

  /** {@code capability} on the Redis at {@code uri} as the old side. */
  static Map<String, String> redisAsOld(String capability, URI uri) {
    String prefix = "switchback." + capability + ".";
    Map<String, String> config = new HashMap<>();
    config.put(prefix + "backend", "redis");
    config.put(prefix + "redis.uri", uri.toString());
    config.put(prefix + "redis.command-timeout", "1s");
    config.put(prefix + "redis.connect-timeout", "1s");
    return config;
  }

  /**
   * {@code capability} on DynamoDB at {@code endpoint} as the migration's target, in a table of
   * its own that is created at start.
   */
  static Map<String, String> dynamoDbAsNew(String capability, URI endpoint) {
    String prefix = "switchback." + capability + ".";
    Map<String, String> config = new HashMap<>();
    config.put(prefix + "migration.target", "dynamodb");
    config.put(
        prefix + "dynamodb.table", "switchback-pairs-" + capability + "-" + UUID.randomUUID());
    config.put(prefix + "dynamodb.endpoint", endpoint.toString());
    config.put(prefix + "dynamodb.create-table", "true");
    config.put(prefix + "dynamodb.api-call-timeout", "2s");
    config.put(prefix + "dynamodb.api-call-attempt-timeout", "1s");
    config.put("switchback.aws.region", "eu-west-1");
    config.put("switchback.aws.credentials", "static");
    config.put("switchback.aws.static.access-key-id", ACCESS_KEY_ID);
    config.put("switchback.aws.static.secret-access-key", SECRET_ACCESS_KEY);
    return config;
  }

  /** The union of the sides' configurations. */
  @SafeVarargs
  static Map<String, String> pair(Map<String, String>... sides) {
    Map<String, String> config = new HashMap<>();
    for (Map<String, String> side : sides) {
      config.putAll(side);
    }
    return Map.copyOf(config);
  }
}
