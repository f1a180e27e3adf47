package dev.switchback.redis.cache;

import dev.switchback.redis.RedisServerConfig;
import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/**
 * Settings of the Redis cache, under {@code switchback.cache.redis}: the server and client
 * settings of {@link RedisServerConfig} ({@code uri}, {@code command-timeout}, {@code
 * connect-timeout}, {@code keepalive.*}, {@code request-queue-size}, {@code
 * disconnected-behavior}, {@code auto-reconnect}) and the key prefix.
 */
@ConfigMapping(prefix = "switchback.cache.redis")
public interface RedisCacheConfig extends RedisServerConfig {

  /**
   * {@code switchback.cache.redis.key-prefix}: put in front of every cache key in Redis, to share
   * a server between applications; none by default, so Redis holds the cache keys as given.
   */
  Optional<String> keyPrefix();
}
