package dev.switchback.cli;

import dev.switchback.Capability;
import dev.switchback.cli.resp.RespStore;
import dev.switchback.elasticache.cache.ElastiCacheCacheConfig;
import dev.switchback.elasticache.cache.ElastiCacheCacheProvider;
import dev.switchback.elasticache.internal.ConfiguredConnections;
import dev.switchback.elasticache.sessions.ElastiCacheSessionsConfig;
import dev.switchback.elasticache.sessions.ElastiCacheSessionsProvider;
import dev.switchback.redis.LettuceResources;
import dev.switchback.redis.RedisClientSettings;
import dev.switchback.redis.RedisConnection;
import dev.switchback.redis.RedisServerConfig;
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
 * Opens a raw Redis connection to a side whose backend speaks the Redis protocol ({@code redis},
 * {@code elasticache}), with that backend's own settings (the same configuration keys) and its
 * module's own connection factory, so TLS, AUTH, IAM and cluster mode are exactly the adapter's;
 * and knows the prefix under which the adapter keeps its keys. Other backends have none.
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
    boolean cache = capability == Capability.CACHE;
    if (name.equals(RedisCacheProvider.NAME) && cache) {
      RedisCacheConfig config = context.config(RedisCacheConfig.class);
      return Optional.of(new Opened(standalone(context, config, RedisCacheProvider.PREFIX),
          config.keyPrefix().orElse("")));
    }
    if (name.equals(RedisSessionsProvider.NAME) && !cache) {
      RedisSessionsConfig config = context.config(RedisSessionsConfig.class);
      return Optional.of(new Opened(standalone(context, config, RedisSessionsProvider.PREFIX),
          config.keyPrefix()));
    }
    if (name.equals(ElastiCacheCacheProvider.NAME) && cache) {
      ElastiCacheCacheConfig config = context.config(ElastiCacheCacheConfig.class);
      return Optional.of(new Opened(ConfiguredConnections.connect(context,
          ConfiguredConnections.settings(context, config, ElastiCacheCacheProvider.PREFIX)),
          config.keyPrefix().orElse("")));
    }
    if (name.equals(ElastiCacheSessionsProvider.NAME) && !cache) {
      ElastiCacheSessionsConfig config = context.config(ElastiCacheSessionsConfig.class);
      return Optional.of(new Opened(ConfiguredConnections.connect(context,
          ConfiguredConnections.settings(context, config, ElastiCacheSessionsProvider.PREFIX)),
          config.keyPrefix()));
    }
    return Optional.empty();
  }

  private static RedisConnection standalone(
      ProviderContext context, RedisServerConfig config, String prefix) {
    return StandaloneRedisConnection.open(LettuceResources.shared(context.resources()),
        RedisUris.parse(prefix + ".uri", config.uri()),
        RedisClientSettings.fromConfig(config, prefix));
  }

  /** {@code opened} as a {@link RespStore} called {@code label}. */
  static RespStore store(String label, Opened opened, Duration timeout) {
    return new RespStore(label, opened.connection().commands(), opened.keyPrefix(), timeout);
  }
}
