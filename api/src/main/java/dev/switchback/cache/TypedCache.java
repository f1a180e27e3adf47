package dev.switchback.cache;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * A view of a {@link Cache} holding values of type {@code T}, encoded with a {@link Codec}. It
 * adds nothing to the cache's guarantees and owns nothing: closing the cache closes it.
 */
public final class TypedCache<T> {
  private final Cache cache;
  private final Codec<T> codec;

  TypedCache(Cache cache, Codec<T> codec) {
    this.cache = requireNonNull(cache, "cache");
    this.codec = requireNonNull(codec, "codec");
  }

  /** The decoded value under {@code key}, or empty. */
  public CompletionStage<Optional<T>> get(String key) {
    return cache.get(key).thenApply(v -> v.map(codec::decode));
  }

  /** Encodes and stores {@code value}; see {@link Cache#put(String, byte[], Duration)}. */
  public CompletionStage<Void> put(String key, T value, @Nullable Duration ttl) {
    return cache.put(key, codec.encode(requireNonNull(value, "value")), ttl);
  }

  /** Encodes and stores {@code value} if absent; see {@link Cache#putIfAbsent}. */
  public CompletionStage<Boolean> putIfAbsent(String key, T value, @Nullable Duration ttl) {
    return cache.putIfAbsent(key, codec.encode(requireNonNull(value, "value")), ttl);
  }

  /** Removes {@code key}; see {@link Cache#delete}. */
  public CompletionStage<Boolean> delete(String key) {
    return cache.delete(key);
  }
}
