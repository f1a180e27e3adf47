package dev.switchback.memory.sessions;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the memory session store, under {@code switchback.sessions.memory}. */
@ConfigMapping(prefix = "switchback.sessions.memory")
public interface MemorySessionsConfig {

  /**
   * {@code switchback.sessions.memory.max-sessions}: the most sessions held; a positive number,
   * default {@value MemorySessions#DEFAULT_MAX_SESSIONS}.
   */
  @WithDefault("100000")
  int maxSessions();

  /**
   * {@code switchback.sessions.memory.max-session-bytes}: the most bytes the subject and attributes
   * of one session may take in UTF-8; a positive number, default {@value
   * MemorySessions#DEFAULT_MAX_SESSION_BYTES}.
   */
  @WithDefault("409600")
  int maxSessionBytes();
}
