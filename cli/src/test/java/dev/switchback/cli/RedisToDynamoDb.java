package dev.switchback.cli;

import dev.switchback.MigrationBackends;
import dev.switchback.testkit.servers.LocalDynamoDb;
import dev.switchback.testkit.servers.LocalRedis;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A migration of one capability from the shared Redis (under a key prefix of its own) to a fresh
 * table on the shared dynalite, configured as a service would be.
 */
final class RedisToDynamoDb {
  final String capability;
  final String prefix = "cli-" + UUID.randomUUID() + ":";
  final Map<String, String> properties = new HashMap<>();

  RedisToDynamoDb(String capability) {
    this.capability = capability;
    String base = "switchback." + capability + ".";
    properties.put(base + "backend", "redis");
    properties.put(base + "redis.uri", LocalRedis.shared().uri().toString());
    properties.put(base + "redis.key-prefix", prefix);
    properties.put(base + "migration.target", "dynamodb");
    properties.put(base + "migration.stage", "dualwrite");
    properties.put(base + "dynamodb.table", "cli-" + capability + "-" + UUID.randomUUID());
    properties.put(base + "dynamodb.endpoint", LocalDynamoDb.shared().uri().toString());
    properties.put(base + "dynamodb.create-table", "true");
    properties.put("switchback.aws.region", "eu-west-1");
    properties.put("switchback.aws.credentials", "static");
    properties.put("switchback.aws.static.access-key-id", "AKIDEXAMPLE");
    properties.put("switchback.aws.static.secret-access-key", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    // Another capability's backend whose module the command does not have.
    properties.put("switchback.auth.backend", "cognito");
  }

  /** Both sides, to write the source and read the target as the adapters do. */
  MigrationBackends open() {
    return MigrationBackends.fromConfig(
        capability.equals("cache") ? dev.switchback.Capability.CACHE
            : dev.switchback.Capability.SESSIONS, properties);
  }

  /** The configuration as a properties file in {@code dir}. */
  Path file(Path dir) {
    return PropertiesFile.write(dir, properties);
  }
}
