package dev.switchback.elasticache.cache;

import dev.switchback.cache.Cache;
import dev.switchback.cache.spi.CacheProvider;
import dev.switchback.elasticache.ElastiCacheConnections;
import dev.switchback.elasticache.ElastiCacheSettings;
import dev.switchback.elasticache.internal.ConfiguredConnections;
import dev.switchback.redis.cache.RedisCache;
import dev.switchback.spi.ProviderContext;
import java.util.Optional;

/**
 * Makes caches for {@code switchback.cache.backend=elasticache}: the Redis module's {@link
 * RedisCache} over an ElastiCache connection ({@link ElastiCacheConnections}), configured by
 * {@link ElastiCacheCacheConfig}.
 */
public final class ElastiCacheCacheProvider implements CacheProvider {

  /** The backend name: {@code elasticache}. */
  public static final String NAME = "elasticache";

  /** The prefix of the settings. */
  public static final String PREFIX = "switchback.cache.elasticache";

  /** Called by {@link java.util.ServiceLoader}. */
  public ElastiCacheCacheProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Optional<Class<?>> configMapping() {
    return Optional.of(ElastiCacheCacheConfig.class);
  }

  /**
   * A cache connected to the configured ElastiCache.
   *
   * @throws dev.switchback.ConfigurationException naming the key, for a missing, malformed or
   *     contradictory setting
   * @throws dev.switchback.BackendUnavailableException if the cache cannot be reached or refuses
   *     the TLS handshake or the credentials
   */
  @Override
  public Cache create(ProviderContext context) {
    ElastiCacheCacheConfig config = context.config(ElastiCacheCacheConfig.class);
    ElastiCacheSettings settings = ConfiguredConnections.settings(context, config, PREFIX);
    return RedisCache.builder(ConfiguredConnections.connect(context, settings))
        .keyPrefix(config.keyPrefix().orElse(""))
        .build();
  }
}
