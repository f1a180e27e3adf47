package dev.switchback.migration.internal;

import dev.switchback.cache.Cache;
import dev.switchback.cache.CacheEntry;
import dev.switchback.cache.CacheFeature;
import dev.switchback.cache.CacheInput;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Cache} over an old and a new cache, routed by the migration's stage (see
 * {@link KeyedRouting}). Mirrors carry the value and the time to live, so an entry copied into
 * the other store expires when the original does. Offers no optional ability: bulk operations
 * would have to be split per key anyway to route them.
 */
public final class CacheRouter implements Cache {
  private final KeyedRouting<Cache> routing;
  private final Clock clock;

  public CacheRouter(
      StageController controller,
      Cache oldCache,
      Cache newCache,
      ScheduledExecutorService scheduler,
      Clock clock) {
    this.clock = clock;
    this.routing = new KeyedRouting<>(controller, oldCache, newCache, this::copy, scheduler);
  }

  @Override
  public CompletionStage<Optional<byte[]>> get(String key) {
    return KeyedRouting.checked(
        () -> CacheInput.requireValidKey(key),
        () -> routing.read(
            key,
            c -> c.get(key),
            (a, b) -> a.isPresent() == b.isPresent() && (a.isEmpty() || Arrays.equals(a.get(), b.get())),
            Optional::isEmpty));
  }

  @Override
  public CompletionStage<Optional<CacheEntry>> getEntry(String key) {
    return KeyedRouting.checked(
        () -> CacheInput.requireValidKey(key),
        () -> routing.read(
            key,
            c -> c.getEntry(key),
            (a, b) -> a.isPresent() == b.isPresent()
                && (a.isEmpty() || Arrays.equals(a.get().value(), b.get().value())),
            Optional::isEmpty));
  }

  @Override
  public CompletionStage<Void> put(String key, byte[] value, @Nullable Duration ttl) {
    return KeyedRouting.checked(
        () -> validate(key, value, ttl),
        () -> routing.write(key, c -> c.put(key, value, ttl), (other, r) -> other.put(key, value, ttl)));
  }

  @Override
  public CompletionStage<Boolean> putIfAbsent(String key, byte[] value, @Nullable Duration ttl) {
    // Only a successful put changes anything; the mirror is then a plain put of the same value.
    return KeyedRouting.checked(
        () -> validate(key, value, ttl),
        () -> routing.write(
            key,
            c -> c.putIfAbsent(key, value, ttl),
            (other, stored) -> stored ? other.put(key, value, ttl) : null));
  }

  @Override
  public CompletionStage<Boolean> delete(String key) {
    return KeyedRouting.checked(
        () -> CacheInput.requireValidKey(key),
        () -> routing.write(key, c -> c.delete(key), (other, removed) -> other.delete(key)));
  }

  @Override
  public Set<CacheFeature> features() {
    return EnumSet.noneOf(CacheFeature.class);
  }

  @Override
  public CompletionStage<Void> closeAsync() {
    routing.close();
    return CompletableFuture.completedFuture(null);
  }

  private CompletionStage<Void> copy(String key, Cache from, Cache to, boolean deleteIfAbsent) {
    return from.getEntry(key)
        .thenCompose(
            entry -> {
              if (entry.isEmpty()) {
                return deleteIfAbsent
                    ? to.delete(key).thenApply(x -> (Void) null)
                    : CompletableFuture.<Void>completedFuture(null);
              }
              Duration left = entry.get().remainingTtl(clock.instant());
              if (left != null && left.isZero()) {
                return to.delete(key).thenApply(x -> (Void) null);
              }
              return to.put(key, entry.get().value(), left);
            });
  }

  private static void validate(String key, byte[] value, @Nullable Duration ttl) {
    CacheInput.requireValidKey(key);
    CacheInput.requireValidValue(value);
    CacheInput.requireValidTtl(ttl);
  }
}
