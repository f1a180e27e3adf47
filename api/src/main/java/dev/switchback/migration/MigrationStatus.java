package dev.switchback.migration;

import static java.util.Objects.requireNonNull;

import dev.switchback.Capability;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A snapshot of one capability's migration, for dashboards, health checks and operators.
 *
 * @param capability the capability
 * @param oldBackend backend name of the old side
 * @param newBackend backend name of the new side
 * @param stage the current stage
 * @param canaryPercent share of keys that take the live path in {@link Stage#LIVE}
 * @param oldStats operations on the old backend
 * @param newStats operations on the new backend
 * @param comparisons off-path reads compared (for messaging: messages whose copies on both
 *     backends were looked for, see {@code missing} and {@code extra})
 * @param mismatches comparisons that differed, {@code missing} and {@code extra} included
 * @param missing messaging: ids handled from old that the new backend did not deliver within
 *     the shadow grace period ({@code switchback.messaging.migration.shadow-grace}); 0 for the
 *     other capabilities
 * @param extra messaging: ids the new backend delivered that were not handled from old within
 *     the shadow grace period; 0 for the other capabilities
 * @param shadowTimeouts off-path reads that did not answer within the shadow timeout
 * @param divergenceBacklog keys (or messages) waiting for the reconciler
 * @param guard the guard's state
 * @param verdict whether advancing to the next stage looks safe, and why not
 */
public record MigrationStatus(
    Capability capability,
    String oldBackend,
    String newBackend,
    Stage stage,
    int canaryPercent,
    BackendStats oldStats,
    BackendStats newStats,
    long comparisons,
    long mismatches,
    long missing,
    long extra,
    long shadowTimeouts,
    long divergenceBacklog,
    GuardStatus guard,
    Verdict verdict) {

  public MigrationStatus {
    requireNonNull(capability, "capability");
    requireNonNull(stage, "stage");
    requireNonNull(guard, "guard");
    requireNonNull(verdict, "verdict");
  }

  /** A status without messaging's {@code missing} and {@code extra} counts (both 0). */
  public MigrationStatus(
      Capability capability,
      String oldBackend,
      String newBackend,
      Stage stage,
      int canaryPercent,
      BackendStats oldStats,
      BackendStats newStats,
      long comparisons,
      long mismatches,
      long shadowTimeouts,
      long divergenceBacklog,
      GuardStatus guard,
      Verdict verdict) {
    this(capability, oldBackend, newBackend, stage, canaryPercent, oldStats, newStats,
        comparisons, mismatches, 0, 0, shadowTimeouts, divergenceBacklog, guard, verdict);
  }

  /**
   * Counters of one backend since start, and latency over recent operations.
   *
   * @param operations operations sent
   * @param errors operations that failed (timeouts included)
   * @param recentErrorRate errors per operation over the guard window
   * @param p50 median latency of recent operations
   * @param p99 99th percentile latency of recent operations
   */
  public record BackendStats(
      long operations, long errors, double recentErrorRate, Duration p50, Duration p99) {}

  /**
   * The guard.
   *
   * @param enabled whether the guard acts
   * @param tripped whether it has stepped the migration back and waits for an operator
   * @param reason why it tripped, or {@code null}
   * @param trippedAt when it tripped, or {@code null}
   * @param errorRate the new backend's error rate over the window
   * @param mismatchRate the mismatch rate over the window
   */
  public record GuardStatus(
      boolean enabled,
      boolean tripped,
      @Nullable String reason,
      @Nullable Instant trippedAt,
      double errorRate,
      double mismatchRate) {}

  /**
   * Whether moving to the next stage looks safe.
   *
   * @param safeToAdvance true when no reason speaks against it
   * @param reasons what speaks against it (empty when safe)
   */
  public record Verdict(boolean safeToAdvance, List<String> reasons) {
    public Verdict {
      reasons = List.copyOf(reasons);
    }
  }
}
