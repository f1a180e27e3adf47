package dev.switchback.memory.sessions;

import static java.util.Objects.requireNonNull;

import dev.switchback.ConflictException;
import dev.switchback.SwitchbackException;
import dev.switchback.spi.Pingable;
import dev.switchback.spi.support.CloseOnce;
import dev.switchback.sessions.Session;
import dev.switchback.sessions.SessionIds;
import dev.switchback.sessions.SessionInput;
import dev.switchback.sessions.spi.SessionStore;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A {@link SessionStore} held in this JVM's heap. The embedded default and the reference the other
 * session stores are compared against.
 *
 * <p><b>Ids</b> come from {@link SessionIds}: 128 random bits, base64url (22 characters),
 * unguessable and safe in cookies and URLs.
 *
 * <p><b>Time.</b> Creation and expiry instants are kept to the millisecond, as the other stores
 * keep them, so a session reads back the same from any of them. A session is expired from the
 * instant its expiry is reached; expired sessions are absent from every operation, removed when an
 * operation meets them, and swept on the writing thread after a number of creations proportional to
 * the size of the store.
 *
 * <p><b>Limits.</b> The store holds at most {@link Builder#maxSessions(int) maxSessions} sessions
 * (default {@value #DEFAULT_MAX_SESSIONS}); a session is never evicted to make room, so creating
 * one in a full store first removes expired sessions (at most once per {@link
 * #FULL_STORE_PURGE_INTERVAL}) and then fails with {@link
 * dev.switchback.BackendUnavailableException}. The subject and attributes of one session may take
 * at most {@link Builder#maxSessionBytes(int) maxSessionBytes} bytes in UTF-8 (default {@value
 * #DEFAULT_MAX_SESSION_BYTES}, the item limit of DynamoDB, so a service meets the limit in
 * development rather than in production); a larger session fails with {@link
 * dev.switchback.TooLargeException}. The number of sessions may overshoot its bound by a few when
 * many are created at once.
 *
 * <p><b>Closing.</b> After {@link #closeAsync()} the sessions are dropped and every operation fails
 * with {@link SwitchbackException}.
 *
 * <p>Thread safe. Every stage is complete when it is returned.
 */
public final class MemorySessions implements SessionStore, Pingable {

  /** The default bound on the number of sessions: 100,000. */
  public static final int DEFAULT_MAX_SESSIONS = 100_000;

  /** The default bound on the size of one session: 400 KiB, as DynamoDB's item limit. */
  public static final int DEFAULT_MAX_SESSION_BYTES = 400 * 1024;


  /** How often a full store may scan for expired sessions to make room: once a second. */
  public static final Duration FULL_STORE_PURGE_INTERVAL = Duration.ofSeconds(1);

  private final CloseOnce state = new CloseOnce("memory session store");
  private final SessionTable sessions;
  private final Clock clock;
  private final int maxSessions;
  private final int maxSessionBytes;

  private MemorySessions(Builder builder) {
    this.clock = builder.clock;
    this.maxSessions = builder.maxSessions;
    this.maxSessionBytes = builder.maxSessionBytes;
    this.sessions = new SessionTable(builder.maxSessions, FULL_STORE_PURGE_INTERVAL);
  }

  /** A store with the default settings. */
  public static MemorySessions create() {
    return builder().build();
  }

  /** A builder with the default settings. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public CompletionStage<Session> create(
      String subject, Map<String, String> attributes, Duration ttl) {
    return state.completeNow(
        () -> {
          SessionInput.requireSubject(subject);
          SessionInput.requireAttributes(attributes);
          SessionInput.requireTtl(ttl);
          SessionInput.requireSize(subject, attributes, maxSessionBytes);
          Instant now = now();
          Session session;
          do {
            session = new Session(
                SessionIds.newId(), subject, attributes, 1, now, expiry(now, ttl), ttl);
          } while (!sessions.insert(session, now));
          return session;
        });
  }

  @Override
  public CompletionStage<Optional<Session>> get(String id) {
    return state.completeNow(
        () -> Optional.ofNullable(sessions.live(SessionInput.requireId(id), now())));
  }

  @Override
  public CompletionStage<Optional<Session>> update(
      String id, long expectedVersion, Map<String, String> attributes) {
    return state.completeNow(
        () -> {
          SessionInput.requireId(id);
          SessionInput.requireAttributes(attributes);
          Instant now = now();
          Session updated =
              sessions.changeLive(
                  id,
                  now,
                  current -> {
                    if (current.version() != expectedVersion) {
                      throw new ConflictException(
                          "session is at version "
                              + current.version()
                              + ", not the expected version "
                              + expectedVersion
                              + "; read it again and retry");
                    }
                    SessionInput.requireSize(current.subject(), attributes, maxSessionBytes);
                    return renewed(current, attributes, current.version() + 1, now);
                  });
          return Optional.ofNullable(updated);
        });
  }

  @Override
  public CompletionStage<Optional<Session>> touch(String id) {
    return state.completeNow(
        () -> {
          SessionInput.requireId(id);
          Instant now = now();
          Session touched =
              sessions.changeLive(
                  id,
                  now,
                  current -> renewed(current, current.attributes(), current.version(), now));
          return Optional.ofNullable(touched);
        });
  }

  @Override
  public CompletionStage<Boolean> delete(String id) {
    return state.completeNow(() -> sessions.delete(SessionInput.requireId(id), now()));
  }

  @Override
  public CompletionStage<Void> replicate(Session session) {
    return state.completeNow(
        () -> {
          SessionInput.requireSession(session);
          SessionInput.requireSize(session.subject(), session.attributes(), maxSessionBytes);
          sessions.replace(session, now());
          return null;
        });
  }

  /**
   * Removes every expired session now instead of waiting for the sweep.
   *
   * @return the number of sessions removed
   */
  public int purgeExpired() {
    return sessions.purgeExpired(now());
  }

  /**
   * The number of sessions held, counting expired sessions that have not been removed yet. For
   * tests and diagnostics.
   */
  public int storedSessions() {
    return sessions.size();
  }

  /**
   * Drops every session. Operations started afterwards fail; calling it again returns the same
   * completed stage.
   */
  @Override
  public CompletionStage<Void> closeAsync() {
    return state.close(
        () -> {
          sessions.clear();
          return CompletableFuture.completedFuture(null);
        });
  }

  @Override
  public String toString() {
    return "MemorySessions[storedSessions="
        + sessions.size()
        + ", maxSessions="
        + maxSessions
        + "]";
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  /** {@code current} with {@code attributes} and {@code version}, its TTL counted anew from now. */
  private static Session renewed(
      Session current, Map<String, String> attributes, long version, Instant now) {
    return new Session(
        current.id(),
        current.subject(),
        attributes,
        version,
        current.createdAt(),
        expiry(now, current.ttl()),
        current.ttl());
  }

  private static Instant expiry(Instant now, Duration ttl) {
    try {
      return now.plus(ttl).truncatedTo(ChronoUnit.MILLIS);
    } catch (DateTimeException | ArithmeticException tooLong) {
      return Instant.MAX.truncatedTo(ChronoUnit.MILLIS);
    }
  }

  /** Settings of a {@link MemorySessions}. Setters check their argument and return this builder. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private int maxSessions = DEFAULT_MAX_SESSIONS;
    private int maxSessionBytes = DEFAULT_MAX_SESSION_BYTES;

    private Builder() {}

    /** The clock that decides creation and expiry; default {@link Clock#systemUTC()}. */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The most sessions held; default {@value MemorySessions#DEFAULT_MAX_SESSIONS}.
     *
     * @throws IllegalArgumentException if {@code maxSessions} is not positive
     */
    public Builder maxSessions(int maxSessions) {
      if (maxSessions < 1) {
        throw new IllegalArgumentException("maxSessions must be positive, got " + maxSessions);
      }
      this.maxSessions = maxSessions;
      return this;
    }

    /**
     * The most bytes the subject and attributes of one session may take in UTF-8; default {@value
     * MemorySessions#DEFAULT_MAX_SESSION_BYTES}.
     *
     * @throws IllegalArgumentException if {@code maxSessionBytes} is not positive
     */
    public Builder maxSessionBytes(int maxSessionBytes) {
      if (maxSessionBytes < 1) {
        throw new IllegalArgumentException(
            "maxSessionBytes must be positive, got " + maxSessionBytes);
      }
      this.maxSessionBytes = maxSessionBytes;
      return this;
    }

    /** A new, empty store with these settings. */
    public MemorySessions build() {
      return new MemorySessions(this);
    }
  }

  /** In process, so it answers while open and fails once closed. */
  @Override
  public CompletionStage<Void> ping() {
    return state.completeNow(() -> null);
  }
}
