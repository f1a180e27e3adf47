package dev.switchback.memory.migration;

import dev.switchback.testkit.migration.CacheStagesContract;
import java.util.Map;

/**
 * The Cache contract in every stage of a migration configured as users configure one, through
 * {@code Switchback.fromConfig}: memory to memory, so it proves the configuration path.
 */
class ConfiguredCacheMigrationTest extends CacheStagesContract {
  @Override
  protected Map<String, String> migrationConfig() {
    return Map.of(
        "switchback.cache.backend", "memory", "switchback.cache.migration.target", "memory");
  }
}
