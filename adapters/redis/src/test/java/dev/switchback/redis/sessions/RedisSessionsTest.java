package dev.switchback.redis.sessions;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchback.ConflictException;
import dev.switchback.TooLargeException;
import dev.switchback.redis.RawRedis;
import dev.switchback.redis.TestConnections;
import dev.switchback.sessions.Session;
import dev.switchback.testkit.ManualClock;
import dev.switchback.testkit.Stages;
import dev.switchback.testkit.servers.LocalRedis;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the Redis session store adds to the contract: its layout on the server, expiry by its own
 * clock, size checks that write nothing, and atomic updates across connections. Each test has a
 * dedicated, empty Redis, so "nothing written" is checked on the server itself.
 */
final class RedisSessionsTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Duration TTL = Duration.ofMinutes(5);
  private static final String PREFIX = RedisSessions.DEFAULT_KEY_PREFIX;

  private LocalRedis redis;
  private RawRedis raw;

  @BeforeEach
  void startServer() {
    redis = LocalRedis.start();
    raw = RawRedis.to(redis);
  }

  @AfterEach
  void stopServer() {
    raw.close();
    redis.close();
  }

  @Test
  void sessionPastItsExpiryByTheStoreClockIsAbsentThoughRedisStillHoldsIt() {
    ManualClock clock = new ManualClock(Instant.now());
    try (RedisSessions sessions = store(b -> b.clock(clock))) {
      Session session = join(sessions.create("user", Map.of("a", "1"), Duration.ofMinutes(1)));

      clock.advance(Duration.ofMinutes(2));

      assertThat(raw.sync().exists(PREFIX + session.id())).isEqualTo(1L);
      assertThat(join(sessions.get(session.id()))).isEmpty();
      assertThat(join(sessions.touch(session.id()))).isEmpty();
      assertThat(join(sessions.update(session.id(), 1, Map.of("a", "2")))).isEmpty();
      assertThat(join(sessions.delete(session.id()))).isFalse();
    }
  }

  @Test
  void keyExpiresInRedisAtTheSessionExpiryAndMovesWithTouch() {
    ManualClock clock = new ManualClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    try (RedisSessions sessions = store(b -> b.clock(clock))) {
      Session session = join(sessions.create("user", Map.of(), Duration.ofMinutes(1)));
      long firstExpiry = raw.sync().pexpiretime(PREFIX + session.id());

      clock.advance(Duration.ofSeconds(30));
      Session touched = join(sessions.touch(session.id())).orElseThrow();

      assertThat(firstExpiry).isEqualTo(session.expiresAt().toEpochMilli());
      assertThat(raw.sync().pexpiretime(PREFIX + session.id()))
          .isEqualTo(touched.expiresAt().toEpochMilli())
          .isEqualTo(firstExpiry + 30_000);
    }
  }

  @Test
  void oversizedSessionIsRefusedAndNothingIsWritten() {
    try (RedisSessions sessions = store(b -> b.maxSessionBytes(16))) {
      Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
      Session big =
          new Session("replica-id", "user", Map.of("k", "0123456789ab"), 1, now, now.plus(TTL),
              TTL);

      assertThat(failure(sessions.create("user", Map.of("k", "0123456789ab"), TTL)))
          .isInstanceOf(TooLargeException.class);
      assertThat(failure(sessions.replicate(big))).isInstanceOf(TooLargeException.class);

      assertThat(raw.dbsize()).isZero();
    }
  }

  @Test
  void updateMadeTooLargeByTheStoredSubjectIsRefusedAndChangesNothing() {
    try (RedisSessions sessions = store(b -> b.maxSessionBytes(16))) {
      Session session = join(sessions.create("0123456789", Map.of("a", "1"), TTL));

      // 9 bytes of attributes fit alone; with the 10-byte subject the server holds they do not.
      Throwable failure = failure(sessions.update(session.id(), 1, Map.of("k", "12345678")));
      Throwable alone = failure(sessions.update(session.id(), 1, Map.of("k", "0123456789abcdef")));

      assertThat(failure)
          .isInstanceOf(TooLargeException.class)
          .hasMessageContaining("19 bytes")
          .hasMessageNotContaining(session.id());
      assertThat(alone).isInstanceOf(TooLargeException.class);
      assertThat(join(sessions.get(session.id()))).contains(session);
    }
  }

  @Test
  void conflictSaysBothVersionsAndNeverTheSessionId() {
    try (RedisSessions sessions = store(b -> b)) {
      Session session = join(sessions.create("user", Map.of(), TTL));
      join(sessions.update(session.id(), 1, Map.of("a", "1")));

      assertThat(failure(sessions.update(session.id(), 1, Map.of("a", "lost"))))
          .isInstanceOf(ConflictException.class)
          .hasMessageContaining("version 2")
          .hasMessageContaining("expected version 1")
          .hasMessageNotContaining(session.id());
    }
  }

  @Test
  void writersOnTwoConnectionsRacingOneVersionHaveExactlyOneWinner() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (RedisSessions first = store(b -> b);
        RedisSessions second = store(b -> b)) {
      String id = join(first.create("user", Map.of("writer", "none"), TTL)).id();
      long version = 1;
      for (int round = 1; round <= 30; round++, version++) {
        long expected = version;
        CyclicBarrier start = new CyclicBarrier(2);
        Future<Optional<Throwable>> a =
            pool.submit(() -> race(start, first, id, expected, "a"));
        Future<Optional<Throwable>> b =
            pool.submit(() -> race(start, second, id, expected, "b"));
        List<Optional<Throwable>> results = List.of(a.get(20, TimeUnit.SECONDS),
            b.get(20, TimeUnit.SECONDS));

        assertThat(results.stream().filter(Optional::isEmpty)).as("winners").hasSize(1);
        assertThat(results.stream().flatMap(Optional::stream))
            .as("losers")
            .singleElement()
            .isInstanceOf(ConflictException.class);
        assertThat(join(second.get(id)).orElseThrow().version()).isEqualTo(expected + 1);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void createScriptRefusesAnIdThatIsTaken() {
    try (RedisSessions sessions = store(b -> b)) {
      Session session = join(sessions.create("user", Map.of("a", "1"), TTL));
      Session other =
          new Session(session.id(), "intruder", Map.of(), 1, session.createdAt(),
              session.expiresAt(), TTL);
      var connection = TestConnections.open(redis.uri());
      try {
        Long created =
            Stages.join(
                SessionScripts.CREATE.<Long>run(
                    connection.commands(),
                    ScriptOutputType.INTEGER,
                    new String[] {PREFIX + session.id()},
                    SessionHash.arguments(other)),
                WAIT);
        assertThat(created).isZero();
      } finally {
        connection.close();
      }
      assertThat(join(sessions.get(session.id()))).contains(session);
    }
  }

  @Test
  void storedHashHoldsTheDocumentedFields() {
    try (RedisSessions sessions = store(b -> b)) {
      Session session = join(sessions.create("user-7", Map.of("cart", "3 items"), TTL));

      Map<String, byte[]> hash = raw.hgetall(PREFIX + session.id());

      assertThat(hash.keySet())
          .containsExactlyInAnyOrder(
              "subject", "version", "created", "expires", "ttl", "ttl-ms", "a:cart");
      assertThat(text(hash, "subject")).isEqualTo("user-7");
      assertThat(text(hash, "version")).isEqualTo("1");
      assertThat(text(hash, "created")).isEqualTo(Long.toString(session.createdAt().toEpochMilli()));
      assertThat(text(hash, "expires")).isEqualTo(Long.toString(session.expiresAt().toEpochMilli()));
      assertThat(text(hash, "ttl")).isEqualTo("PT5M");
      assertThat(text(hash, "ttl-ms")).isEqualTo("300000");
      assertThat(text(hash, "a:cart")).isEqualTo("3 items");
    }
  }

  private Optional<Throwable> race(
      CyclicBarrier start, RedisSessions store, String id, long version, String writer)
      throws Exception {
    start.await(10, TimeUnit.SECONDS);
    try {
      store.update(id, version, Map.of("writer", writer)).toCompletableFuture()
          .get(10, TimeUnit.SECONDS);
      return Optional.empty();
    } catch (ExecutionException e) {
      return Optional.of(e.getCause());
    }
  }

  private RedisSessions store(java.util.function.UnaryOperator<RedisSessions.Builder> settings) {
    return settings.apply(RedisSessions.builder(TestConnections.open(redis.uri()))).build();
  }

  private static <T> T join(java.util.concurrent.CompletionStage<T> stage) {
    return Stages.join(stage, WAIT);
  }

  private static Throwable failure(java.util.concurrent.CompletionStage<?> stage) {
    return Stages.failureOf(stage, WAIT);
  }

  private static String text(Map<String, byte[]> hash, String field) {
    return new String(hash.get(field), UTF_8);
  }
}
