/**
 * The in-memory {@link dev.switchback.cache.Cache}: {@link dev.switchback.memory.cache.MemoryCache}
 * and its provider, selected with {@code switchback.cache.backend=memory}.
 */
@NullMarked
package dev.switchback.memory.cache;

import org.jspecify.annotations.NullMarked;
