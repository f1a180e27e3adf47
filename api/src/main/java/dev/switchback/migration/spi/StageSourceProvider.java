package dev.switchback.migration.spi;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Makes {@link StageSource}s for one scheme of {@code switchback.control.source} (the part
 * before the first colon, as {@code file} in {@code file:/etc/switchback/stages.properties}).
 * Registered in {@code META-INF/services/dev.switchback.migration.spi.StageSourceProvider}.
 */
public interface StageSourceProvider {

  /** The scheme, for example {@code ssm}. */
  String scheme();

  /**
   * Makes a source for {@code location} (the part after the colon).
   *
   * @param pollInterval how often to look for changes, for sources that poll
   * @param scheduler shared scheduler to poll on
   */
  StageSource create(String location, Duration pollInterval, ScheduledExecutorService scheduler);
}
