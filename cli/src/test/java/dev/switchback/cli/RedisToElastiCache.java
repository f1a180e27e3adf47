package dev.switchback.cli;

import dev.switchback.Capability;
import dev.switchback.MigrationBackends;
import dev.switchback.testkit.servers.LocalRedis;
import dev.switchback.testkit.servers.TestServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A migration of one capability from a dedicated Redis to "ElastiCache" played by a second
 * dedicated Redis (no TLS, no AUTH), configured as a service would be, with raw connections to
 * both to look at what the command did.
 */
final class RedisToElastiCache implements AutoCloseable {
  final Capability capability;
  final LocalRedis source = LocalRedis.start();
  final TestServer target;
  final Map<String, String> properties = new HashMap<>();
  private final RedisClient client = RedisClient.create();
  private final StatefulRedisConnection<String, byte[]> sourceConnection;

  RedisToElastiCache(Capability capability, TestServer target, boolean clusterMode) {
    this.capability = capability;
    this.target = target;
    String base = capability.prefix() + ".";
    properties.put(base + "backend", "redis");
    properties.put(base + "redis.uri", source.uri().toString());
    properties.put(base + "migration.target", "elasticache");
    properties.put(base + "elasticache.endpoint", target.host() + ":" + target.port());
    properties.put(base + "elasticache.tls", "false");
    properties.put(base + "elasticache.auth", "none");
    properties.put(base + "elasticache.cluster-mode", clusterMode ? "enabled" : "disabled");
    sourceConnection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE),
        io.lettuce.core.RedisURI.create(source.uri()));
  }

  RedisToElastiCache(Capability capability) {
    this(capability, LocalRedis.start(), false);
  }

  /** Raw commands on the source. */
  RedisCommands<String, byte[]> src() {
    return sourceConnection.sync();
  }

  /** Both sides through the adapters. */
  MigrationBackends open() {
    return MigrationBackends.fromConfig(capability, properties);
  }

  /** {@code command} followed by the configuration as {@code -D} options. */
  String[] args(String... command) {
    List<String> all = new ArrayList<>(List.of(command));
    properties.forEach((key, value) -> {
      all.add("-D");
      all.add(key + "=" + value);
    });
    return all.toArray(String[]::new);
  }

  @Override
  public void close() {
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    source.close();
    if (target instanceof LocalRedis dedicated) {
      dedicated.close(); // a shared cluster stays up for the other tests
    }
  }
}
