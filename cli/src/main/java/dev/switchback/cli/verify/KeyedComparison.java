package dev.switchback.cli.verify;

import static java.util.Objects.requireNonNull;

import dev.switchback.cache.Cache;
import dev.switchback.cache.CacheEntry;
import dev.switchback.cli.copy.Batch;
import dev.switchback.cli.walk.KeyWalk;
import dev.switchback.cli.walk.Outcome;
import dev.switchback.cli.walk.Tally;
import dev.switchback.sessions.Session;
import dev.switchback.sessions.spi.SessionStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiPredicate;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Compares each key on both sides through the neutral interfaces, both reads at once: {@link
 * Outcome#SAME} when equal, {@link Outcome#MISSING} when only the source has the key, {@link
 * Outcome#DIFFERENT} when both have it unequal, {@link Outcome#EXPIRED} when the source no longer
 * has it (nothing to compare). The keys handed over are the source's raw keys; the key the
 * interfaces know is what follows the source's key prefix.
 *
 * <ul>
 *   <li>{@link #cache}: values equal, expiries both absent or at most the tolerance apart.
 *   <li>{@link #sessions}: subject, attributes, version, creation time and sliding TTL equal,
 *       expiries at most the tolerance apart.
 * </ul>
 *
 * @param <T> what one key holds
 */
public final class KeyedComparison<T> implements KeyWalk.Batches {
  private final Function<String, CompletionStage<Optional<T>>> source;
  private final Function<String, CompletionStage<Optional<T>>> target;
  private final BiPredicate<T, T> same;
  private final String sourcePrefix;
  private final Duration timeout;

  private KeyedComparison(Function<String, CompletionStage<Optional<T>>> source,
      Function<String, CompletionStage<Optional<T>>> target, BiPredicate<T, T> same,
      String sourcePrefix, Duration timeout) {
    this.source = source;
    this.target = target;
    this.same = same;
    this.sourcePrefix = requireNonNull(sourcePrefix, "sourcePrefix");
    this.timeout = requireNonNull(timeout, "timeout");
  }

  /** Compares the caches, expiries within {@code tolerance}. */
  public static KeyedComparison<CacheEntry> cache(Cache source, Cache target, String sourcePrefix,
      Duration tolerance, Duration timeout) {
    requireNonNull(tolerance, "tolerance");
    return new KeyedComparison<>(source::getEntry, target::getEntry,
        (a, b) -> Arrays.equals(a.value(), b.value())
            && closeEnough(a.expiresAt(), b.expiresAt(), tolerance),
        sourcePrefix, timeout);
  }

  /** Compares the session stores, expiries within {@code tolerance}. */
  public static KeyedComparison<Session> sessions(SessionStore source, SessionStore target,
      String sourcePrefix, Duration tolerance, Duration timeout) {
    requireNonNull(tolerance, "tolerance");
    return new KeyedComparison<>(source::get, target::get,
        (a, b) -> a.subject().equals(b.subject()) && a.attributes().equals(b.attributes())
            && a.version() == b.version() && a.createdAt().equals(b.createdAt())
            && a.ttl().equals(b.ttl()) && closeEnough(a.expiresAt(), b.expiresAt(), tolerance),
        sourcePrefix, timeout);
  }

  @Override
  public Tally handle(List<String> keys) {
    return Batch.outcomes(keys, this::compare, timeout);
  }

  private CompletionStage<Outcome> compare(String rawKey) {
    String key = rawKey.substring(sourcePrefix.length());
    CompletableFuture<Optional<T>> there = target.apply(key).toCompletableFuture();
    return source.apply(key).thenCombine(there, (a, b) -> a.isEmpty() ? Outcome.EXPIRED
        : b.isEmpty() ? Outcome.MISSING
        : same.test(a.get(), b.get()) ? Outcome.SAME : Outcome.DIFFERENT);
  }

  /** Whether two expiries are both absent, or both present and at most {@code tolerance} apart. */
  static boolean closeEnough(@Nullable Instant a, @Nullable Instant b, Duration tolerance) {
    if (a == null || b == null) {
      return a == b;
    }
    return Duration.between(a, b).abs().compareTo(tolerance) <= 0;
  }
}
