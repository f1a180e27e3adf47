package dev.switchback.migration;

import static java.util.Objects.requireNonNull;

import dev.switchback.Capability;
import java.time.Instant;

/**
 * Something that happened to a migration.
 *
 * @param capability the migration's capability
 * @param kind what happened
 * @param from the stage before
 * @param to the stage after (equal to {@code from} when the stage did not change)
 * @param reason why, in words for an operator
 * @param at when
 */
public record MigrationEvent(
    Capability capability, Kind kind, Stage from, Stage to, String reason, Instant at) {

  /** What happened. */
  public enum Kind {
    /** The stage or the canary share changed on request. */
    STAGE_CHANGED,
    /** The guard stepped the migration back. */
    GUARD_TRIPPED,
    /** A requested change was refused; the stage was kept. */
    CHANGE_REJECTED
  }

  public MigrationEvent {
    requireNonNull(capability, "capability");
    requireNonNull(kind, "kind");
    requireNonNull(from, "from");
    requireNonNull(to, "to");
    requireNonNull(reason, "reason");
    requireNonNull(at, "at");
  }
}
