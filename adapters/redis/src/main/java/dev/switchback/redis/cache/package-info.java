/**
 * The Redis {@link dev.switchback.cache.Cache}: {@link dev.switchback.redis.cache.RedisCache} and
 * its provider, selected with {@code switchback.cache.backend=redis}.
 */
@NullMarked
package dev.switchback.redis.cache;

import org.jspecify.annotations.NullMarked;
