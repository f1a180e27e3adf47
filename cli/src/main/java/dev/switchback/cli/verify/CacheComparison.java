package dev.switchback.cli.verify;

import static java.util.Objects.requireNonNull;

import dev.switchback.cache.Cache;
import dev.switchback.cache.CacheEntry;
import dev.switchback.cli.copy.Batch;
import dev.switchback.cli.walk.KeyWalk;
import dev.switchback.cli.walk.Outcome;
import dev.switchback.cli.walk.Tally;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * Compares cache entries on both sides through {@link Cache#getEntry}: {@link Outcome#SAME} when
 * the values are equal and the expiries are both absent or at most the tolerance apart, {@link
 * Outcome#MISSING} when only the source has the key, {@link Outcome#DIFFERENT} otherwise, and
 * {@link Outcome#EXPIRED} when the source no longer has it (nothing to compare). The keys handed
 * over are the source's raw keys; the cache key is what follows the source's prefix.
 */
public final class CacheComparison implements KeyWalk.Batches {
  private final Cache source;
  private final Cache target;
  private final String sourcePrefix;
  private final Duration tolerance;
  private final Duration timeout;

  /** Compares {@code source} with {@code target}, expiries within {@code tolerance}. */
  public CacheComparison(Cache source, Cache target, String sourcePrefix, Duration tolerance,
      Duration timeout) {
    this.source = requireNonNull(source, "source");
    this.target = requireNonNull(target, "target");
    this.sourcePrefix = requireNonNull(sourcePrefix, "sourcePrefix");
    this.tolerance = requireNonNull(tolerance, "tolerance");
    this.timeout = requireNonNull(timeout, "timeout");
  }

  @Override
  public Tally handle(List<String> keys) {
    return Batch.outcomes(keys, this::compare, timeout);
  }

  private CompletionStage<Outcome> compare(String rawKey) {
    String key = rawKey.substring(sourcePrefix.length());
    CompletableFuture<Optional<CacheEntry>> there = target.getEntry(key).toCompletableFuture();
    return source.getEntry(key).thenCombine(there, this::outcome);
  }

  private Outcome outcome(Optional<CacheEntry> source, Optional<CacheEntry> target) {
    if (source.isEmpty()) {
      return Outcome.EXPIRED;
    }
    if (target.isEmpty()) {
      return Outcome.MISSING;
    }
    boolean same = Arrays.equals(source.get().value(), target.get().value())
        && closeEnough(source.get().expiresAt(), target.get().expiresAt(), tolerance);
    return same ? Outcome.SAME : Outcome.DIFFERENT;
  }

  /** Whether two expiries are both absent, or both present and at most {@code tolerance} apart. */
  static boolean closeEnough(@Nullable Instant a, @Nullable Instant b, Duration tolerance) {
    if (a == null || b == null) {
      return a == b;
    }
    return Duration.between(a, b).abs().compareTo(tolerance) <= 0;
  }
}
