package dev.switchback.redis.cache;

import dev.switchback.ConfigurationException;
import dev.switchback.cache.Cache;
import dev.switchback.cache.spi.CacheProvider;
import dev.switchback.redis.LettuceResources;
import dev.switchback.redis.RedisClientSettings;
import dev.switchback.redis.RedisUris;
import dev.switchback.redis.StandaloneRedisConnection;
import dev.switchback.spi.ProviderContext;
import java.util.Optional;

/**
 * Makes {@link RedisCache}s for {@code switchback.cache.backend=redis}, configured by {@link
 * RedisCacheConfig}, on the Lettuce resources the instance shares ({@link LettuceResources}).
 */
public final class RedisCacheProvider implements CacheProvider {

  /** The backend name: {@code redis}. */
  public static final String NAME = "redis";

  /** The prefix of the settings. */
  public static final String PREFIX = "switchback.cache.redis";

  /** Called by {@link java.util.ServiceLoader}. */
  public RedisCacheProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Optional<Class<?>> configMapping() {
    return Optional.of(RedisCacheConfig.class);
  }

  /**
   * A cache connected to the configured server.
   *
   * @throws ConfigurationException naming the key, for a malformed URI or a value out of range
   * @throws dev.switchback.BackendUnavailableException if the server cannot be reached
   */
  @Override
  public Cache create(ProviderContext context) {
    RedisCacheConfig config = context.config(RedisCacheConfig.class);
    var uri = RedisUris.parse(PREFIX + ".uri", config.uri());
    var settings = RedisClientSettings.fromConfig(config, PREFIX);
    var connection =
        StandaloneRedisConnection.open(
            LettuceResources.shared(context.resources()), uri, settings);
    return RedisCache.builder(connection).keyPrefix(config.keyPrefix().orElse("")).build();
  }
}
