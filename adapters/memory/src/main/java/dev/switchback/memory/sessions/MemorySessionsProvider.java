package dev.switchback.memory.sessions;

import dev.switchback.ConfigurationException;
import dev.switchback.spi.support.SettingChecks;
import dev.switchback.sessions.spi.SessionStore;
import dev.switchback.sessions.spi.SessionsProvider;
import dev.switchback.spi.ProviderContext;
import java.util.Optional;

/**
 * Makes {@link MemorySessions} for {@code switchback.sessions.backend=memory}, configured by {@link
 * MemorySessionsConfig}.
 */
public final class MemorySessionsProvider implements SessionsProvider {

  /** The backend name: {@code memory}. */
  public static final String NAME = "memory";

  /** Called by {@link java.util.ServiceLoader}. */
  public MemorySessionsProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  /** Each instance is a store of its own, so memory to memory migrates between two of them. */
  @Override
  public boolean instancesAreSeparate() {
    return true;
  }

  @Override
  public Optional<Class<?>> configMapping() {
    return Optional.of(MemorySessionsConfig.class);
  }

  /**
   * A new, empty store.
   *
   * @throws ConfigurationException if {@code switchback.sessions.memory.max-sessions} or {@code
   *     max-session-bytes} is not positive
   */
  @Override
  public SessionStore create(ProviderContext context) {
    MemorySessionsConfig config = context.config(MemorySessionsConfig.class);
    return MemorySessions.builder()
        .maxSessions(
            SettingChecks.atLeast(
                "switchback.sessions.memory.max-sessions", 1, config.maxSessions()))
        .maxSessionBytes(
            SettingChecks.atLeast(
                "switchback.sessions.memory.max-session-bytes", 1, config.maxSessionBytes()))
        .build();
  }
}
