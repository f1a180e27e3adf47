package dev.switchback.migration;

import dev.switchback.Capability;

/**
 * The control handle of one capability's migration. Thread safe.
 *
 * <p><b>Rules.</b> Forward moves go one stage at a time. Backward moves may jump to any earlier
 * stage while the old store is still written (up to {@link Stage#RAMPDOWN}). Leaving {@link
 * Stage#COMPLETE} backwards needs {@code force}, because the old store has missed every write
 * since: it needs a reverse backfill (the copy tools) before it can be trusted again.
 *
 * <p><b>Effect.</b> A change takes effect for operations started after it; an operation runs
 * wholly under the stage it started with. Operations of the new stage wait (without failing)
 * until the writes of the previous stage have finished on both stores.
 */
public interface Migration {

  /** The capability migrated. */
  Capability capability();

  /** The current stage. */
  Stage stage();

  /** The current canary share, 0 to 100. */
  int canaryPercent();

  /**
   * Moves to {@code target} following the rules above.
   *
   * @throws StageChangeRejectedException if the rules forbid the move
   */
  default void moveTo(Stage target) {
    moveTo(target, false, "requested");
  }

  /**
   * Moves to {@code target}; {@code force} allows leaving {@link Stage#COMPLETE} backwards.
   *
   * @param reason recorded in the event and the log
   * @throws StageChangeRejectedException if the rules forbid the move
   */
  void moveTo(Stage target, boolean force, String reason);

  /**
   * Sets the share of keys that take the live path in {@link Stage#LIVE}.
   *
   * @throws dev.switchback.InvalidInputException unless {@code 0 <= percent <= 100}
   */
  void setCanaryPercent(int percent);

  /** A snapshot of counters, guard and verdict. */
  MigrationStatus status();

  /** Adds a listener; closing the returned handle removes it. */
  AutoCloseable addListener(MigrationListener listener);
}
