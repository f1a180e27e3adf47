package dev.switchback.config;

import dev.switchback.migration.Stage;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code switchback.<capability>.migration.*}: the move of one capability from its backend (old)
 * to {@link #target()} (new). Durations accept {@code 500ms}, {@code 60s}, {@code 5m}, {@code
 * 2h}, {@code 1d}, a bare number of seconds, or ISO-8601 ({@code PT1S}); see {@link
 * DurationConverter}.
 */
public interface MigrationConfig {

  /**
   * {@code migration.target}: the backend to move to. The migration is on when it is set; both
   * backends are then created.
   */
  Optional<String> target();

  /**
   * {@code migration.stage}: the stage to start in, case-insensitive; default {@code off}. The
   * control source can move it at run time.
   */
  @WithDefault("off")
  @WithConverter(StageConverter.class)
  Stage stage();

  /**
   * {@code migration.canary-percent}: the share of keys, 0 to 100, that take the live read path
   * in the live stage; the others stay on the shadow path. Default 100.
   */
  @WithDefault("100")
  int canaryPercent();

  /**
   * {@code migration.shadow-timeout}: how long an off-path comparison read may take before it
   * counts as a timeout. Default 500ms.
   */
  @WithDefault("500ms")
  @WithConverter(DurationConverter.class)
  Duration shadowTimeout();

  /**
   * {@code migration.mirror-timeout}: how long a write to the non-authoritative store may take
   * before it is journaled as divergent. Default 5s.
   */
  @WithDefault("5s")
  @WithConverter(DurationConverter.class)
  Duration mirrorTimeout();

  /** {@code migration.reconcile-interval}: how often the divergence journal is repaired. Default 1s. */
  @WithDefault("1s")
  @WithConverter(DurationConverter.class)
  Duration reconcileInterval();

  /** {@code migration.guard.*}: automatic step back when the new backend misbehaves. */
  GuardConfig guard();
}
