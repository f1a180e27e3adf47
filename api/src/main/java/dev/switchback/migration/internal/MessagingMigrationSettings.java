package dev.switchback.migration.internal;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * What a messaging migration needs beyond {@link MigrationSettings}, already validated by
 * configuration ({@code switchback.messaging.migration.shadow-grace} and {@code .dedup.*}).
 *
 * @param store where handled message ids are remembered
 * @param window how long a handled id is remembered
 * @param maxEntries the most ids the {@link Store#MEMORY} store keeps
 * @param claimTimeout how long a {@link Store#CACHE} claim of a running handler lasts
 * @param shadowGrace how long a message on one backend waits for its copy on the other
 */
public record MessagingMigrationSettings(
    Store store, Duration window, int maxEntries, Duration claimTimeout, Duration shadowGrace) {

  /** Where handled ids are kept. */
  public enum Store {
    /** In this process ({@link MemoryDedupStore}). */
    MEMORY,
    /** In the {@code Cache} capability, shared by every instance using it ({@link CacheDedupStore}). */
    CACHE
  }

  /** Defaults as documented for the configuration keys. */
  public static final MessagingMigrationSettings DEFAULTS = new MessagingMigrationSettings(
      Store.MEMORY, Duration.ofMinutes(10), 100_000, Duration.ofMinutes(1), Duration.ofSeconds(10));

  public MessagingMigrationSettings {
    requireNonNull(store, "store");
    requireNonNull(window, "window");
    requireNonNull(claimTimeout, "claimTimeout");
    requireNonNull(shadowGrace, "shadowGrace");
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be at least 1, got " + maxEntries);
    }
  }

  /** A copy with another store. */
  public MessagingMigrationSettings withStore(Store store) {
    return new MessagingMigrationSettings(store, window, maxEntries, claimTimeout, shadowGrace);
  }

  /** A copy with another window and bound of the memory store. */
  public MessagingMigrationSettings withWindow(Duration window, int maxEntries) {
    return new MessagingMigrationSettings(store, window, maxEntries, claimTimeout, shadowGrace);
  }

  /** A copy with another shadow grace. */
  public MessagingMigrationSettings withShadowGrace(Duration shadowGrace) {
    return new MessagingMigrationSettings(store, window, maxEntries, claimTimeout, shadowGrace);
  }
}
