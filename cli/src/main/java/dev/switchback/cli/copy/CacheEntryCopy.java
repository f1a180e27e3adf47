package dev.switchback.cli.copy;

import static java.util.Objects.requireNonNull;

import dev.switchback.cache.Cache;
import dev.switchback.cache.CacheEntry;
import dev.switchback.cli.walk.KeyWalk;
import dev.switchback.cli.walk.Outcome;
import dev.switchback.cli.walk.Tally;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Copies cache entries through {@link Cache}: {@link Cache#getEntry} on the source, then {@link
 * Cache#put} on the target with the time to live left at that moment ({@link Cache#putIfAbsent}
 * when told not to overwrite). An entry gone or expired by then is counted {@link
 * Outcome#EXPIRED} and not written. The keys handed over are the source's raw Redis keys; the
 * cache key is what follows the source's key prefix.
 */
public final class CacheEntryCopy implements KeyWalk.Batches {
  private final Cache source;
  private final Cache target;
  private final String sourcePrefix;
  private final boolean overwrite;
  private final Duration timeout;
  private final Clock clock;

  /**
   * Copies from {@code source}, whose raw keys start with {@code sourcePrefix}, to {@code target};
   * a batch taking longer than {@code timeout} fails.
   */
  public CacheEntryCopy(Cache source, Cache target, String sourcePrefix, boolean overwrite,
      Duration timeout, Clock clock) {
    this.source = requireNonNull(source, "source");
    this.target = requireNonNull(target, "target");
    this.sourcePrefix = requireNonNull(sourcePrefix, "sourcePrefix");
    this.overwrite = overwrite;
    this.timeout = requireNonNull(timeout, "timeout");
    this.clock = requireNonNull(clock, "clock");
  }

  @Override
  public Tally handle(List<String> keys) {
    return Batch.outcomes(keys, this::copy, timeout);
  }

  private CompletionStage<Outcome> copy(String rawKey) {
    String key = rawKey.substring(sourcePrefix.length());
    return source.getEntry(key).thenCompose(found -> write(key, found));
  }

  private CompletionStage<Outcome> write(String key, Optional<CacheEntry> found) {
    if (found.isEmpty()) {
      return CompletableFuture.completedFuture(Outcome.EXPIRED);
    }
    CacheEntry entry = found.get();
    Instant now = clock.instant();
    Duration ttl = entry.remainingTtl(now);
    if (ttl != null && ttl.isZero()) {
      return CompletableFuture.completedFuture(Outcome.EXPIRED);
    }
    if (overwrite) {
      return target.put(key, entry.value(), ttl).thenApply(done -> Outcome.COPIED);
    }
    return target.putIfAbsent(key, entry.value(), ttl)
        .thenApply(stored -> stored ? Outcome.COPIED : Outcome.KEPT);
  }
}
