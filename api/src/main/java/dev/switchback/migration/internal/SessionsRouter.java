package dev.switchback.migration.internal;

import dev.switchback.sessions.Session;
import dev.switchback.sessions.SessionIds;
import dev.switchback.sessions.SessionInput;
import dev.switchback.sessions.spi.SessionStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;

/**
 * {@link dev.switchback.sessions.Sessions} over an old and a new store, routed by the
 * migration's stage (see {@link KeyedRouting}). Every write is mirrored as the resulting session
 * (id, version, expiry) with {@link SessionStore#replicate}, so both stores agree on versions and
 * optimistic concurrency keeps working after the switch. Where the new store answers and lacks a
 * session the old one has, the session is copied across first (copy-on-read), so updating or
 * touching a session created before live works.
 *
 * <p>During a migration the router makes new sessions itself (random 128-bit ids, version 1) and
 * stores them with {@code replicate} on both sides, so a session's id is known before it is
 * written and it routes like any other key.
 */
public final class SessionsRouter implements SessionStore {
  private final KeyedRouting<SessionStore> routing;
  private final Clock clock;

  public SessionsRouter(
      StageController controller,
      SessionStore oldStore,
      SessionStore newStore,
      ScheduledExecutorService scheduler,
      Clock clock) {
    this.clock = clock;
    this.routing = new KeyedRouting<>(controller, oldStore, newStore, SessionsRouter::copy, scheduler);
  }

  @Override
  public CompletionStage<Session> create(
      String subject, Map<String, String> attributes, Duration ttl) {
    // The router makes the session (a 128-bit random id, version 1) so that its id is known
    // before the write and routes like every other key; both stores then store it as made.
    Session session;
    try {
      session = newSession(subject, attributes, ttl);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return replicate(session).thenApply(v -> session);
  }

  @Override
  public CompletionStage<Optional<Session>> get(String id) {
    return KeyedRouting.checked(
        () -> SessionInput.requireId(id),
        () -> routing.read(id, s -> s.get(id), SessionsRouter::same, Optional::isEmpty));
  }

  @Override
  public CompletionStage<Optional<Session>> update(
      String id, long expectedVersion, Map<String, String> attributes) {
    return KeyedRouting.checked(
        () -> {
          SessionInput.requireId(id);
          SessionInput.requireAttributes(attributes);
        },
        () -> ensureReadable(id)
            .thenCompose(
                x -> routing.write(
                    id,
                    s -> s.update(id, expectedVersion, attributes),
                    (other, updated) -> updated.map(other::replicate).orElse(null))));
  }

  @Override
  public CompletionStage<Optional<Session>> touch(String id) {
    return KeyedRouting.checked(
        () -> SessionInput.requireId(id),
        () -> ensureReadable(id)
            .thenCompose(
                x -> routing.write(
                    id, s -> s.touch(id), (other, touched) -> touched.map(other::replicate).orElse(null))));
  }

  @Override
  public CompletionStage<Boolean> delete(String id) {
    return KeyedRouting.checked(
        () -> SessionInput.requireId(id),
        () -> routing.write(id, s -> s.delete(id), (other, deleted) -> other.delete(id)));
  }

  @Override
  public CompletionStage<Void> replicate(Session session) {
    return KeyedRouting.checked(
        () -> SessionInput.requireSession(session),
        () -> routing.write(
            session.id(), s -> s.replicate(session), (other, v) -> other.replicate(session)));
  }

  @Override
  public CompletionStage<Void> closeAsync() {
    routing.close();
    return CompletableFuture.completedFuture(null);
  }

  /**
   * Where the new store answers, a read first, so a session only the old store has is copied
   * into the new one before it is changed there.
   */
  private CompletionStage<?> ensureReadable(String id) {
    return routing.copiesOnReadFor(id)
        ? get(id)
        : CompletableFuture.completedFuture(null);
  }

  private Session newSession(String subject, Map<String, String> attributes, Duration ttl) {
    SessionInput.requireSubject(subject);
    SessionInput.requireAttributes(attributes);
    SessionInput.requireTtl(ttl);
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    return new Session(
        SessionIds.newId(),
        subject,
        attributes,
        1,
        now,
        now.plus(ttl),
        ttl);
  }

  /** Versions, subjects and attributes must agree; expiry is compared to the second (TTL stores). */
  private static boolean same(Optional<Session> a, Optional<Session> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return a.isEmpty() && b.isEmpty();
    }
    Session x = a.get();
    Session y = b.get();
    return x.version() == y.version()
        && x.subject().equals(y.subject())
        && x.attributes().equals(y.attributes())
        && Objects.equals(x.expiresAt().getEpochSecond(), y.expiresAt().getEpochSecond());
  }

  private static CompletionStage<Void> copy(
      String id, SessionStore from, SessionStore to, boolean deleteIfAbsent) {
    return from.get(id)
        .thenCompose(
            s -> s.isPresent()
                ? to.replicate(s.get())
                : deleteIfAbsent
                    ? to.delete(id).thenApply(x -> (Void) null)
                    : CompletableFuture.<Void>completedFuture(null));
  }
}
