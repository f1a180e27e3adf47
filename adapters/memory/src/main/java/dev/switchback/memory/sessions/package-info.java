/**
 * The in-memory session store: {@link dev.switchback.memory.sessions.MemorySessions} and its
 * provider, selected with {@code switchback.sessions.backend=memory}.
 */
@NullMarked
package dev.switchback.memory.sessions;

import org.jspecify.annotations.NullMarked;
