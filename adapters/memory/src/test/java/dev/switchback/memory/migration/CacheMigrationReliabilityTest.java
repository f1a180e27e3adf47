package dev.switchback.memory.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchback.BackendUnavailableException;
import dev.switchback.cache.Cache;
import dev.switchback.migration.Stage;
import dev.switchback.testkit.Eventually;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The migration engine's reliability list, on two memory caches with injected faults. */
class CacheMigrationReliabilityTest {
  private static final Duration DEADLINE = Duration.ofSeconds(10);

  @Test
  void failedMirrorWritesAreJournaledAndRepairedUntilTheBacklogIsEmpty() {
    try (MigrationFixture f = MigrationFixture.cache(Stage.DUALWRITE)) {
      f.newFault.fail();
      for (int i = 0; i < 50; i++) {
        join(f.cache.put("k" + i, bytes("v" + i)));
      }
      Eventually.await(DEADLINE, () -> assertThat(f.controller.status().divergenceBacklog()).isEqualTo(50));
      assertThat(value(f.newCache, "k7")).isEmpty();
      assertThat(value(f.oldCache, "k7")).contains("v7");

      f.newFault.heal();
      Eventually.await(DEADLINE, () -> assertThat(f.controller.status().divergenceBacklog()).isZero());
      for (int i = 0; i < 50; i++) {
        assertThat(value(f.newCache, "k" + i)).contains("v" + i);
      }
    }
  }

  @Test
  void failedAuthoritativeWriteFailsTheCallAndLeavesTheOtherStoreUntouched() throws Exception {
    try (MigrationFixture f = MigrationFixture.cache(Stage.DUALWRITE)) {
      f.oldFault.fail();
      assertThatThrownBy(() -> join(f.cache.put("a", bytes("1"))))
          .hasCauseInstanceOf(BackendUnavailableException.class);
      f.controller.moveTo(Stage.SHADOW);
      f.controller.moveTo(Stage.LIVE);
      f.oldFault.heal();
      f.newFault.fail();
      assertThatThrownBy(() -> join(f.cache.put("b", bytes("2"))))
          .hasCauseInstanceOf(BackendUnavailableException.class);
      Thread.sleep(100); // a mirror, had one been started, would have landed by now
      assertThat(value(f.newCache, "a")).isEmpty();
      assertThat(value(f.oldCache, "b")).isEmpty();
      assertThat(f.controller.status().divergenceBacklog()).isZero();
    }
  }

  @Test
  void concurrentWritersReorderedBetweenStoresAreDetectedAndConverge() throws Exception {
    try (MigrationFixture f = MigrationFixture.cache(Stage.DUALWRITE)) {
      f.newFault.jitter(Duration.ofMillis(20));
      List<CompletableFuture<Void>> writes = new ArrayList<>();
      for (int round = 0; round < 20; round++) {
        for (int w = 0; w < 8; w++) {
          writes.add(f.cache.put("hot" + round, bytes("w" + w)).toCompletableFuture());
        }
      }
      CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
      f.newFault.heal();
      Eventually.await(DEADLINE, () -> {
        assertThat(f.controller.status().divergenceBacklog()).isZero();
        for (int round = 0; round < 20; round++) {
          assertThat(value(f.newCache, "hot" + round)).isEqualTo(value(f.oldCache, "hot" + round));
        }
      });
    }
  }

  @Test
  void hangingShadowCandidateDoesNotHoldTheCallerAndIsCountedAsTimeout() {
    try (MigrationFixture f = MigrationFixture.cache(Stage.SHADOW)) {
      join(f.oldCache.put("k", bytes("old")));
      f.newFault.hang();
      long t0 = System.nanoTime();
      assertThat(join(f.cache.get("k")).map(CacheMigrationReliabilityTest::text)).contains("old");
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
      Eventually.await(DEADLINE, () -> assertThat(f.controller.status().shadowTimeouts()).isEqualTo(1));
      assertThat(f.controller.status().newStats().errors()).isEqualTo(1);
    }
  }

