/** Internals of the Redis adapters: failure translation, scripts, the call runner. */
@NullMarked
package dev.switchback.redis.internal;

import org.jspecify.annotations.NullMarked;
