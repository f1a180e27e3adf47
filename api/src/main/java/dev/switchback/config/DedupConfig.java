package dev.switchback.config;

import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * {@code switchback.messaging.migration.dedup.*}: the memory of handled message ids that lets a
 * subscriber consuming both backends of a migration handle each message once per group.
 *
 * <p>An id is remembered from the moment its handler succeeds for {@link #window()}, and among
 * the newest {@link #maxEntries()} ids of the {@code memory} store. Two copies of a message that
 * arrive further apart than that are both handled: set the window above the largest lag between
 * the two backends' consumers.
 */
public interface DedupConfig {

  /** The store kept in this process. */
  String MEMORY = "memory";

  /** The store kept in the {@code Cache} capability of the same {@code Switchback}. */
  String CACHE = "cache";

  /**
   * {@code dedup.store}: {@value #MEMORY} (default) keeps ids in this process, so de-duplication
   * covers the subscribers of one process; {@value #CACHE} keeps them in the {@code Cache}
   * capability configured under {@code switchback.cache.*}, so several instances of a service
   * share it (a shared cache such as Redis or ElastiCache is needed for that).
   */
  @WithDefault(MEMORY)
  String store();

  /** {@code dedup.window}: how long a handled id is remembered. Default 10m. */
  @WithDefault("10m")
  @WithConverter(DurationConverter.class)
  Duration window();

  /**
   * {@code dedup.max-entries}: the most ids the {@code memory} store keeps; past it the oldest is
   * forgotten. At least 1; default 100000. The {@code cache} store is bounded by the window
   * (each id expires) and the cache's own limits.
   */
  @WithDefault("100000")
  int maxEntries();

  /**
   * {@code dedup.claim-timeout}: with the {@code cache} store, how long an id claimed by a
   * handler that is still running stays claimed. Another instance that gets the same id
   * meanwhile waits, asking again, until it is handled (then acknowledges its copy without
   * handling it) or free (then handles it), for at most this long, after which its delivery fails
   * and comes again later. If the claiming instance dies, the id is free again after this time.
   * Set it above the longest handler run. Default 1m.
   */
  @WithDefault("1m")
  @WithConverter(DurationConverter.class)
  Duration claimTimeout();
}
