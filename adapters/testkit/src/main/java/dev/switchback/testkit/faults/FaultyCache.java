package dev.switchback.testkit.faults;

import static java.util.Objects.requireNonNull;

import dev.switchback.cache.Cache;
import dev.switchback.cache.CacheEntry;
import dev.switchback.cache.CacheFeature;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/** A real {@link Cache} behind a switchable {@link Fault}. Offers no optional ability. */
public final class FaultyCache implements Cache {
  private final Cache delegate;
  private final Fault fault;

  public FaultyCache(Cache delegate, Fault fault) {
    this.delegate = requireNonNull(delegate, "delegate");
    this.fault = requireNonNull(fault, "fault");
  }

  @Override
  public CompletionStage<Optional<byte[]>> get(String key) {
    return fault.apply(() -> delegate.get(key));
  }

  @Override
  public CompletionStage<Optional<CacheEntry>> getEntry(String key) {
    return fault.apply(() -> delegate.getEntry(key));
  }

  @Override
  public CompletionStage<Void> put(String key, byte[] value, @Nullable Duration ttl) {
    return fault.apply(() -> delegate.put(key, value, ttl));
  }

  @Override
  public CompletionStage<Boolean> putIfAbsent(String key, byte[] value, @Nullable Duration ttl) {
    return fault.apply(() -> delegate.putIfAbsent(key, value, ttl));
  }

  @Override
  public CompletionStage<Boolean> delete(String key) {
    return fault.apply(() -> delegate.delete(key));
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
