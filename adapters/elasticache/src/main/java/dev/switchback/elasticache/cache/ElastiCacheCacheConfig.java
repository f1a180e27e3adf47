package dev.switchback.elasticache.cache;

import dev.switchback.elasticache.ElastiCacheConfig;
import dev.switchback.redis.cache.RedisCacheOptions;
import io.smallrye.config.ConfigMapping;

/**
 * Settings of the ElastiCache cache, under {@code switchback.cache.elasticache}: those of {@link
 * ElastiCacheConfig} and those of {@link RedisCacheOptions} ({@code key-prefix}, {@code
 * max-value-bytes}).
 */
@ConfigMapping(prefix = ElastiCacheCacheProvider.PREFIX)
public interface ElastiCacheCacheConfig extends ElastiCacheConfig, RedisCacheOptions {}
