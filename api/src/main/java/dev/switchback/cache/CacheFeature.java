package dev.switchback.cache;

/**
 * Optional abilities of a {@link Cache}. A cache that reports a feature offers the matching
 * interface through {@link Cache#ability(Class)}; one that does not report it offers nothing.
 */
public enum CacheFeature {
  /** {@link BulkCache}: many keys in one round trip. */
  BULK
}
