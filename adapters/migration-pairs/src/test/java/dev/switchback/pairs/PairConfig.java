package dev.switchback.pairs;

import dev.switchback.testkit.servers.LocalRedisCluster;
import dev.switchback.testkit.servers.LocalTlsRedis;
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

  /**
   * {@code capability} on ElastiCache as the migration's target: the TLS Redis {@code redis},
   * trusting its certificate authority, logging in as its ACL user with {@code token}.
   */
  static Map<String, String> elastiCacheTlsAsNew(
      String capability, LocalTlsRedis redis, String token) {
    Map<String, String> config = elastiCacheAsNew(capability, redis.host() + ":" + redis.port());
    String prefix = "switchback." + capability + ".elasticache.";
    config.put(prefix + "auth", "token");
    config.put(prefix + "user", LocalTlsRedis.USER);
    config.put(prefix + "token", token);
    config.put(prefix + "tls.ca-file", redis.certificateAuthority().toString());
    return config;
  }

  /**
   * {@code capability} on ElastiCache in cluster mode as the migration's target: {@code cluster},
   * plaintext (the local cluster has no TLS) and without authentication.
   */
  static Map<String, String> elastiCacheClusterAsNew(String capability, LocalRedisCluster cluster) {
    Map<String, String> config =
        elastiCacheAsNew(capability, cluster.host() + ":" + cluster.port());
    String prefix = "switchback." + capability + ".elasticache.";
    config.put(prefix + "cluster-mode", "enabled");
    config.put(prefix + "tls", "false");
    config.put(prefix + "auth", "none");
    return config;
  }

  /**
   * {@code capability} on ElastiCache as the migration's target at {@code endpoint} ({@code
   * host:port}), plaintext and without authentication: a Redis standing in for ElastiCache.
   */
  static Map<String, String> plainElastiCacheAsNew(String capability, String endpoint) {
    Map<String, String> config = elastiCacheAsNew(capability, endpoint);
    String prefix = "switchback." + capability + ".elasticache.";
    config.put(prefix + "tls", "false");
    config.put(prefix + "auth", "none");
    return config;
  }

  private static Map<String, String> elastiCacheAsNew(String capability, String endpoint) {
    String prefix = "switchback." + capability + ".";
    Map<String, String> config = new HashMap<>();
    config.put(prefix + "migration.target", "elasticache");
    config.put(prefix + "elasticache.endpoint", endpoint);
    config.put(prefix + "elasticache.command-timeout", "1s");
    config.put(prefix + "elasticache.connect-timeout", "1s");
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
