package dev.switchback.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchback.ConflictException;
import dev.switchback.InvalidInputException;
import dev.switchback.sessions.Session;
import dev.switchback.sessions.spi.SessionStore;
import dev.switchback.testkit.Eventually;
import dev.switchback.testkit.Stages;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link SessionStore} promises. An adapter runs it by extending this class and
 * implementing {@link #createSessions()}; the other hooks have defaults that suit most backends.
 *
 * <p>One store serves the whole class: it is created on first use and closed after the last test.
 * Every session a test creates has a random id and a TTL of at most {@value #LONG_TTL_MINUTES}
 * minutes, so the suite can run against a shared server next to other users.
 *
 * <p>Sessions must read back exactly as written, instants to the millisecond: the migration engine
 * compares sessions from two stores, and any rounding difference would count as a mismatch.
 */
public abstract class SessionsContract extends ContractSuite<SessionStore> {

  /** The TTL, in minutes, of sessions that must not expire during a test. */
  public static final int LONG_TTL_MINUTES = 5;

  private static final Duration LONG_TTL = Duration.ofMinutes(LONG_TTL_MINUTES);

  /** For subclasses. */
  protected SessionsContract() {
    super("createSessions()");
  }

  /**
   * Creates the store under test. Called once per test class, on first use, after the subclass's
   * own {@code @BeforeAll} methods; the suite closes it after the last test.
   */
  protected abstract SessionStore createSessions();

  /**
   * A TTL short enough to wait for in a test and long enough for the backend to honour: 1 second by
   * default. Override for backends with coarser expiry, or finer to make the suite faster.
   */
  protected Duration shortTtl() {
    return Duration.ofSeconds(1);
  }

  /**
   * How far a creation or expiry instant may be from the local clock's idea of it, and how late
   * past its expiry a session may still be returned: 1 second by default.
   */
  protected Duration timeTolerance() {
    return Duration.ofSeconds(1);
  }

  /** Rounds of the two-writer race; each round must have exactly one winner. Default 50. */
  protected int concurrentUpdateRounds() {
    return 50;
  }

  /** How long one operation may take before the test fails instead of hanging: 10 seconds. */
  protected Duration operationTimeout() {
    return Duration.ofSeconds(10);
  }

  /** The store under test, created by {@link #createSessions()} on first call. */
  protected final SessionStore sessions() {
    return backend();
  }

  /** The result of {@code stage}, failing the test if it fails or takes too long. */
  protected final <T> T join(CompletionStage<T> stage) {
    return Stages.join(stage, operationTimeout());
  }

  /**
   * Why the stage returned by {@code operation} failed. Fails the test if the operation throws
   * instead of failing its stage, completes normally, or takes too long.
   */
  protected final Throwable failure(Supplier<? extends CompletionStage<?>> operation) {
    return Stages.failureOf(operation, operationTimeout());
  }

  @Override
  final SessionStore newBackend() {
    return createSessions();
  }

  @Override
  final void closeBackend(SessionStore sessions) {
    sessions.close();
  }

  @Test
  void createdSessionStartsAtVersionOneAndReadsBackExactly() {
    Instant before = Instant.now();
    Session created = join(sessions().create("user-1", Map.of("role", "admin"), LONG_TTL));
    Instant after = Instant.now();

    assertThat(created.id()).isNotEmpty();
    assertThat(created.subject()).isEqualTo("user-1");
    assertThat(created.attributes()).isEqualTo(Map.of("role", "admin"));
    assertThat(created.version()).isEqualTo(1);
    assertThat(created.ttl()).isEqualTo(LONG_TTL);
    assertThat(created.createdAt())
        .isBetween(before.minus(timeTolerance()), after.plus(timeTolerance()));
    assertThat(created.expiresAt())
        .isBetween(
            created.createdAt().plus(LONG_TTL).minus(timeTolerance()),
            created.createdAt().plus(LONG_TTL).plus(timeTolerance()));
    assertThat(join(sessions().get(created.id()))).contains(created);
  }

  @Test
  void callerChangingTheAttributeMapAfterCreateDoesNotChangeTheSession() {
    Map<String, String> attributes = new HashMap<>(Map.of("cart", "3 items"));
    Session created = join(sessions().create("user-2", attributes, LONG_TTL));
    attributes.put("cart", "emptied");

    assertThat(join(sessions().get(created.id())).orElseThrow().attributes())
        .isEqualTo(Map.of("cart", "3 items"));
  }

  @Test
  void updateReplacesAttributesAndIncrementsVersion() {
    Session created =
        join(sessions().create("user-3", Map.of("step", "1", "keep", "no"), LONG_TTL));

    Session second = join(sessions().update(created.id(), 1, Map.of("step", "2"))).orElseThrow();
    Session third = join(sessions().update(created.id(), 2, Map.of("step", "3"))).orElseThrow();

    assertThat(second.version()).isEqualTo(2);
    assertThat(third.version()).isEqualTo(3);
    assertThat(third.attributes()).isEqualTo(Map.of("step", "3"));
    assertThat(third.id()).isEqualTo(created.id());
    assertThat(third.subject()).isEqualTo(created.subject());
    assertThat(third.createdAt()).isEqualTo(created.createdAt());
    assertThat(third.ttl()).isEqualTo(created.ttl());
    assertThat(third.expiresAt()).isAfterOrEqualTo(created.expiresAt());
    assertThat(join(sessions().get(created.id()))).contains(third);
  }

  @Test
  void updateWithAStaleOrFutureVersionConflictsAndChangesNothing() {
    Session created = join(sessions().create("user-4", Map.of("a", "1"), LONG_TTL));
    Session current = join(sessions().update(created.id(), 1, Map.of("a", "2"))).orElseThrow();

    for (long wrongVersion : new long[] {1, 3, 0, -1}) {
      assertThat(failure(() -> sessions().update(created.id(), wrongVersion, Map.of("a", "lost"))))
          .as("update expecting version %d", wrongVersion)
          .isInstanceOf(ConflictException.class);
    }
    assertThat(join(sessions().get(created.id()))).contains(current);
  }

  @Test
  void concurrentUpdatesOfOneVersionHaveExactlyOneWinner() throws Exception {
    Session session = join(sessions().create("user-5", Map.of("writer", "none"), LONG_TTL));
    String id = session.id();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 1; round <= concurrentUpdateRounds(); round++) {
        CyclicBarrier start = new CyclicBarrier(2);
        long version = session.version();
        Map<String, String> fromA = Map.of("writer", "a", "round", Integer.toString(round));
        Map<String, String> fromB =
            Map.of("writer", "b", "round", Integer.toString(round), "b", "x");
        Future<Attempt> a = pool.submit(() -> attempt(start, id, version, fromA));
        Future<Attempt> b = pool.submit(() -> attempt(start, id, version, fromB));
        List<Attempt> attempts = List.of(a.get(20, TimeUnit.SECONDS), b.get(20, TimeUnit.SECONDS));

        List<Attempt> winners = attempts.stream().filter(x -> x.winner != null).toList();
        assertThat(winners).as("winners in round %d", round).hasSize(1);
        assertThat(attempts.stream().filter(x -> x.failure instanceof ConflictException))
            .as("conflicts in round %d", round)
            .hasSize(1);
        Session winner = winners.get(0).winner;
        assertThat(winner.version()).isEqualTo(version + 1);
        assertThat(winner.attributes()).isIn(fromA, fromB);
        session = join(sessions().get(id)).orElseThrow();
        assertThat(session).as("stored after round %d", round).isEqualTo(winner);
      }
    } finally {
      pool.shutdownNow();
      pool.awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void unknownIdIsAbsentFromEveryOperation() {
    String unknown = unknownId();

    assertThat(join(sessions().get(unknown))).isEmpty();
    assertThat(join(sessions().update(unknown, 1, Map.of("a", "1")))).isEmpty();
    assertThat(join(sessions().touch(unknown))).isEmpty();
    assertThat(join(sessions().delete(unknown))).isFalse();
    assertThat(join(sessions().get(unknown))).isEmpty();
  }

  @Test
  void sessionExpiresAfterItsTtl() {
    Session created = join(sessions().create("user-6", Map.of(), shortTtl()));

    awaitExpiry(() -> assertThat(join(sessions().get(created.id()))).isEmpty());
  }

  @Test
  void expiredSessionIsAbsentFromEveryOperationEvenBeforeAReadMeetsIt() {
    // One session per operation: a store may purge an expired session when an operation meets it.
    String forTouch = join(sessions().create("user-6", Map.of(), shortTtl())).id();
    String forUpdate = join(sessions().create("user-6", Map.of(), shortTtl())).id();
    String forDelete = join(sessions().create("user-6", Map.of(), shortTtl())).id();
    String sentinel = join(sessions().create("user-6", Map.of(), shortTtl())).id();

    awaitExpiry(() -> assertThat(join(sessions().get(sentinel))).isEmpty());

    assertThat(join(sessions().touch(forTouch))).isEmpty();
    assertThat(join(sessions().update(forUpdate, 1, Map.of("late", "yes")))).isEmpty();
    assertThat(join(sessions().delete(forDelete))).isFalse();
    for (String id : List.of(forTouch, forUpdate, forDelete)) {
      assertThat(join(sessions().get(id))).isEmpty();
    }
  }

  @Test
  void touchRenewsExpiryAndKeepsVersion() {
    Session created = join(sessions().create("user-7", Map.of("a", "1"), LONG_TTL));
    Session updated = join(sessions().update(created.id(), 1, Map.of("a", "2"))).orElseThrow();
    Instant before = Instant.now();

    Session touched = join(sessions().touch(created.id())).orElseThrow();

    assertThat(touched.version()).isEqualTo(2);
    assertThat(touched.attributes()).isEqualTo(updated.attributes());
    assertThat(touched.createdAt()).isEqualTo(created.createdAt());
    assertThat(touched.expiresAt())
        .isAfterOrEqualTo(updated.expiresAt())
        .isAfterOrEqualTo(before.plus(LONG_TTL).minus(timeTolerance()));
    assertThat(join(sessions().get(created.id()))).contains(touched);
  }

  @Test
  void touchingKeepsASessionAliveBeyondItsTtl() throws InterruptedException {
    Duration ttl = shortTtl().multipliedBy(4);
    Session created = join(sessions().create("user-8", Map.of(), ttl));
    Instant end = Instant.now().plus(ttl.multipliedBy(3).dividedBy(2));

    while (Instant.now().isBefore(end)) {
      Thread.sleep(shortTtl().dividedBy(2).toMillis());
      assertThat(join(sessions().touch(created.id())))
          .as("touched at %s, created at %s", Instant.now(), created.createdAt())
          .hasValueSatisfying(s -> assertThat(s.version()).isEqualTo(1));
    }
    assertThat(join(sessions().get(created.id()))).isPresent();
  }

  @Test
  void deleteRemovesTheSession() {
    Session created = join(sessions().create("user-9", Map.of(), LONG_TTL));

    assertThat(join(sessions().delete(created.id()))).isTrue();
    assertThat(join(sessions().get(created.id()))).isEmpty();
    assertThat(join(sessions().update(created.id(), 1, Map.of()))).isEmpty();
    assertThat(join(sessions().delete(created.id()))).isFalse();
  }

  @Test
  void replicateStoresTheSessionExactlyAsGiven() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Session replica =
        new Session(
            unknownId(),
            "user-10",
            Map.of("copied", "yes"),
            7,
            now.minus(Duration.ofMinutes(1)),
            now.plus(LONG_TTL).minusSeconds(30),
            LONG_TTL);

    join(sessions().replicate(replica));

    assertThat(join(sessions().get(replica.id()))).contains(replica);
    Session next =
        join(sessions().update(replica.id(), 7, Map.of("copied", "then changed"))).orElseThrow();
    assertThat(next.version()).isEqualTo(8);
  }

  @Test
  void replicateReplacesAStoredSessionWhateverItsVersion() {
    Session created = join(sessions().create("user-11", Map.of("a", "1"), LONG_TTL));
    join(sessions().update(created.id(), 1, Map.of("a", "2")));
    Session older =
        new Session(
            created.id(),
            created.subject(),
            Map.of("a", "1"),
            1,
            created.createdAt(),
            created.expiresAt(),
            created.ttl());

    join(sessions().replicate(older));

    assertThat(join(sessions().get(created.id()))).contains(older);
  }

  @Test
  void replicatingAnExpiredSessionRemovesTheStoredOne() {
    Session created = join(sessions().create("user-12", Map.of("a", "1"), LONG_TTL));
    Instant past = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
    Session expired =
        new Session(
            created.id(),
            created.subject(),
            created.attributes(),
            2,
            created.createdAt().minusSeconds(120),
            past,
            Duration.ofSeconds(60));
    Session expiredUnknown =
        new Session(
            unknownId(),
            "user-12",
            Map.of(),
            1,
            past.minusSeconds(60),
            past,
            Duration.ofSeconds(60));

    join(sessions().replicate(expired));
    join(sessions().replicate(expiredUnknown));

    assertThat(join(sessions().get(created.id()))).isEmpty();
    assertThat(join(sessions().get(expiredUnknown.id()))).isEmpty();
  }

  @Test
  void createRejectsInvalidInput() {
    Map<String, String> nullName = new HashMap<>();
    nullName.put(null, "v");
    Map<String, String> nullValue = new HashMap<>();
    nullValue.put("k", null);

    assertInvalidInput("null subject", () -> sessions().create(null, Map.of(), LONG_TTL));
    assertInvalidInput("empty subject", () -> sessions().create("", Map.of(), LONG_TTL));
    assertInvalidInput("null attributes", () -> sessions().create("u", null, LONG_TTL));
    assertInvalidInput("null attribute name", () -> sessions().create("u", nullName, LONG_TTL));
    assertInvalidInput("null attribute value", () -> sessions().create("u", nullValue, LONG_TTL));
    assertInvalidInput("null TTL", () -> sessions().create("u", Map.of(), null));
    assertInvalidInput("zero TTL", () -> sessions().create("u", Map.of(), Duration.ZERO));
    assertInvalidInput(
        "negative TTL", () -> sessions().create("u", Map.of(), Duration.ofSeconds(-1)));
  }

  @Test
  void invalidIdsFailEveryOperationWithInvalidInput() {
    for (String bad : Arrays.asList(null, "")) {
      String described = bad == null ? "null id" : "empty id";
      assertInvalidInput(described + " get", () -> sessions().get(bad));
      assertInvalidInput(described + " update", () -> sessions().update(bad, 1, Map.of()));
      assertInvalidInput(described + " touch", () -> sessions().touch(bad));
      assertInvalidInput(described + " delete", () -> sessions().delete(bad));
    }
  }

  @Test
  void updateWithInvalidAttributesFailsAndChangesNothing() {
    Session created = join(sessions().create("user-13", Map.of("a", "1"), LONG_TTL));
    Map<String, String> nullName = new HashMap<>();
    nullName.put(null, "v");
    Map<String, String> nullValue = new HashMap<>();
    nullValue.put("k", null);

    assertInvalidInput("null attributes", () -> sessions().update(created.id(), 1, null));
    assertInvalidInput("null attribute name", () -> sessions().update(created.id(), 1, nullName));
    assertInvalidInput("null attribute value", () -> sessions().update(created.id(), 1, nullValue));

    assertThat(join(sessions().get(created.id()))).contains(created);
  }

  @Test
  void replicateRejectsInvalidInput() {
    Instant now = Instant.now();

    assertInvalidInput("null session", () -> sessions().replicate(null));
    assertInvalidInput(
        "empty id",
        () ->
            sessions()
                .replicate(new Session("", "u", Map.of(), 1, now, now.plus(LONG_TTL), LONG_TTL)));
    assertInvalidInput(
        "empty subject",
        () ->
            sessions()
                .replicate(
                    new Session(unknownId(), "", Map.of(), 1, now, now.plus(LONG_TTL), LONG_TTL)));
    String unwritten = unknownId();
    assertInvalidInput(
        "version 0",
        () ->
            sessions()
                .replicate(
                    new Session(unwritten, "u", Map.of(), 0, now, now.plus(LONG_TTL), LONG_TTL)));
    assertInvalidInput(
        "zero TTL",
        () ->
            sessions()
                .replicate(
                    new Session(
                        unwritten, "u", Map.of(), 1, now, now.plus(LONG_TTL), Duration.ZERO)));

    assertThat(join(sessions().get(unwritten))).isEmpty();
  }

  @Test
  void idsAreUniqueAcrossManyCreates() {
    int count = 500;
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < count; i++) {
      ids.add(join(sessions().create("user-14", Map.of(), LONG_TTL)).id());
    }

    assertThat(ids).hasSize(count);
    assertThat(ids).allSatisfy(id -> assertThat(id).hasSizeGreaterThanOrEqualTo(16));
    ids.forEach(id -> join(sessions().delete(id)));
  }

  private Attempt attempt(
      CyclicBarrier start, String id, long version, Map<String, String> attributes)
      throws Exception {
    start.await(10, TimeUnit.SECONDS);
    CompletionStage<Optional<Session>> stage = sessions().update(id, version, attributes);
    try {
      Optional<Session> result =
          stage.toCompletableFuture().get(operationTimeout().toMillis(), TimeUnit.MILLISECONDS);
      return new Attempt(result.orElseThrow(() -> new AssertionError("session vanished")), null);
    } catch (ExecutionException e) {
      return new Attempt(null, e.getCause());
    }
  }

  private void assertInvalidInput(String description, Supplier<? extends CompletionStage<?>> op) {
    assertThat(failure(op)).as(description).isInstanceOf(InvalidInputException.class);
  }

  private void awaitExpiry(Runnable assertion) {
    Eventually.await(shortTtl().plus(timeTolerance()).multipliedBy(2).plusSeconds(2), assertion);
  }

  private static String unknownId() {
    return "switchback-contract-" + UUID.randomUUID();
  }

  /** What one of two racing writers got: the updated session or the failure. */
  private record Attempt(@Nullable Session winner, @Nullable Throwable failure) {}
}
