package dev.switchback.memory.cache;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the memory cache, under {@code switchback.cache.memory}. */
@ConfigMapping(prefix = "switchback.cache.memory")
public interface MemoryCacheConfig {

  /**
   * {@code switchback.cache.memory.max-entries}: the most entries held before the oldest is
   * evicted; a positive number, default {@value MemoryCache#DEFAULT_MAX_ENTRIES}.
   */
  @WithDefault("100000")
  int maxEntries();
}
