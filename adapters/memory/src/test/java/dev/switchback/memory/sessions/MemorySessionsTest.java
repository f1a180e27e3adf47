package dev.switchback.memory.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchback.BackendUnavailableException;
import dev.switchback.ConflictException;
import dev.switchback.InvalidInputException;
import dev.switchback.SwitchbackException;
import dev.switchback.TooLargeException;
import dev.switchback.sessions.Session;
import dev.switchback.testkit.ManualClock;
import dev.switchback.testkit.Stages;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** What the memory store adds to the contract: its ids, clock, limits, sweep and close. */
final class MemorySessionsTest {
  private static final Instant START = Instant.parse("2030-01-01T00:00:00.123456789Z");
  private static final Duration TTL = Duration.ofMinutes(30);

  private final ManualClock clock = new ManualClock(START);
  private final MemorySessions sessions = MemorySessions.builder().clock(clock).build();

  @Test
  void idIsOneHundredTwentyEightRandomBitsInBase64Url() {
    Session session = create(sessions, Map.of());

    assertThat(session.id()).matches("[A-Za-z0-9_-]{22}");
  }

  @Test
  void instantsAreKeptToTheMillisecond() {
    Session session = create(sessions, Map.of());

    assertThat(session.createdAt()).isEqualTo(Instant.parse("2030-01-01T00:00:00.123Z"));
    assertThat(session.expiresAt()).isEqualTo(session.createdAt().plus(TTL));
  }

  @Test
  void sessionIsLiveUntilTheInstantItExpires() {
    Session session = create(sessions, Map.of());

    clock.advance(TTL.minusMillis(1));
    assertThat(join(sessions.get(session.id()))).isPresent();
    clock.advance(Duration.ofMillis(1));
    assertThat(join(sessions.get(session.id()))).isEmpty();
  }

  @Test
  void touchAndUpdateRenewExpiryFromTheClock() {
    Session session = create(sessions, Map.of());

    clock.advance(Duration.ofMinutes(10));
    Session touched = join(sessions.touch(session.id())).orElseThrow();
    clock.advance(Duration.ofMinutes(10));
    Session updated = join(sessions.update(session.id(), 1, Map.of("a", "b"))).orElseThrow();

    assertThat(touched.expiresAt()).isEqualTo(session.expiresAt().plus(Duration.ofMinutes(10)));
    assertThat(updated.expiresAt()).isEqualTo(session.expiresAt().plus(Duration.ofMinutes(20)));
    clock.advance(TTL.minusMillis(1));
    assertThat(join(sessions.get(session.id()))).contains(updated);
  }

