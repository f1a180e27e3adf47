package dev.switchback.config;

import dev.switchback.migration.Stage;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * {@code switchback.<capability>.migration.guard.*}: watches the new backend's error rate and
 * the mismatch rate over a sliding window and steps the migration back when either passes its
 * bound.
 */
public interface GuardConfig {

  /** {@code guard.enabled}: whether the guard acts at all. Default true. */
  @WithDefault("true")
  @WithConverter(StrictBooleanConverter.class)
  boolean enabled();

  /** {@code guard.max-error-rate}: the highest tolerated share, 0 to 1, of failed calls to new. Default 0.05. */
  @WithDefault("0.05")
  double maxErrorRate();

  /** {@code guard.max-mismatch-rate}: the highest tolerated share, 0 to 1, of mismatched comparisons. Default 0.01. */
  @WithDefault("0.01")
  double maxMismatchRate();

  /** {@code guard.window}: the sliding window the rates are measured over. Default 60s. */
  @WithDefault("60s")
  @WithConverter(DurationConverter.class)
  Duration window();

  /**
   * {@code guard.min-operations}: how many operations the window must hold before a rate is
   * judged, so one early failure does not trip the guard. At least 1; default 20.
   */
  @WithDefault("20")
  int minOperations();

  /**
   * {@code guard.rollback-to}: the stage to step back to; one where the old store is
   * authoritative ({@code off}, {@code dualwrite} or {@code shadow}). Default {@code dualwrite}.
   */
  @WithDefault("dualwrite")
  @WithConverter(StageConverter.class)
  Stage rollbackTo();
}