  @Test
  void sameBackendOnBothSidesShowsNoMismatchUnderConcurrentLoad() throws Exception {
    for (Stage stage : List.of(Stage.SHADOW, Stage.LIVE)) {
      try (MigrationFixture f = MigrationFixture.cache(Stage.DUALWRITE)) {
        f.controller.moveTo(Stage.SHADOW);
        if (stage == Stage.LIVE) {
          f.controller.moveTo(Stage.LIVE);
        }
        runConcurrently(4, 2_000, (i, rnd) -> {
          String key = "aa" + rnd.nextInt(20);
          return rnd.nextBoolean()
              ? f.cache.put(key, bytes("v" + i))
              : f.cache.get(key);
        });
        Eventually.await(DEADLINE, () -> assertThat(f.controller.status().comparisons()).isPositive());
        assertThat(f.controller.status().mismatches()).as(stage.toString()).isZero();
      }
    }
  }

  @Test
  void canaryTenPercentIsStickyByKeyAndWithinTolerance() {
    try (MigrationFixture f = MigrationFixture.cache(Stage.DUALWRITE)) {
      f.controller.moveTo(Stage.SHADOW);
      f.controller.moveTo(Stage.LIVE);
      f.controller.setCanaryPercent(10);
      f.newFault.fail(); // only keys on the live path touch new when reading
      int keys = 5_000;
      int failed = 0;
      for (int i = 0; i < keys; i++) {
        boolean first = failed("c" + i, f.cache);
        boolean second = failed("c" + i, f.cache);
        assertThat(second).as("same key, same path").isEqualTo(first);
        if (first) {
          failed++;
        }
      }
      assertThat((double) failed / keys).isBetween(0.08, 0.12);
    }
  }

  @Test
  void stageChangesUnderConcurrentLoadFailNoOperation() throws Exception {
    try (MigrationFixture f = MigrationFixture.cache(Stage.OFF)) {
      AtomicInteger moves = new AtomicInteger();
      ExecutorService mover = Executors.newSingleThreadExecutor();
      Future<?> moving = mover.submit(() -> {
        Stage[] path = {Stage.DUALWRITE, Stage.SHADOW, Stage.LIVE, Stage.RAMPDOWN, Stage.SHADOW,
            Stage.LIVE, Stage.DUALWRITE, Stage.OFF};
        for (int round = 0; round < 6; round++) {
          for (Stage s : path) {
            f.controller.moveTo(s);
            moves.incrementAndGet();
            sleep(5);
          }
        }
      });
      int failures = runConcurrently(4, 3_000, (i, rnd) -> {
        String key = "flip" + rnd.nextInt(50);
        return switch (rnd.nextInt(3)) {
          case 0 -> f.cache.put(key, bytes("v" + i));
          case 1 -> f.cache.get(key);
          default -> f.cache.delete(key);
        };
      });
      moving.get(30, TimeUnit.SECONDS);
      mover.shutdown();
      assertThat(moves.get()).isEqualTo(48);
      assertThat(failures).isZero();
    }
  }

  @Test
  void everyWriteMadeDuringLiveIsInOldAfterSteppingBack() {
    try (MigrationFixture f = MigrationFixture.cache(Stage.DUALWRITE)) {
      f.controller.moveTo(Stage.SHADOW);
      f.controller.moveTo(Stage.LIVE);
      for (int i = 0; i < 100; i++) {
        if (i == 50) {
          f.oldFault.fail(); // half the mirrors into old fail
        }
        join(f.cache.put("live" + i, bytes("v" + i)));
      }
      f.controller.moveTo(Stage.SHADOW, false, "test steps back");
      // Old answers again; the keys whose mirror failed are read from new until repaired.
      f.oldFault.heal();
      for (int i = 0; i < 100; i++) {
        assertThat(join(f.cache.get("live" + i)).map(CacheMigrationReliabilityTest::text)).contains("v" + i);
      }
      Eventually.await(DEADLINE, () -> {
        assertThat(f.controller.status().divergenceBacklog()).isZero();
        for (int i = 0; i < 100; i++) {
          assertThat(value(f.oldCache, "live" + i)).contains("v" + i);
        }
      });
    }
  }

