package dev.switchback.testkit.faults;

import static java.util.Objects.requireNonNull;

import dev.switchback.cache.Cache;
import dev.switchback.cache.CacheEntry;
import dev.switchback.cache.CacheFeature;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A real {@link Cache} behind a switchable {@link Fault}: on every operation, or only on the
 * writes of some keys ({@link #onWritesOf}). Offers no optional ability.
 */
public final class FaultyCache implements Cache {
  private final Cache delegate;
  private final Fault fault;
  private final Predicate<String> faultyWrites;
  private final boolean faultyReads;

  /** The fault applies to every operation. */
  public FaultyCache(Cache delegate, Fault fault) {
    this(delegate, fault, key -> true, true);
  }

  private FaultyCache(
      Cache delegate, Fault fault, Predicate<String> faultyWrites, boolean faultyReads) {
    this.delegate = requireNonNull(delegate, "delegate");
    this.fault = requireNonNull(fault, "fault");
    this.faultyWrites = requireNonNull(faultyWrites, "faultyWrites");
    this.faultyReads = faultyReads;
  }

  /**
   * The fault applies only to writes (put, put-if-absent, delete) of the keys {@code keys}
   * accepts; reads and other keys pass through, so a test can keep one key from being stored
   * while the cache still answers what it holds.
   */
  public static FaultyCache onWritesOf(Cache delegate, Fault fault, Predicate<String> keys) {
    return new FaultyCache(delegate, fault, keys, false);
  }

  @Override
  public CompletionStage<Optional<byte[]>> get(String key) {
    return faultyReads ? fault.apply(() -> delegate.get(key)) : delegate.get(key);
  }

  @Override
  public CompletionStage<Optional<CacheEntry>> getEntry(String key) {
    return faultyReads ? fault.apply(() -> delegate.getEntry(key)) : delegate.getEntry(key);
  }

  @Override
  public CompletionStage<Void> put(String key, byte[] value, @Nullable Duration ttl) {
    return write(key, () -> delegate.put(key, value, ttl));
  }

  @Override
  public CompletionStage<Boolean> putIfAbsent(String key, byte[] value, @Nullable Duration ttl) {
    return write(key, () -> delegate.putIfAbsent(key, value, ttl));
  }

  @Override
  public CompletionStage<Boolean> delete(String key) {
    return write(key, () -> delegate.delete(key));
  }

  private <T> CompletionStage<T> write(String key, Supplier<CompletionStage<T>> call) {
    return faultyWrites.test(key) ? fault.apply(call) : call.get();
  }

  @Override
  public Set<CacheFeature> features() {
    return Set.of();
  }

  @Override
  public CompletionStage<Void> closeAsync() {
    return delegate.closeAsync();
  }
}
