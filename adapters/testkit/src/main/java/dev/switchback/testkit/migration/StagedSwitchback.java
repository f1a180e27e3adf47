package dev.switchback.testkit.migration;

import static java.util.Objects.requireNonNull;

import dev.switchback.Capability;
import dev.switchback.Switchback;
import dev.switchback.migration.Stage;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Configuration of a migration held in one stage, for the stage suites. The guard is off, so the
 * stage cannot move under a test, and the off-path budgets are short so a suite finishes quickly.
 */
final class StagedSwitchback {
  private StagedSwitchback() {}

  /**
   * A {@link Switchback} configured by {@code backends} (the capability's backend, its migration
   * target and both backends' settings), with the migration of {@code capability} in {@code stage}.
   */
  static Switchback start(Capability capability, Map<String, String> backends, Stage stage) {
    requireNonNull(capability, "capability");
    requireNonNull(backends, "backends");
    requireNonNull(stage, "stage");
    String migration = capability.prefix() + ".migration.";
    Map<String, String> properties = new HashMap<>();
    properties.put(migration + "stage", stage.name().toLowerCase(Locale.ROOT));
    properties.put(migration + "guard.enabled", "false");
    properties.put(migration + "shadow-timeout", "1s");
    properties.put(migration + "reconcile-interval", "100ms");
    properties.putAll(backends);
    if (!properties.containsKey(migration + "target")) {
      throw new IllegalArgumentException(
          "the backends must name " + migration + "target: a stage suite needs a migration");
    }
    return Switchback.fromConfig(properties);
  }
}
