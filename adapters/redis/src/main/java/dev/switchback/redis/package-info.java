/**
 * Redis backends on Lettuce: the {@link dev.switchback.cache.Cache} in {@code
 * dev.switchback.redis.cache} and the session store in {@code dev.switchback.redis.sessions}, and
 * the pieces other Redis-based modules build on: the client settings ({@link
 * dev.switchback.redis.RedisClientConfig}, {@link dev.switchback.redis.RedisClientSettings}), the
 * shared Lettuce resources ({@link dev.switchback.redis.LettuceResources}), and the connection the
 * adapters take ({@link dev.switchback.redis.RedisConnection}).
 */
@NullMarked
package dev.switchback.redis;

import org.jspecify.annotations.NullMarked;
