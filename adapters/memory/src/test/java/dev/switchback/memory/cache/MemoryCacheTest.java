package dev.switchback.memory.cache;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchback.SwitchbackException;
import dev.switchback.cache.CacheEntry;
import dev.switchback.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** What the memory cache adds to the contract: its clock, its bound, its sweep, its close. */
final class MemoryCacheTest {
  private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");
  private static final byte[] VALUE = "value".getBytes(UTF_8);

  private final ManualClock clock = new ManualClock(START);
  private final MemoryCache cache = MemoryCache.builder().clock(clock).build();

  @Test
  void entryIsLiveUntilTheInstantItsTtlEnds() {
    put(cache, "k", Duration.ofSeconds(10));

    clock.advance(Duration.ofMillis(9_999));
    assertThat(join(cache.get("k"))).isPresent();
    clock.advance(Duration.ofMillis(1));
    assertThat(join(cache.get("k"))).isEmpty();
    assertThat(join(cache.getEntry("k"))).isEmpty();
  }

  @Test
  void expiryIsReportedFromTheInjectedClock() {
    put(cache, "k", Duration.ofSeconds(10));

    CacheEntry entry = join(cache.getEntry("k")).orElseThrow();
    assertThat(entry.expiresAt()).isEqualTo(START.plusSeconds(10));
    assertThat(entry.remainingTtl(clock.instant())).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void ttlBelowOneMillisecondIsRoundedUpNotDown() {
    put(cache, "k", Duration.ofNanos(1));

    assertThat(join(cache.getEntry("k")).orElseThrow().expiresAt()).isEqualTo(START.plusMillis(1));
    clock.advance(Duration.ofMillis(1));
    assertThat(join(cache.get("k"))).isEmpty();
  }

  @Test
  void ttlTooLongToRepresentIsCappedInsteadOfOverflowing() {
    put(cache, "k", Duration.ofSeconds(Long.MAX_VALUE));

    clock.advance(Duration.ofDays(365L * 1000));
    assertThat(join(cache.getEntry("k")).orElseThrow().expiresAt()).isAfter(clock.instant());
  }

  @Test
  void expiredEntryIsAbsentBeforePurgeAndRemovedWhenRead() {
    put(cache, "k", Duration.ofSeconds(1));
    clock.advance(Duration.ofSeconds(2));

    assertThat(cache.storedEntries()).isEqualTo(1);
    assertThat(join(cache.get("k"))).isEmpty();
    assertThat(cache.storedEntries()).isZero();
  }

  @Test
  void purgeExpiredRemovesOnlyExpiredEntries() {
    put(cache, "short-1", Duration.ofSeconds(1));
    put(cache, "short-2", Duration.ofSeconds(1));
    put(cache, "long", Duration.ofMinutes(1));
    put(cache, "forever", null);
    clock.advance(Duration.ofSeconds(1));

    assertThat(cache.purgeExpired()).isEqualTo(2);
    assertThat(cache.storedEntries()).isEqualTo(2);
    assertThat(join(cache.get("long"))).isPresent();
    assertThat(join(cache.get("forever"))).isPresent();
  }

  @Test
  void sweepKeepsExpiredEntriesFromAccumulating() {
    int rounds = 50;
    int keysPerRound = 1_000;
    for (int round = 0; round < rounds; round++) {
      for (int i = 0; i < keysPerRound; i++) {
        put(cache, round + ":" + i, Duration.ofSeconds(1));
      }
      clock.advance(Duration.ofSeconds(2));
    }

    // Never read back: only the sweep can have removed the 49 expired rounds.
    assertThat(cache.storedEntries())
        .isLessThanOrEqualTo(keysPerRound + 2 * EntryStore.MIN_INSERTIONS_BETWEEN_SWEEPS);
  }

  @Test
  void fullCacheEvictsTheKeyThatEnteredFirst() {
    MemoryCache bounded = MemoryCache.builder().clock(clock).maxEntries(3).build();
    put(bounded, "a", null);
    put(bounded, "b", null);
    put(bounded, "c", null);
    put(bounded, "a", null);

    put(bounded, "d", null);

    assertThat(bounded.storedEntries()).isEqualTo(3);
    assertThat(join(bounded.get("a"))).as("overwriting does not move a key").isEmpty();
    assertThat(keysPresent(bounded, "b", "c", "d")).containsExactly("b", "c", "d");
  }

  @Test
  void deletedKeyFreesItsPlaceAndReturnsAtTheBack() {
    MemoryCache bounded = MemoryCache.builder().clock(clock).maxEntries(3).build();
    put(bounded, "a", null);
    put(bounded, "b", null);
    put(bounded, "c", null);
    join(bounded.delete("a"));

    put(bounded, "d", null);
    assertThat(keysPresent(bounded, "b", "c", "d")).containsExactly("b", "c", "d");
    put(bounded, "a", null);

    assertThat(keysPresent(bounded, "a", "b", "c", "d")).containsExactly("a", "c", "d");
  }

  @Test
  void concurrentWritersNeverLeaveTheCacheAboveItsBound() throws Exception {
    int maxEntries = 100;
    MemoryCache bounded = MemoryCache.builder().maxEntries(maxEntries).build();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<CompletableFuture<Void>> writers = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        writers.add(
            CompletableFuture.runAsync(
                () -> {
                  for (int i = 0; i < 5_000; i++) {
                    join(bounded.put(thread + ":" + i, VALUE));
                  }
                },
                pool));
      }
      CompletableFuture.allOf(writers.toArray(new CompletableFuture<?>[0]))
          .get(30, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }

    // Racing evictions may each remove one entry too many, never more than one per writer.
    assertThat(bounded.storedEntries()).isBetween(maxEntries - 3, maxEntries);
  }

