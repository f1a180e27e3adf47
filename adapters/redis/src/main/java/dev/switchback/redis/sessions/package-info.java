/**
 * The Redis session store: {@link dev.switchback.redis.sessions.RedisSessions} and its provider,
 * selected with {@code switchback.sessions.backend=redis}.
 */
@NullMarked
package dev.switchback.redis.sessions;

import org.jspecify.annotations.NullMarked;
