package dev.switchback.cache;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * Optional ability of a {@link Cache}: many keys in one round trip. Obtain it with
 * {@code cache.ability(BulkCache.class)}; present when {@link CacheFeature#BULK} is reported.
 * The same key and value rules as {@link Cache} apply to every element; one bad element fails
 * the whole call before anything is written.
 */
public interface BulkCache {

  /** The live values among {@code keys}; absent and expired keys are missing from the map. */
  CompletionStage<Map<String, byte[]>> getAll(Collection<String> keys);

  /**
   * Stores every entry of {@code values}. Not atomic across keys: on failure some entries may
   * have been written.
   *
   * @param ttl time to live of every entry, or {@code null} for none
   */
  CompletionStage<Void> putAll(Map<String, byte[]> values, @Nullable Duration ttl);
}
