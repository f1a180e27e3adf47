package dev.switchback.config;

/**
 * {@code switchback.messaging.*}: the common keys, with a migration group that adds the
 * messaging-only settings ({@link MessagingMigrationConfig}).
 */
public interface MessagingConfig extends CapabilityConfig {

  /** {@code switchback.messaging.migration.*}: the common migration keys plus de-duplication. */
  @Override
  MessagingMigrationConfig migration();
}
