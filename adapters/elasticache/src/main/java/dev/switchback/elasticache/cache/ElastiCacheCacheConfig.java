package dev.switchback.elasticache.cache;

import dev.switchback.elasticache.ElastiCacheConfig;
import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/**
 * Settings of the ElastiCache cache, under {@code switchback.cache.elasticache}: those of {@link
 * ElastiCacheConfig} and the key prefix.
 */
@ConfigMapping(prefix = ElastiCacheCacheProvider.PREFIX)
public interface ElastiCacheCacheConfig extends ElastiCacheConfig {

  /**
   * {@code switchback.cache.elasticache.key-prefix}: put in front of every cache key, to share a
   * cache between applications; none by default.
   */
  Optional<String> keyPrefix();
}
