package dev.switchback.cache;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A cached value with its expiry. Used where the expiry matters as much as the value: copying
 * an entry from one backend to another keeps its remaining time to live.
 *
 * @param value the bytes stored; the array is not copied, callers must not modify it
 * @param expiresAt when the entry expires, or {@code null} if it never does
 */
public record CacheEntry(byte[] value, @Nullable Instant expiresAt) {

  public CacheEntry {
    requireNonNull(value, "value");
  }

  /** The expiry, if the entry has one. */
  public Optional<Instant> expiry() {
    return Optional.ofNullable(expiresAt);
  }

  /**
   * Time left before expiry measured from {@code now}, or {@code null} if the entry never
   * expires. Never negative: an entry due now has {@link Duration#ZERO} left.
   */
  public @Nullable Duration remainingTtl(Instant now) {
    if (expiresAt == null) {
      return null;
    }
    Duration left = Duration.between(now, expiresAt);
    return left.isNegative() ? Duration.ZERO : left;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CacheEntry other
        && Arrays.equals(value, other.value)
        && java.util.Objects.equals(expiresAt, other.expiresAt);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(value) + java.util.Objects.hashCode(expiresAt);
  }

  @Override
  public String toString() {
    return "CacheEntry[" + value.length + " bytes, expiresAt=" + expiresAt + "]";
  }
}
