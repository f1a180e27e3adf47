package dev.switchback.redis.cache;

import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * The cache settings every Redis-protocol cache backend shares, as a SmallRye configuration
 * group: a backend's {@code @ConfigMapping} extends it, so the keys sit under that backend's
 * prefix (for example {@code switchback.cache.redis.key-prefix}). {@link
 * RedisCache.Builder#options} checks them and applies them.
 */
public interface RedisCacheOptions {

  /**
   * {@code key-prefix}: put in front of every cache key in Redis, to share a server between
   * applications; none by default, so Redis holds the cache keys as given.
   */
  Optional<String> keyPrefix();

  /**
   * {@code max-value-bytes}: the largest value stored; a larger one fails with {@link
   * dev.switchback.TooLargeException} before anything is sent. At least 1, default {@value
   * RedisCache#DEFAULT_MAX_VALUE_BYTES} (512 MiB, the largest string Redis accepts by default).
   * Set it lower to meet a smaller limit of the store a migration moves to in development, not in
   * production.
   */
  @WithDefault("536870912")
  int maxValueBytes();
}
