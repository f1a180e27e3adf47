package dev.switchback.cache;

import dev.switchback.InvalidInputException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** Validation of keys, values and TTLs shared by every cache adapter and the migration router. */
public final class CacheInput {
  private CacheInput() {}

  /** Returns {@code key} if it is a legal cache key, else throws. */
  public static String requireValidKey(@Nullable String key) {
    if (key == null || key.isEmpty()) {
      throw new InvalidInputException("cache key must not be null or empty");
    }
    if (key.length() > Cache.MAX_KEY_LENGTH) {
      throw new InvalidInputException(
          "cache key is " + key.length() + " characters; the limit is " + Cache.MAX_KEY_LENGTH);
    }
    return key;
  }

  /** Returns {@code value} if it is not null, else throws. */
  public static byte[] requireValidValue(byte @Nullable [] value) {
    if (value == null) {
      throw new InvalidInputException("cache value must not be null");
    }
    return value;
  }

  /** Returns {@code ttl} (which may be null, for no expiry) if it is positive, else throws. */
  public static @Nullable Duration requireValidTtl(@Nullable Duration ttl) {
    if (ttl != null && (ttl.isNegative() || ttl.isZero())) {
      throw new InvalidInputException("cache TTL must be positive, got " + ttl);
    }
    return ttl;
  }
}
