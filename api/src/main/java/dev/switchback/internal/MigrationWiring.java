package dev.switchback.internal;

import dev.switchback.Capability;
import dev.switchback.ConfigurationException;
import dev.switchback.config.MigrationConfig;
import dev.switchback.spi.ProviderContext;

/**
 * The one place where the two backends of a migration become the single instance a service
 * uses. {@code Switchback} calls {@link #wrap} when {@code switchback.<capability>.migration.target}
 * is set, after creating both backends.
 *
 * <p>Contract: {@code oldInstance} and {@code newInstance} are what the providers made (a
 * {@code Cache}, a {@code SessionStore}, a {@code Messaging}, an {@code Auth}, a {@code
 * TracingBackend} or a {@code Database}); the result must be of the same type ({@code Sessions}
 * suffices for sessions) and, for tracing, is assembled into a {@code Tracing} afterwards.
 * {@code Switchback} closes the result (when it is closeable and not one of the two), then new,
 * then old; closing is idempotent, so a result that also closes them is fine.
 */
public final class MigrationWiring {
  private MigrationWiring() {}

  /**
   * The instance that routes between {@code oldInstance} and {@code newInstance} according to
   * the migration's stage.
   *
   * @throws ConfigurationException while migrations are not available
   */
  public static Object wrap(
      Capability capability,
      Object oldInstance,
      Object newInstance,
      MigrationConfig config,
      ProviderContext context) {
    throw new ConfigurationException("migration for " + capability.key() + " is not available yet");
  }
}
