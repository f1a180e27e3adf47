package dev.switchback.config;

import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * {@code switchback.messaging.migration.*}: the keys of every migration ({@link MigrationConfig})
 * plus what only a messaging migration needs: the de-duplication of deliveries while both
 * backends are consumed, and the grace period of the shadow comparison.
 */
public interface MessagingMigrationConfig extends MigrationConfig {

  /**
   * {@code migration.shadow-grace}: how long a message delivered by one backend may wait for its
   * copy on the other before it counts as missing (handled from old, not seen on new) or extra
   * (seen on new, never handled from old). The same bound is how long a delivery from new waits,
   * before live, for the old backend's copy to be handled; after it, the new backend's copy is
   * handled itself, so a message that exists only on new is never dropped. Default 10s.
   */
  @WithDefault("10s")
  @WithConverter(DurationConverter.class)
  Duration shadowGrace();

  /** {@code migration.dedup.*}: how delivered message ids are remembered. */
  DedupConfig dedup();
}
