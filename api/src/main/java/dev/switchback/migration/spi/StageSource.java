package dev.switchback.migration.spi;

import java.util.Map;
import java.util.function.Consumer;

/**
 * Where stage changes come from at run time: a watched file (a mounted ConfigMap), SSM
 * Parameter Store, an HTTP endpoint. A source delivers snapshots of migration keys — the same
 * keys as configuration, for example {@code switchback.cache.migration.stage=shadow},
 * {@code switchback.cache.migration.canary-percent=10}, {@code switchback.cache.migration.force=true}
 * — whenever they may have changed. Switchback acts only on values that differ from the
 * previous snapshot, rejects bad values with a log line and keeps the current stage.
 */
public interface StageSource extends AutoCloseable {

  /**
   * Starts watching; {@code onSnapshot} receives the full set of keys, first as soon as they
   * are read and then after every change. Called once. A snapshot delivered before this method
   * returns sets the starting stages (it may jump several stages, as it says where the other
   * instances already are), so a source should read once before it returns when it can; later
   * snapshots move one stage at a time.
   */
  void start(Consumer<Map<String, String>> onSnapshot);

  /** Stops watching; no snapshot is delivered after it returns. */
  @Override
  void close();
}
