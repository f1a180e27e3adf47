package dev.switchback.memory.cache;

import static java.util.Objects.requireNonNull;

import dev.switchback.InvalidInputException;
import dev.switchback.SwitchbackException;
import dev.switchback.cache.BulkCache;
import dev.switchback.cache.Cache;
import dev.switchback.cache.CacheEntry;
import dev.switchback.cache.CacheFeature;
import dev.switchback.cache.CacheInput;
import dev.switchback.memory.cache.EntryStore.Stored;
import dev.switchback.spi.Pingable;
import dev.switchback.spi.support.CloseOnce;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Cache} held in this JVM's heap, with the {@link CacheFeature#BULK} ability. The embedded
 * default and the reference the other cache adapters are compared against.
 *
 * <p><b>Storage.</b> Values are copied on the way in and on the way out, so no caller can change a
 * stored value through an array it holds. Every operation completes before it returns: stages are
 * already complete, and no thread is involved but the caller's.
 *
 * <p><b>Expiry.</b> Expiry is kept to the millisecond; a TTL with a fraction of a millisecond is
 * rounded up, and one too long to represent is capped far in the future. An entry is expired from
 * the instant its expiry is reached. Expired entries are never returned; they are removed when an
 * operation meets them, and by a sweep that runs on the writing thread after a number of new keys
 * proportional to the size of the cache, so memory stays proportional to the live entries.
 *
 * <p><b>Bound.</b> The cache holds at most {@link Builder#maxEntries(int) maxEntries} entries
 * (default {@value #DEFAULT_MAX_ENTRIES}). Writing a new key into a full cache evicts the key that
 * entered the cache first (first in, first out; overwriting a key does not move it). Eviction does
 * not look at expiry: an expired entry the sweep has not yet removed still counts.
 *
 * <p><b>Closing.</b> After {@link #closeAsync()} the entries are dropped and every operation fails
 * with {@link SwitchbackException}.
 *
 * <p>Thread safe.
 */
public final class MemoryCache implements Cache, BulkCache, Pingable {

  /** The default bound on the number of entries: 100,000. */
  public static final int DEFAULT_MAX_ENTRIES = 100_000;

  private static final Set<CacheFeature> FEATURES = Set.of(CacheFeature.BULK);

  private final CloseOnce state = new CloseOnce("memory cache");
  private final EntryStore entries;
  private final Clock clock;
  private final int maxEntries;

  private MemoryCache(Builder builder) {
    this.clock = builder.clock;
    this.maxEntries = builder.maxEntries;
    this.entries = new EntryStore(builder.maxEntries);
  }

  /** A cache with the default settings. */
  public static MemoryCache create() {
    return builder().build();
  }

  /** A builder with the default settings. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public CompletionStage<Optional<byte[]>> get(String key) {
    return state.completeNow(
        () -> {
          Stored stored = entries.live(CacheInput.requireValidKey(key), clock.millis());
          return stored == null ? Optional.<byte[]>empty() : Optional.of(stored.value.clone());
        });
  }

  @Override
  public CompletionStage<Optional<CacheEntry>> getEntry(String key) {
    return state.completeNow(
        () -> {
          Stored stored = entries.live(CacheInput.requireValidKey(key), clock.millis());
          if (stored == null) {
            return Optional.<CacheEntry>empty();
          }
          Instant expiry =
              stored.expiresAtMillis == EntryStore.NO_EXPIRY
                  ? null
                  : Instant.ofEpochMilli(stored.expiresAtMillis);
          return Optional.of(new CacheEntry(stored.value.clone(), expiry));
        });
  }

  @Override
  public CompletionStage<Void> put(String key, byte[] value, @Nullable Duration ttl) {
    return state.completeNow(
        () -> {
          Write write = checkedWrite(key, value, ttl);
          entries.put(write.key(), write.value(), write.expiresAtMillis(), write.nowMillis());
          return null;
        });
  }

  @Override
  public CompletionStage<Boolean> putIfAbsent(String key, byte[] value, @Nullable Duration ttl) {
    return state.completeNow(
        () -> {
          Write write = checkedWrite(key, value, ttl);
          return entries.putIfAbsent(
              write.key(), write.value(), write.expiresAtMillis(), write.nowMillis());
        });
  }

  @Override
  public CompletionStage<Boolean> delete(String key) {
    return state.completeNow(
        () -> entries.delete(CacheInput.requireValidKey(key), clock.millis()));
  }

  @Override
  public CompletionStage<Map<String, byte[]>> getAll(Collection<String> keys) {
    return state.completeNow(
        () -> {
          if (keys == null) {
            throw new InvalidInputException("keys must not be null");
          }
          long now = clock.millis();
          Map<String, byte[]> found = new HashMap<>();
          for (String key : keys) {
            Stored stored = entries.live(CacheInput.requireValidKey(key), now);
            if (stored != null) {
              found.put(key, stored.value.clone());
            }
          }
          return found;
        });
  }

  @Override
  public CompletionStage<Void> putAll(Map<String, byte[]> values, @Nullable Duration ttl) {
    return state.completeNow(
        () -> {
          if (values == null) {
            throw new InvalidInputException("values must not be null");
          }
          CacheInput.requireValidTtl(ttl);
          // Check every element before writing any, so one bad element writes nothing.
          List<Map.Entry<String, byte[]>> copies = new ArrayList<>(values.size());
          for (Map.Entry<String, byte[]> entry : values.entrySet()) {
            copies.add(
                Map.entry(
                    CacheInput.requireValidKey(entry.getKey()),
                    CacheInput.requireValidValue(entry.getValue()).clone()));
          }
          long now = clock.millis();
          long expiresAt = expiresAtMillis(now, ttl);
          for (Map.Entry<String, byte[]> copy : copies) {
            entries.put(copy.getKey(), copy.getValue(), expiresAt, now);
          }
          return null;
        });
  }

  @Override
  public Set<CacheFeature> features() {
    return FEATURES;
  }

  /**
   * Removes every expired entry now instead of waiting for the sweep.
   *
   * @return the number of entries removed
   */
  public int purgeExpired() {
    return entries.purgeExpired(clock.millis());
  }

  /**
   * The number of entries held, counting expired entries that have not been removed yet. For tests
   * and diagnostics; it is not the number of live entries.
   */
  public int storedEntries() {
    return entries.size();
  }

  /**
   * Drops every entry. Operations started afterwards fail; calling it again returns the same
   * completed stage.
   */
  @Override
  public CompletionStage<Void> closeAsync() {
    return state.close(
        () -> {
          entries.clear();
          return CompletableFuture.completedFuture(null);
        });
  }

  @Override
  public String toString() {
    return "MemoryCache[storedEntries=" + entries.size() + ", maxEntries=" + maxEntries + "]";
  }

  /** Checks and copies the arguments of a single write before anything is stored. */
  private Write checkedWrite(String key, byte[] value, @Nullable Duration ttl) {
    CacheInput.requireValidKey(key);
    byte[] copy = CacheInput.requireValidValue(value).clone();
    CacheInput.requireValidTtl(ttl);
    long now = clock.millis();
    return new Write(key, copy, expiresAtMillis(now, ttl), now);
  }

  /** Epoch milliseconds at which an entry written at {@code nowMillis} with {@code ttl} expires. */
  static long expiresAtMillis(long nowMillis, @Nullable Duration ttl) {
    if (ttl == null) {
      return EntryStore.NO_EXPIRY;
    }
    try {
      long ttlMillis = ttl.toMillis();
      if (ttl.getNano() % 1_000_000 != 0) {
        ttlMillis = Math.addExact(ttlMillis, 1);
      }
      return Math.min(Math.addExact(nowMillis, ttlMillis), EntryStore.NO_EXPIRY - 1);
    } catch (ArithmeticException tooLong) {
      return EntryStore.NO_EXPIRY - 1;
    }
  }

  /** One entry to store, its arguments checked and its value copied. */
  private record Write(String key, byte[] value, long expiresAtMillis, long nowMillis) {}

  /** Settings of a {@link MemoryCache}. Setters check their argument and return this builder. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private int maxEntries = DEFAULT_MAX_ENTRIES;

    private Builder() {}

    /** The clock that decides expiry; default {@link Clock#systemUTC()}. */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The most entries held before the oldest is evicted; default {@value
     * MemoryCache#DEFAULT_MAX_ENTRIES}.
     *
     * @throws IllegalArgumentException if {@code maxEntries} is not positive
     */
    public Builder maxEntries(int maxEntries) {
      if (maxEntries < 1) {
        throw new IllegalArgumentException("maxEntries must be positive, got " + maxEntries);
      }
      this.maxEntries = maxEntries;
      return this;
    }

    /** A new, empty cache with these settings. */
    public MemoryCache build() {
      return new MemoryCache(this);
    }
  }

  /** In process, so it answers while open and fails once closed. */
  @Override
  public CompletionStage<Void> ping() {
    return state.completeNow(() -> null);
  }
}
