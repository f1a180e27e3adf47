package dev.switchback.cli.copy;

import static java.util.Objects.requireNonNull;

import dev.switchback.cache.Cache;
import dev.switchback.cache.CacheEntry;
import dev.switchback.cli.walk.KeyWalk;
import dev.switchback.cli.walk.Outcome;
import dev.switchback.cli.walk.Tally;
import dev.switchback.sessions.Session;
import dev.switchback.sessions.spi.SessionStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Copies through the neutral interfaces, one key at a time but a whole batch at once: reads the
 * entry from the source, and writes it to the target unless it is gone or has no time left
 * ({@link Outcome#EXPIRED}, nothing written). The keys handed over are the source's raw keys; the
 * key the interfaces know is what follows the source's key prefix.
 *
 * <ul>
 *   <li>{@link #cache}: {@link Cache#getEntry}, then {@link Cache#put} with the time to live left
 *       at that moment, or {@link Cache#putIfAbsent} when told not to overwrite ({@link
 *       Outcome#KEPT} when the target had the key).
 *   <li>{@link #sessions}: {@link SessionStore#get}, then {@link SessionStore#replicate}, which
 *       keeps id, version, creation time and expiry. Told not to overwrite, it first asks the
 *       target and keeps a session it has; that check and the write are two calls, not one step.
 * </ul>
 *
 * @param <T> what one key holds
 */
public final class KeyedCopy<T> implements KeyWalk.Batches {

  /** Writes one live value to the target and says what happened. */
  @FunctionalInterface
  interface Writer<T> {
    CompletionStage<Outcome> write(String key, T value);
  }

  private final Function<String, CompletionStage<Optional<T>>> read;
  private final Predicate<T> expired;
  private final Writer<T> writer;
  private final String sourcePrefix;
  private final Duration timeout;

  private KeyedCopy(Function<String, CompletionStage<Optional<T>>> read,
      Predicate<T> expired, Writer<T> writer, String sourcePrefix, Duration timeout) {
    this.read = read;
    this.expired = expired;
    this.writer = writer;
    this.sourcePrefix = requireNonNull(sourcePrefix, "sourcePrefix");
    this.timeout = requireNonNull(timeout, "timeout");
  }

  /**
   * Copies cache entries from {@code source}, whose raw keys start with {@code sourcePrefix}, to
   * {@code target}; a batch taking longer than {@code timeout} fails.
   */
  public static KeyedCopy<CacheEntry> cache(Cache source, Cache target, String sourcePrefix,
      boolean overwrite, Duration timeout, Clock clock) {
    requireNonNull(source, "source");
    requireNonNull(target, "target");
    requireNonNull(clock, "clock");
    return new KeyedCopy<>(source::getEntry,
        entry -> {
          Duration left = entry.remainingTtl(clock.instant());
          return left != null && left.isZero();
        },
        (key, entry) -> {
          Duration ttl = entry.remainingTtl(clock.instant());
          return overwrite
              ? target.put(key, entry.value(), ttl).thenApply(done -> Outcome.COPIED)
              : target.putIfAbsent(key, entry.value(), ttl)
                  .thenApply(stored -> stored ? Outcome.COPIED : Outcome.KEPT);
        },
        sourcePrefix, timeout);
  }

  /**
   * Copies sessions from {@code source}, whose raw keys start with {@code sourcePrefix}, to
   * {@code target}; a batch taking longer than {@code timeout} fails.
   */
  public static KeyedCopy<Session> sessions(SessionStore source, SessionStore target,
      String sourcePrefix, boolean overwrite, Duration timeout, Clock clock) {
    requireNonNull(source, "source");
    requireNonNull(target, "target");
    requireNonNull(clock, "clock");
    return new KeyedCopy<>(source::get,
        session -> session.isExpiredAt(clock.instant()),
        (id, session) -> overwrite
            ? target.replicate(session).thenApply(done -> Outcome.COPIED)
            : target.get(id).thenCompose(there -> there.isPresent()
                ? CompletableFuture.completedFuture(Outcome.KEPT)
                : target.replicate(session).thenApply(done -> Outcome.COPIED)),
        sourcePrefix, timeout);
  }

  @Override
  public Tally handle(List<String> keys) {
    return Batch.outcomes(keys, this::copy, timeout);
  }

  private CompletionStage<Outcome> copy(String rawKey) {
    String key = rawKey.substring(sourcePrefix.length());
    return read.apply(key).thenCompose(found -> found.isEmpty() || expired.test(found.get())
        ? CompletableFuture.completedFuture(Outcome.EXPIRED)
        : writer.write(key, found.get()));
  }
}
