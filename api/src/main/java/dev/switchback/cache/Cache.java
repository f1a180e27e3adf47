package dev.switchback.cache;

import dev.switchback.AsyncCloseable;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * Byte values under string keys, with optional time to live.
 *
 * <p><b>Keys</b> are non-empty strings of at most {@link #MAX_KEY_LENGTH} characters.
 * <b>Values</b> are byte arrays; a backend may refuse large ones with
 * {@link dev.switchback.TooLargeException} before anything is sent. A {@code null} key or value,
 * an empty key, or a TTL that is zero or negative fails the returned stage with
 * {@link dev.switchback.InvalidInputException} and writes nothing.
 *
 * <p><b>Guarantees.</b> When a write's stage completes normally the backend has accepted it: a
 * later {@code get} on the same instance sees it (or a newer value) until it expires. A write
 * that completes exceptionally may or may not have taken effect only if the failure is an
 * {@link dev.switchback.OperationTimeoutException}; other failures mean nothing was written.
 * Operations on different keys are not ordered with respect to each other. Expired entries are
 * never returned, even if the backend has not purged them yet.
 *
 * <p><b>Errors.</b> Stages fail with a {@link dev.switchback.SwitchbackException} subtype; the
 * methods themselves do not throw.
 *
 * <p><b>Threads.</b> Implementations are thread safe. Stages may complete on a backend's I/O
 * thread: do not block in their callbacks.
 */
public interface Cache extends AsyncCloseable {

  /** The longest key accepted: 1024 characters. */
  int MAX_KEY_LENGTH = 1024;

  /** The value under {@code key}, or empty if there is none or it has expired. */
  CompletionStage<Optional<byte[]>> get(String key);

  /**
   * The value under {@code key} with its expiry, or empty if there is none or it has expired.
   * Migration uses it to copy an entry with its remaining time to live.
   */
  CompletionStage<Optional<CacheEntry>> getEntry(String key);

  /**
   * Stores {@code value} under {@code key}, replacing any value there.
   *
   * @param ttl time to live, or {@code null} to keep the entry until it is deleted or evicted
   */
  CompletionStage<Void> put(String key, byte[] value, @Nullable Duration ttl);

  /** Stores {@code value} under {@code key} without expiry. */
  default CompletionStage<Void> put(String key, byte[] value) {
    return put(key, value, null);
  }

  /**
   * Stores {@code value} only if {@code key} holds no live value. Completes with {@code true} if
   * it stored the value, {@code false} if a value was already there (it is left unchanged).
   *
   * @param ttl time to live, or {@code null} for none
   */
  CompletionStage<Boolean> putIfAbsent(String key, byte[] value, @Nullable Duration ttl);

  /** Removes {@code key}. Completes with {@code true} if a live value was removed. */
  CompletionStage<Boolean> delete(String key);

  /** The optional abilities this cache offers. */
  Set<CacheFeature> features();

  /**
   * This cache as the optional ability {@code type}, if it offers it. Present exactly when the
   * matching {@link CacheFeature} is in {@link #features()}.
   */
  default <T> Optional<T> ability(Class<T> type) {
    if (type == BulkCache.class && features().contains(CacheFeature.BULK)) {
      return Optional.of(type.cast(this));
    }
    return Optional.empty();
  }

  /** A typed view of this cache that encodes and decodes values with {@code codec}. */
  default <T> TypedCache<T> typed(Codec<T> codec) {
    return new TypedCache<>(this, codec);
  }
}
