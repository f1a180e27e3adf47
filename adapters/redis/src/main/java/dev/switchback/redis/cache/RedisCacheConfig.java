package dev.switchback.redis.cache;

import dev.switchback.redis.RedisServerConfig;
import io.smallrye.config.ConfigMapping;

/**
 * Settings of the Redis cache, under {@code switchback.cache.redis}: the server and client
 * settings of {@link RedisServerConfig} ({@code uri}, {@code command-timeout}, {@code
 * connect-timeout}, {@code keepalive.*}, {@code request-queue-size}, {@code
 * disconnected-behavior}, {@code auto-reconnect}) and those of {@link RedisCacheOptions} ({@code
 * key-prefix}, {@code max-value-bytes}).
 */
@ConfigMapping(prefix = "switchback.cache.redis")
public interface RedisCacheConfig extends RedisServerConfig, RedisCacheOptions {}
