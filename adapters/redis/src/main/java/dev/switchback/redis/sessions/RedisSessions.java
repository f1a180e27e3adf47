package dev.switchback.redis.sessions;

import static java.util.Objects.requireNonNull;

import dev.switchback.ConflictException;
import dev.switchback.SwitchbackException;
import dev.switchback.TooLargeException;
import dev.switchback.redis.RedisConnection;
import dev.switchback.redis.internal.LuaScript;
import dev.switchback.redis.internal.RedisCalls;
import dev.switchback.sessions.Session;
import dev.switchback.sessions.SessionIds;
import dev.switchback.sessions.SessionInput;
import dev.switchback.sessions.spi.SessionStore;
import dev.switchback.spi.Pingable;
import dev.switchback.spi.support.CloseOnce;
import io.lettuce.core.ScriptOutputType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A {@link SessionStore} in Redis, on a {@link RedisConnection} it owns (closing the store closes
 * the connection).
 *
 * <p><b>Layout.</b> One Redis hash per session, key {@code <keyPrefix><id>} (prefix {@value
 * #DEFAULT_KEY_PREFIX} by default), with the fields described in {@link SessionHash}: subject,
 * version, creation and expiry instants in epoch milliseconds, the TTL, and one field {@code
 * a:<name>} per attribute. The key expires in Redis at the session's expiry ({@code PEXPIREAT}),
 * so Redis drops sessions nobody touches; a session past its expiry by this store's clock is
 * absent from every operation even if Redis has not dropped it yet.
 *
 * <p><b>Ids</b> come from {@link SessionIds}, as in every store. {@code create} never
 * overwrites: it stores the session only if its key is free, and draws a new id otherwise.
 *
 * <p><b>Atomicity.</b> {@code create}, {@code update}, {@code touch}, {@code delete} and {@code
 * replicate} are each one Lua script on one key, so they are atomic on a standalone server and on
 * a cluster: two updates expecting the same version never both succeed, the loser gets a {@link
 * ConflictException}. {@code get} is one {@code HGETALL}.
 *
 * <p><b>Time</b> is this store's clock (epoch milliseconds, passed to the scripts), not the
 * server's, and instants are kept to the millisecond, so sessions read back the same as from the
 * memory store. An expiry beyond {@link SessionHash#MAX_EXPIRY} (the end of year 9999) is capped.
 *
 * <p><b>Size.</b> The subject and attributes of one session may take at most {@code
 * maxSessionBytes} in UTF-8 (default {@value #DEFAULT_MAX_SESSION_BYTES}, as the memory store and
 * DynamoDB); a larger session fails with {@link TooLargeException} and nothing is written: checked
 * before sending, and for an update (whose subject only the server knows) again in the script
 * before it changes anything.
 *
 * <p>Thread safe. Stages complete on Lettuce's I/O threads: do not block in their callbacks.
 */
public final class RedisSessions implements SessionStore, Pingable {

  /** The default prefix of session keys: {@value}. */
  public static final String DEFAULT_KEY_PREFIX = "switchback:session:";

  /** The default bound on the size of one session: 400 KiB, as DynamoDB's item limit. */
  public static final int DEFAULT_MAX_SESSION_BYTES = 400 * 1024;


  /** How many fresh ids {@code create} tries when the drawn one is taken: 3. */
  public static final int CREATE_ATTEMPTS = 3;


  private final CloseOnce state = new CloseOnce("redis session store");
  private final RedisConnection connection;
  private final RedisCalls calls;
  private final String keyPrefix;
  private final int maxSessionBytes;
  private final Clock clock;

  private RedisSessions(Builder builder) {
    this.connection = builder.connection;
    this.calls = new RedisCalls(state, builder.connection);
    this.keyPrefix = builder.keyPrefix;
    this.maxSessionBytes = builder.maxSessionBytes;
    this.clock = builder.clock;
  }

  /** A builder for a store on {@code connection}, which the store then owns. */
  public static Builder builder(RedisConnection connection) {
    return new Builder(connection);
  }

  @Override
  public CompletionStage<Session> create(
      String subject, Map<String, String> attributes, Duration ttl) {
    return calls.run(
        "sessions create",
        () -> {
          SessionInput.requireSubject(subject);
          SessionInput.requireAttributes(attributes);
          SessionInput.requireTtl(ttl);
          SessionInput.requireSize(subject, attributes, maxSessionBytes);
          Instant now = now();
          Map<String, String> copy = Map.copyOf(attributes);
          return createWithFreshId(subject, copy, ttl, now, 1);
        });
  }

  @Override
  public CompletionStage<Optional<Session>> get(String id) {
    return calls.run(
        "sessions get",
        () -> {
          String key = key(id);
          Instant now = now();
          return connection
              .commands()
              .hgetall(key)
              .thenApply(
                  fields -> {
                    if (fields == null || fields.isEmpty()) {
                      return Optional.<Session>empty();
                    }
                    Session session = SessionHash.decode(id, fields);
                    return session.isExpiredAt(now)
                        ? Optional.<Session>empty()
                        : Optional.of(session);
                  });
        });
  }

  @Override
  public CompletionStage<Optional<Session>> update(
      String id, long expectedVersion, Map<String, String> attributes) {
    return calls.run(
        "sessions update",
        () -> {
          String key = key(id);
          SessionInput.requireAttributes(attributes);
          Map<String, String> copy = Map.copyOf(attributes);
          List<byte[]> attributeArgs = SessionHash.attributeArguments(copy);
          long attributeBytes = attributeArgs.stream().mapToLong(b -> b.length).sum()
              - (long) SessionHash.ATTRIBUTE.length() * copy.size();
          if (attributeBytes > maxSessionBytes) {
            throw tooLarge(attributeBytes);
          }
          Instant now = now();
          List<byte[]> args = new ArrayList<>(4 + attributeArgs.size());
          args.add(SessionHash.number(now.toEpochMilli()));
          args.add(SessionHash.number(expectedVersion));
          args.add(SessionHash.number(maxSessionBytes - attributeBytes));
          args.add(SessionHash.number(SessionHash.MAX_EXPIRY.toEpochMilli()));
          args.addAll(attributeArgs);
          return this.<List<Object>>script(
                  SessionScripts.UPDATE,
                  ScriptOutputType.MULTI,
                  key,
                  args.toArray(byte[][]::new))
              .thenApply(reply -> updated(id, expectedVersion, copy, attributeBytes, reply));
        });
  }

  @Override
  public CompletionStage<Optional<Session>> touch(String id) {
    return calls.run(
        "sessions touch",
        () -> {
          String key = key(id);
          Instant now = now();
          return this.<List<Object>>script(
                  SessionScripts.TOUCH,
                  ScriptOutputType.MULTI,
                  key,
                  SessionHash.number(now.toEpochMilli()),
                  SessionHash.number(SessionHash.MAX_EXPIRY.toEpochMilli()))
              .thenApply(
                  flat ->
                      flat == null || flat.isEmpty()
                          ? Optional.<Session>empty()
                          : Optional.of(SessionHash.decodeFlat(id, flat)));
        });
  }

  @Override
  public CompletionStage<Boolean> delete(String id) {
    return calls.run(
        "sessions delete",
        () -> {
          String key = key(id);
          return this.<Long>script(
                  SessionScripts.DELETE,
                  ScriptOutputType.INTEGER,
                  key,
                  SessionHash.number(now().toEpochMilli()))
              .thenApply(deleted -> deleted != null && deleted == 1L);
        });
  }

  @Override
  public CompletionStage<Void> replicate(Session session) {
    return calls.run(
        "sessions replicate",
        () -> {
          SessionInput.requireSession(session);
          SessionInput.requireSize(session.subject(), session.attributes(), maxSessionBytes);
          String key = key(session.id());
          if (session.isExpiredAt(now())) {
            return connection.commands().del(key).thenApply(removed -> (Void) null);
          }
          return this.<Long>script(
                  SessionScripts.REPLACE,
                  ScriptOutputType.INTEGER,
                  key,
                  SessionHash.arguments(session))
              .thenApply(done -> (Void) null);
        });
  }

  /** The prefix put in front of every session id in Redis. */
  public String keyPrefix() {
    return keyPrefix;
  }

  /**
   * Closes the connection. Operations started afterwards fail with {@link SwitchbackException};
   * calling it again returns the same stage.
   */
  /** A {@code PING} on the connection. */
  @Override
  public CompletionStage<Void> ping() {
    return calls.ping();
  }

  @Override
  public CompletionStage<Void> closeAsync() {
    return state.close(connection::closeAsync);
  }

  @Override
  public String toString() {
    return "RedisSessions[" + connection.endpoint() + ", keyPrefix='" + keyPrefix
        + "', maxSessionBytes=" + maxSessionBytes + "]";
  }

  private CompletionStage<Session> createWithFreshId(
      String subject, Map<String, String> attributes, Duration ttl, Instant now, int attempt) {
    Session session =
        new Session(
            SessionIds.newId(), subject, attributes, 1, now, SessionHash.expiry(now, ttl), ttl);
    return this.<Long>script(
            SessionScripts.CREATE,
            ScriptOutputType.INTEGER,
            key(session.id()),
            SessionHash.arguments(session))
        .thenCompose(
            created -> {
              if (created != null && created == 1L) {
                return CompletableFuture.completedFuture(session);
              }
              if (attempt >= CREATE_ATTEMPTS) {
                throw new SwitchbackException(
                    "could not find a free session id in " + CREATE_ATTEMPTS + " attempts");
              }
              return createWithFreshId(subject, attributes, ttl, now, attempt + 1);
            });
  }

  private Optional<Session> updated(
      String id,
      long expectedVersion,
      Map<String, String> attributes,
      long attributeBytes,
      List<Object> reply) {
    long status = reply.isEmpty() ? Long.MIN_VALUE : number(reply.get(0));
    if (status == 0) {
      return Optional.empty();
    }
    if (status == -1 && reply.size() == 2) {
      throw new ConflictException(
          "session is at version " + number(reply.get(1)) + ", not the expected version "
              + expectedVersion + "; read it again and retry");
    }
    if (status == -2 && reply.size() == 2) {
      throw tooLarge(number(reply.get(1)) + attributeBytes);
    }
    if (status != 1 || reply.size() != 6
        || !(reply.get(3) instanceof byte[] subject)
        || !(reply.get(4) instanceof byte[] created)
        || !(reply.get(5) instanceof byte[] ttl)) {
      throw SessionHash.malformed("an update reply of an unexpected shape");
    }
    try {
      return Optional.of(
          new Session(
              id,
              SessionHash.text(subject),
              attributes,
              number(reply.get(1)),
              Instant.ofEpochMilli(Long.parseLong(SessionHash.text(created))),
              Instant.ofEpochMilli(number(reply.get(2))),
              Duration.parse(SessionHash.text(ttl))));
    } catch (RuntimeException e) {
      throw SessionHash.malformed(e.getClass().getSimpleName());
    }
  }

  private TooLargeException tooLarge(long bytes) {
    return new TooLargeException(
        "session subject and attributes take " + bytes + " bytes; the limit is "
            + maxSessionBytes);
  }

  private static long number(Object value) {
    if (value instanceof Long number) {
      return number;
    }
    throw SessionHash.malformed("a number expected");
  }

  private <T> CompletionStage<T> script(
      LuaScript script, ScriptOutputType type, String key, byte[]... args) {
    return script.run(connection.commands(), type, new String[] {key}, args);
  }

  private String key(String id) {
    return keyPrefix + SessionInput.requireId(id);
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  /** Settings of a {@link RedisSessions}; setters check their argument and return this builder. */
  public static final class Builder {
    private final RedisConnection connection;
    private String keyPrefix = DEFAULT_KEY_PREFIX;
    private int maxSessionBytes = DEFAULT_MAX_SESSION_BYTES;
    private Clock clock = Clock.systemUTC();

    private Builder(RedisConnection connection) {
      this.connection = requireNonNull(connection, "connection");
    }

    /** Put in front of every session id in Redis; default {@value #DEFAULT_KEY_PREFIX}. */
    public Builder keyPrefix(String keyPrefix) {
      this.keyPrefix = requireNonNull(keyPrefix, "keyPrefix");
      return this;
    }

    /**
     * The most bytes the subject and attributes of one session may take in UTF-8; default
     * {@value RedisSessions#DEFAULT_MAX_SESSION_BYTES}.
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

    /** The clock that decides creation and expiry; default UTC system clock. */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /** The store. */
    public RedisSessions build() {
      return new RedisSessions(this);
    }
  }
}
