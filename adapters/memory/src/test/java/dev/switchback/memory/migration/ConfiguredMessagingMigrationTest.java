package dev.switchback.memory.migration;

import dev.switchback.testkit.migration.MessagingStagesContract;
import java.util.Map;
import org.junit.jupiter.api.Nested;

/**
 * The Messaging contract in every stage of a migration configured as users configure one,
 * through {@code Switchback.fromConfig}: memory to memory, so it proves the configuration path,
 * once with each de-duplication store.
 */
class ConfiguredMessagingMigrationTest extends MessagingStagesContract {
  @Override
  protected Map<String, String> migrationConfig() {
    return Map.of(
        "switchback.messaging.backend", "memory",
        "switchback.messaging.migration.target", "memory");
  }

  /** The same with handled ids kept in the {@code Cache} capability (the default memory cache). */
  @Nested
  class WithCacheDedupStore extends MessagingStagesContract {
    @Override
    protected Map<String, String> migrationConfig() {
      return Map.of(
          "switchback.messaging.backend", "memory",
          "switchback.messaging.migration.target", "memory",
          "switchback.messaging.migration.dedup.store", "cache");
    }
  }
}
