package dev.switchback.config;

import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * {@code switchback.control.*}: where migration stage changes come from while the service runs.
 */
public interface ControlConfig {

  /** The source used when none is configured: stages stay as configured. */
  String NONE = "none";

  /**
   * {@code switchback.control.source}: {@code none} (the default: stages stay as configured),
   * {@code file:<path>} (a watched properties file such as a mounted ConfigMap), {@code
   * ssm:<path>} (SSM Parameter Store), or {@code <scheme>:<rest>} for any scheme a stage source
   * on the classpath registers. The scheme is checked by {@link SwitchbackConfigValidator}.
   */
  @WithDefault(NONE)
  String source();

  /** {@code switchback.control.poll-interval}: how often the source is read. Default 2s. */
  @WithDefault("2s")
  @WithConverter(DurationConverter.class)
  Duration pollInterval();
}
