package dev.switchback.benchmarks;

import dev.switchback.redis.RedisClientSettings;
import dev.switchback.redis.StandaloneRedisConnection;
import dev.switchback.redis.cache.RedisCache;
import io.lettuce.core.RedisURI;
import io.lettuce.core.resource.ClientResources;
import java.net.URI;

/** Switchback's Redis stores as the benchmarks open them, outside {@code Switchback}. */
final class RedisStores {
  private RedisStores() {}

  /** A {@link RedisCache} with default settings on the Redis at {@code uri}. */
  static RedisCache cache(ClientResources resources, URI uri) {
    StandaloneRedisConnection connection =
        StandaloneRedisConnection.open(
            resources, RedisURI.create(uri), RedisClientSettings.defaults());
    return RedisCache.builder(connection).build();
  }
}
