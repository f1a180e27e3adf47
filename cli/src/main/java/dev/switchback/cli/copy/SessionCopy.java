package dev.switchback.cli.copy;

import static java.util.Objects.requireNonNull;

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

/**
 * Copies sessions through {@link SessionStore}: {@link SessionStore#get} on the source, then
 * {@link SessionStore#replicate} on the target, which keeps the id, version, creation time and
 * expiry as they are. A session gone or expired by then is counted {@link Outcome#EXPIRED} and
 * not written. Told not to overwrite, it first asks the target and leaves a session it has as it
 * is ({@link Outcome#KEPT}); that check and the write are two calls, not one atomic step. The
 * keys handed over are the source's raw keys; the session id is what follows the source's prefix.
 */
public final class SessionCopy implements KeyWalk.Batches {
  private final SessionStore source;
  private final SessionStore target;
  private final String sourcePrefix;
  private final boolean overwrite;
  private final Duration timeout;
  private final Clock clock;

  /** Copies from {@code source}, whose raw keys start with {@code sourcePrefix}, to {@code target}. */
  public SessionCopy(SessionStore source, SessionStore target, String sourcePrefix,
      boolean overwrite, Duration timeout, Clock clock) {
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
    String id = rawKey.substring(sourcePrefix.length());
    return source.get(id).thenCompose(this::write);
  }

  private CompletionStage<Outcome> write(Optional<Session> found) {
    if (found.isEmpty() || found.get().isExpiredAt(clock.instant())) {
      return CompletableFuture.completedFuture(Outcome.EXPIRED);
    }
    Session session = found.get();
    if (overwrite) {
      return target.replicate(session).thenApply(done -> Outcome.COPIED);
    }
    return target.get(session.id()).thenCompose(there -> there.isPresent()
        ? CompletableFuture.completedFuture(Outcome.KEPT)
        : target.replicate(session).thenApply(done -> Outcome.COPIED));
  }
}
