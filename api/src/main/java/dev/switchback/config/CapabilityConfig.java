package dev.switchback.config;

import java.util.Optional;

/**
 * The keys every capability has, under {@code switchback.<capability>.}.
 *
 * <ul>
 *   <li>{@code backend}: the backend's name ({@code memory}, {@code redis}, ...). When absent the
 *       capability is created on first use with the backend {@code memory}; the database has no
 *       default.
 *   <li>{@code migration.*}: see {@link MigrationConfig}; a migration is on when
 *       {@code migration.target} is set.
 * </ul>
 */
public interface CapabilityConfig {

  /** {@code switchback.<capability>.backend}: the backend name; absent means the default. */
  Optional<String> backend();

  /** {@code switchback.<capability>.migration.*}. */
  MigrationConfig migration();
}
