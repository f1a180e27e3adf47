package dev.switchback.cli.verify;

import static java.util.Objects.requireNonNull;

import dev.switchback.cli.copy.Batch;
import dev.switchback.cli.walk.KeyWalk;
import dev.switchback.cli.walk.Outcome;
import dev.switchback.cli.walk.Tally;
import dev.switchback.sessions.Session;
import dev.switchback.sessions.spi.SessionStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Compares sessions on both sides through {@link SessionStore#get}: {@link Outcome#SAME} when
 * subject, attributes, version, creation time and sliding TTL are equal and the expiries at most
 * the tolerance apart; {@link Outcome#MISSING}, {@link Outcome#DIFFERENT} and {@link
 * Outcome#EXPIRED} as for the cache. The keys handed over are the source's raw keys.
 */
public final class SessionComparison implements KeyWalk.Batches {
  private final SessionStore source;
  private final SessionStore target;
  private final String sourcePrefix;
  private final Duration tolerance;
  private final Duration timeout;

  /** Compares {@code source} with {@code target}, expiries within {@code tolerance}. */
  public SessionComparison(SessionStore source, SessionStore target, String sourcePrefix,
      Duration tolerance, Duration timeout) {
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
    String id = rawKey.substring(sourcePrefix.length());
    CompletableFuture<Optional<Session>> there = target.get(id).toCompletableFuture();
    return source.get(id).thenCombine(there, this::outcome);
  }

  private Outcome outcome(Optional<Session> source, Optional<Session> target) {
    if (source.isEmpty()) {
      return Outcome.EXPIRED;
    }
    if (target.isEmpty()) {
      return Outcome.MISSING;
    }
    Session a = source.get();
    Session b = target.get();
    boolean same = a.subject().equals(b.subject()) && a.attributes().equals(b.attributes())
        && a.version() == b.version() && a.createdAt().equals(b.createdAt())
        && a.ttl().equals(b.ttl())
        && CacheComparison.closeEnough(a.expiresAt(), b.expiresAt(), tolerance);
    return same ? Outcome.SAME : Outcome.DIFFERENT;
  }
}
