package dev.switchback.memory.migration;

import dev.switchback.testkit.migration.SessionsStagesContract;
import java.util.Map;

/**
 * The Sessions contract in every stage of a migration configured as users configure one, through
 * {@code Switchback.fromConfig}: memory to memory, so it proves the configuration path.
 */
class ConfiguredSessionsMigrationTest extends SessionsStagesContract {
  @Override
  protected Map<String, String> migrationConfig() {
    return Map.of(
        "switchback.sessions.backend", "memory",
        "switchback.sessions.migration.target", "memory");
  }
}