  @Test
  void liveMissOnNewCopiesTheOldValueWithItsRemainingTtl() {
    try (MigrationFixture f = MigrationFixture.cache(Stage.LIVE)) {
      join(f.oldCache.put("warm", bytes("from-old"), Duration.ofMinutes(5)));
      assertThat(join(f.cache.get("warm")).map(CacheMigrationReliabilityTest::text)).contains("from-old");
      var copied = join(f.newCache.getEntry("warm")).orElseThrow();
      assertThat(text(copied.value())).isEqualTo("from-old");
      assertThat(copied.expiresAt()).isNotNull();
      assertThat(Duration.between(java.time.Instant.now(), copied.expiresAt()))
          .isBetween(Duration.ofMinutes(4), Duration.ofMinutes(5));
    }
  }

  @Test
  void writesBackInOffAfterDualWriteAreRepairedIntoNew() {
    try (MigrationFixture f = MigrationFixture.cache(Stage.DUALWRITE)) {
      join(f.cache.put("k", bytes("1")));
      f.controller.moveTo(Stage.OFF, false, "test steps back");
      join(f.cache.put("k", bytes("2")));
      Eventually.await(DEADLINE, () -> assertThat(value(f.newCache, "k")).contains("2"));
      f.controller.moveTo(Stage.DUALWRITE);
      f.controller.moveTo(Stage.SHADOW);
      f.controller.moveTo(Stage.LIVE);
      assertThat(join(f.cache.get("k")).map(CacheMigrationReliabilityTest::text)).contains("2");
    }
  }

  @Test
  void aStageNoOperationEnteredDoesNotLetTheNextStartBeforeEarlierWritesFinish() {
    try (MigrationFixture f = MigrationFixture.cache(Stage.LIVE)) {
      f.oldFault.delay(Duration.ofMillis(300)); // live's mirror into old lands late
      join(f.cache.put("k", bytes("from-live")));
      f.controller.moveTo(Stage.RAMPDOWN); // an epoch nothing enters
      f.controller.moveTo(Stage.OFF, false, "test steps back");
      f.oldFault.heal();
      join(f.cache.put("k", bytes("from-off")));
      Eventually.await(DEADLINE, () -> assertThat(f.controller.status().divergenceBacklog()).isZero());
      assertThat(value(f.oldCache, "k")).contains("from-off");
      assertThat(join(f.cache.get("k")).map(CacheMigrationReliabilityTest::text)).contains("from-off");
    }
  }

  // ---- helpers ----------------------------------------------------------------------------

  interface Op {
    CompletionStage<?> run(int i, ThreadLocalRandom rnd);
  }

  /** Runs {@code total} operations from {@code threads} threads; returns how many failed. */
  static int runConcurrently(int threads, int total, Op op) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failures = new AtomicInteger();
    List<Future<?>> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      workers.add(pool.submit(() -> {
        int i;
        while ((i = next.getAndIncrement()) < total) {
          try {
            op.run(i, ThreadLocalRandom.current()).toCompletableFuture().get(10, TimeUnit.SECONDS);
          } catch (Exception e) {
            failures.incrementAndGet();
          }
        }
      }));
    }
    for (Future<?> w : workers) {
      w.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    return failures.get();
  }

  private static boolean failed(String key, Cache cache) {
    try {
      join(cache.get(key));
      return false;
    } catch (CompletionException e) {
      return true;
    }
  }

  static Optional<String> value(Cache cache, String key) {
    return join(cache.get(key)).map(CacheMigrationReliabilityTest::text);
  }

  static <T> T join(CompletionStage<T> stage) {
    return stage.toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