  @Test
  void everyStageIsCompleteWhenReturned() {
    assertThat(cache.put("k", VALUE).toCompletableFuture()).isDone();
    assertThat(cache.get("k").toCompletableFuture()).isDone();
    assertThat(cache.getAll(List.of("k")).toCompletableFuture()).isDone();
    assertThat(cache.get(null).toCompletableFuture()).isCompletedExceptionally();
  }

  @Test
  void closedCacheDropsItsEntriesAndFailsEveryOperation() {
    put(cache, "k", null);
    CompletionStage<Void> closed = cache.closeAsync();

    assertThat((Object) cache.closeAsync()).isSameAs(closed);
    assertThat(cache.storedEntries()).isZero();
    assertClosed(() -> cache.get("k"));
    assertClosed(() -> cache.getEntry("k"));
    assertClosed(() -> cache.put("k", VALUE));
    assertClosed(() -> cache.putIfAbsent("k", VALUE, null));
    assertClosed(() -> cache.delete("k"));
    assertClosed(() -> cache.getAll(List.of("k")));
    assertClosed(() -> cache.putAll(Map.of("k", VALUE), null));
  }

  @Test
  void builderRejectsBadSettings() {
    assertThatThrownBy(() -> MemoryCache.builder().maxEntries(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxEntries");
    assertThatThrownBy(() -> MemoryCache.builder().clock(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("clock");
  }

  private static void put(MemoryCache target, String key, Duration ttl) {
    join(target.put(key, VALUE, ttl));
  }

  private static List<String> keysPresent(MemoryCache target, String... keys) {
    List<String> present = new ArrayList<>();
    for (String key : keys) {
      if (join(target.get(key)).isPresent()) {
        present.add(key);
      }
    }
    return present;
  }

  private static void assertClosed(Supplier<? extends CompletionStage<?>> operation) {
    CompletableFuture<?> future = operation.get().toCompletableFuture();
    assertThat(future).isCompletedExceptionally();
    assertThatThrownBy(future::get)
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isExactlyInstanceOf(SwitchbackException.class)
        .hasMessageContaining("closed");
  }

  private static <T> T join(CompletionStage<T> stage) {
    return stage.toCompletableFuture().join();
  }
}