  @Test
  void conflictMessageGivesBothVersionsButNotTheId() {
    Session session = create(sessions, Map.of());
    join(sessions.update(session.id(), 1, Map.of()));

    Throwable conflict = failure(() -> sessions.update(session.id(), 1, Map.of()));

    assertThat(conflict)
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("version 2")
        .hasMessageContaining("version 1")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(session.id()));
  }

  @Test
  void invalidCreateWritesNothing() {
    failure(() -> sessions.create("", Map.of(), TTL));
    failure(() -> sessions.create("u", Map.of(), Duration.ZERO));

    assertThat(sessions.storedSessions()).isZero();
  }

  @Test
  void fullStoreRefusesNewSessionsUntilSomeExpire() {
    MemorySessions small = MemorySessions.builder().clock(clock).maxSessions(2).build();
    create(small, Map.of());
    create(small, Map.of());

    assertThat(failure(() -> small.create("u", Map.of(), TTL)))
        .isInstanceOf(BackendUnavailableException.class)
        .hasMessageContaining("full");
    clock.advance(TTL);
    create(small, Map.of());

    assertThat(small.storedSessions()).isEqualTo(1);
  }

  @Test
  void fullStoreStillReplacesAStoredSession() {
    MemorySessions small = MemorySessions.builder().clock(clock).maxSessions(1).build();
    Session stored = create(small, Map.of("a", "1"));
    Session replacement =
        new Session(
            stored.id(),
            stored.subject(),
            Map.of("a", "2"),
            5,
            stored.createdAt(),
            stored.expiresAt(),
            stored.ttl());

    join(small.replicate(replacement));

    assertThat(join(small.get(stored.id()))).contains(replacement);
  }

  @Test
  void tooLargeSessionIsRefusedAndNothingIsWritten() {
    MemorySessions small = MemorySessions.builder().clock(clock).maxSessionBytes(10).build();
    Session stored = create(small, Map.of("k", "v"));

    assertThat(failure(() -> small.create("u", Map.of("k", "0123456789"), TTL)))
        .isInstanceOf(TooLargeException.class);
    assertThat(failure(() -> small.update(stored.id(), 1, Map.of("k", "0123456789"))))
        .isInstanceOf(TooLargeException.class);
    assertThat(
            failure(
                () ->
                    small.replicate(
                        new Session(
                            "other",
                            "u",
                            Map.of("k", "0123456789"),
                            1,
                            START,
                            START.plus(TTL),
                            TTL))))
        .isInstanceOf(TooLargeException.class);

    assertThat(small.storedSessions()).isEqualTo(1);
    assertThat(join(small.get(stored.id()))).contains(stored);
  }

  @Test
  void sizeIsCountedInUtf8Bytes() {
    MemorySessions small = MemorySessions.builder().clock(clock).maxSessionBytes(4).build();

    join(small.create("u", Map.of("k", "ü"), TTL));
    assertThat(failure(() -> small.create("u", Map.of("k", "üü"), TTL)))
        .isInstanceOf(TooLargeException.class);
  }

  @Test
  void sweepKeepsExpiredSessionsFromAccumulating() {
    int rounds = 20;
    int perRound = 1_000;
    for (int round = 0; round < rounds; round++) {
      for (int i = 0; i < perRound; i++) {
        join(sessions.create("u", Map.of(), Duration.ofSeconds(1)));
      }
      clock.advance(Duration.ofSeconds(2));
    }

    assertThat(sessions.storedSessions()).isLessThanOrEqualTo(perRound + 2 * 1024);
  }

  @Test
  void purgeExpiredRemovesOnlyExpiredSessions() {
    join(sessions.create("u", Map.of(), Duration.ofSeconds(1)));
    join(sessions.create("u", Map.of(), Duration.ofSeconds(1)));
    Session kept = create(sessions, Map.of());
    clock.advance(Duration.ofSeconds(1));

    assertThat(sessions.purgeExpired()).isEqualTo(2);
    assertThat(sessions.storedSessions()).isEqualTo(1);
    assertThat(join(sessions.get(kept.id()))).contains(kept);
  }

  @Test
  void closedStoreDropsItsSessionsAndFailsEveryOperation() {
    Session session = create(sessions, Map.of());
    CompletionStage<Void> closed = sessions.closeAsync();

    assertThat((Object) sessions.closeAsync()).isSameAs(closed);
    assertThat(sessions.storedSessions()).isZero();
    assertClosed(() -> sessions.create("u", Map.of(), TTL));
    assertClosed(() -> sessions.get(session.id()));
    assertClosed(() -> sessions.update(session.id(), 1, Map.of()));
    assertClosed(() -> sessions.touch(session.id()));
    assertClosed(() -> sessions.delete(session.id()));
    assertClosed(() -> sessions.replicate(session));
  }

  @Test
  void builderRejectsBadSettings() {
    assertThatThrownBy(() -> MemorySessions.builder().maxSessions(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxSessions");
    assertThatThrownBy(() -> MemorySessions.builder().maxSessionBytes(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxSessionBytes");
    assertThatThrownBy(() -> MemorySessions.builder().clock(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("clock");
  }

  @Test
  void invalidInputFailsTheStageWithoutThrowing() {
    assertThat(failure(() -> sessions.replicate(null))).isInstanceOf(InvalidInputException.class);
    assertThat(failure(() -> sessions.update(null, 1, Map.of())))
        .isInstanceOf(InvalidInputException.class);
  }

  private static Session create(MemorySessions store, Map<String, String> attributes) {
    return join(store.create("user", attributes, TTL));
  }

  private static Throwable failure(Supplier<? extends CompletionStage<?>> operation) {
    CompletionStage<?> stage = operation.get();
    assertThat(stage.toCompletableFuture()).isCompletedExceptionally();
    return Stages.failureOf(stage, Duration.ZERO);
  }

  private static void assertClosed(Supplier<? extends CompletionStage<?>> operation) {
    assertThat(failure(operation))
        .isExactlyInstanceOf(SwitchbackException.class)
        .hasMessageContaining("closed");
  }

  private static <T> T join(CompletionStage<T> stage) {
    return stage.toCompletableFuture().join();
  }
}
