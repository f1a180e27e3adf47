package dev.switchback.cli;

import dev.switchback.Capability;
import dev.switchback.cli.resp.RespStore;
import dev.switchback.redis.LettuceResources;
import dev.switchback.redis.RedisClientSettings;
import dev.switchback.redis.RedisConnection;
import dev.switchback.redis.RedisUris;
import dev.switchback.redis.StandaloneRedisConnection;
import dev.switchback.redis.cache.RedisCacheConfig;
import dev.switchback.redis.cache.RedisCacheProvider;
import dev.switchback.redis.sessions.RedisSessionsConfig;
import dev.switchback.redis.sessions.RedisSessionsProvider;
import dev.switchback.spi.ProviderContext;
import java.time.Duration;
import java.util.Optional;

/**
 * Opens a raw Redis connection to a side whose backend speaks the Redis protocol, with that
 * backend's own settings (from the same configuration keys) and the Redis module's own
 * connection factory, and knows where the adapter keeps its keys. Backends that do not speak the
 * Redis protocol have none.
 */
final class RespAccess {

  /**
   * A connection and its key prefix.
   *
   * @param connection the open connection, which the caller closes
   * @param keyPrefix the prefix of every key the adapter writes
   */
  record Opened(RedisConnection connection, String keyPrefix) {}

  private RespAccess() {}

  /**
   * Opens a connection for backend {@code name} of {@code capability}, if it speaks the Redis
   * protocol.
   *
   * @throws dev.switchback.ConfigurationException naming the key, for a bad setting
   * @throws dev.switchback.BackendUnavailableException when the server cannot be reached
   */
  static Optional<Opened> open(Capability capability, String name, ProviderContext context) {
    if (capability == Capability.CACHE && name.equals(RedisCacheProvider.NAME)) {
      RedisCacheConfig config = context.config(RedisCacheConfig.class);
      String prefix = RedisCacheProvider.PREFIX;
      RedisConnection connection = StandaloneRedisConnection.open(
          LettuceResources.shared(context.resources()),
          RedisUris.parse(prefix + ".uri", config.uri()),
          RedisClientSettings.fromConfig(config, prefix));
      return Optional.of(new Opened(connection, config.keyPrefix().orElse("")));
    }
    if (capability == Capability.SESSIONS && name.equals(RedisSessionsProvider.NAME)) {
      RedisSessionsConfig config = context.config(RedisSessionsConfig.class);
      String prefix = RedisSessionsProvider.PREFIX;
      RedisConnection connection = StandaloneRedisConnection.open(
          LettuceResources.shared(context.resources()),
          RedisUris.parse(prefix + ".uri", config.uri()),
          RedisClientSettings.fromConfig(config, prefix));
      return Optional.of(new Opened(connection, config.keyPrefix()));
    }
    return Optional.empty();
  }

  /** {@code opened} as a {@link RespStore} called {@code label}. */
  static RespStore store(String label, Opened opened, Duration timeout) {
    return new RespStore(label, opened.connection().commands(), opened.keyPrefix(), timeout);
  }
}
