package dev.switchback.memory.migration;

import static dev.switchback.memory.migration.CacheMigrationReliabilityTest.bytes;
import static dev.switchback.memory.migration.CacheMigrationReliabilityTest.join;
import static dev.switchback.memory.migration.CacheMigrationReliabilityTest.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchback.cache.Cache;
import dev.switchback.migration.MigrationEvent;
import dev.switchback.migration.Stage;
import dev.switchback.migration.StageChangeRejectedException;
import dev.switchback.migration.internal.MigrationSettings.GuardSettings;
import dev.switchback.testkit.Eventually;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The engine's invariant under a random history: concurrent writers and readers, random stage
 * moves, guard trips and injected backend faults. Afterwards the recorded history is checked:
 * no acknowledged write is lost, and no read returned a value older than the last write
 * acknowledged before the read began.
 */
class MigrationHistoryTest {
  private static final int OPERATIONS = 12_000;
  private static final int MIN_MOVES = 120;
  private static final int KEYS = 40;
  private static final int MIN_GUARD_TRIPS = 3;

  record Write(String key, String value, long start, long ack) {}

  record Read(String key, Optional<String> value, long start) {}

  /** The acknowledged writes of one key, to ask in log time which began after another ended. */
  static final class History {
    static final History EMPTY = new History(List.of());
    private final long[] acks;
    private final long[] latestStart;

    History(List<Write> writes) {
      List<Write> sorted = new ArrayList<>(writes);
      sorted.sort(java.util.Comparator.comparingLong(Write::ack));
      acks = new long[sorted.size()];
      latestStart = new long[sorted.size()];
      long max = Long.MIN_VALUE;
      for (int i = 0; i < acks.length; i++) {
        acks[i] = sorted.get(i).ack();
        max = Math.max(max, sorted.get(i).start());
        latestStart[i] = max;
      }
    }

    /** The latest start among writes acknowledged before {@code time}; MIN_VALUE if none. */
    long latestStartAckedBefore(long time) {
      int lo = 0;
      int hi = acks.length; // first index whose ack is not before time
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (acks[mid] < time) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      int last = lo - 1;
      return last < 0 ? Long.MIN_VALUE : latestStart[last];
    }
  }

  @Test
  void noAcknowledgedWriteIsLostAndNoReadIsStale() throws Exception {
    var settings =
        MigrationFixture.FAST.withGuard(
            new GuardSettings(true, 0.2, 0.05, Duration.ofMillis(500), 10, Stage.DUALWRITE))
            .withInitialStage(Stage.DUALWRITE);
    try (MigrationFixture f = new MigrationFixture(settings)) {
      Cache cache = f.cache;
      ConcurrentLinkedQueue<Write> writes = new ConcurrentLinkedQueue<>();
      ConcurrentLinkedQueue<Read> reads = new ConcurrentLinkedQueue<>();
      AtomicInteger guardTrips = new AtomicInteger();
      // Every stage change with the log time it was heard, to explain a failure.
      ConcurrentLinkedQueue<String> timeline = new ConcurrentLinkedQueue<>();
      f.controller.addListener(e -> {
        timeline.add(System.nanoTime() + " " + e.kind() + " " + e.from() + "->" + e.to());
        if (e.kind() == MigrationEvent.Kind.GUARD_TRIPPED) {
          guardTrips.incrementAndGet();
        }
      });

      AtomicInteger next = new AtomicInteger();
      AtomicInteger moves = new AtomicInteger();
      AtomicBoolean running = new AtomicBoolean(true);
      AtomicInteger writersDone = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(6);
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        workers.add(pool.submit(() -> {
          ThreadLocalRandom rnd = ThreadLocalRandom.current();
          int i;
          long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
          while (((i = next.getAndIncrement()) < OPERATIONS
                  || moves.get() < MIN_MOVES
                  || guardTrips.get() < MIN_GUARD_TRIPS)
              && System.nanoTime() < deadline) {
            String key = "h" + rnd.nextInt(KEYS);
            long start = System.nanoTime();
            if (rnd.nextInt(100) < 45) {
              String value = "w" + thread + "-" + i;
              try {
                join(cache.put(key, bytes(value)));
                writes.add(new Write(key, value, start, System.nanoTime()));
              } catch (RuntimeException failed) {
                // not acknowledged: may not be read back (injected faults write nothing)
              }
            } else {
              try {
                Optional<String> v = join(cache.get(key)).map(CacheMigrationReliabilityTest::text);
                reads.add(new Read(key, v, start));
              } catch (RuntimeException failed) {
                // a failed read says nothing
              }
            }
          }
          if (writersDone.incrementAndGet() == 4) {
            running.set(false);
          }
        }));
      }
      // The operator: random legal moves, forward one stage or back to any earlier one.
      workers.add(pool.submit(() -> {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        while (running.get()) {
          Stage s = f.controller.stage();
          Stage target = s.compareTo(Stage.RAMPDOWN) < 0 && rnd.nextInt(3) > 0
              ? s.next()
              : Stage.values()[rnd.nextInt(s.ordinal() + 1)];
          try {
            f.controller.moveTo(target, false, "random history");
            moves.incrementAndGet();
          } catch (StageChangeRejectedException raced) {
            // the guard moved it meanwhile
          }
          sleepMillis(rnd.nextInt(2, 8));
        }
      }));
      // Chaos: bursts of failures on new (trips the guard) and on old.
      workers.add(pool.submit(() -> {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        while (running.get()) {
          switch (rnd.nextInt(4)) {
            case 0 -> f.newFault.failShare(0.8);
            case 1 -> f.oldFault.failShare(0.2);
            default -> {
              f.newFault.heal();
              f.oldFault.heal();
            }
          }
          sleepMillis(rnd.nextInt(10, 60));
        }
        f.newFault.heal();
        f.oldFault.heal();
      }));
      for (Future<?> w : workers) {
        w.get(120, TimeUnit.SECONDS);
      }
      pool.shutdown();

      assertThat(next.get()).isGreaterThanOrEqualTo(OPERATIONS);
      assertThat(writes.size() + reads.size()).isGreaterThanOrEqualTo(OPERATIONS / 2);
      assertThat(moves.get()).isGreaterThanOrEqualTo(MIN_MOVES);
      assertThat(guardTrips.get()).as("guard trips").isGreaterThanOrEqualTo(MIN_GUARD_TRIPS);

      Map<String, Write> byValue = new HashMap<>();
      writes.forEach(w -> byValue.put(w.value(), w));
      Map<String, List<Write>> byKey = new HashMap<>();
      writes.forEach(w -> byKey.computeIfAbsent(w.key(), k -> new ArrayList<>()).add(w));
      Map<String, History> histories = new HashMap<>();
      byKey.forEach((k, ws) -> histories.put(k, new History(ws)));

      for (Read r : reads) {
        History h = histories.getOrDefault(r.key(), History.EMPTY);
        if (r.value().isEmpty()) {
          assertThat(h.latestStartAckedBefore(r.start()))
              .as("read of %s returned nothing after a write was acknowledged", r.key())
              .isEqualTo(Long.MIN_VALUE);
          continue;
        }
        Write source = byValue.get(r.value().get());
        assertThat(source).as("read returned %s, which no acknowledged write wrote", r.value()).isNotNull();
        // Described lazily: the writes and events around a read are only worth collecting for a
        // failure, and collecting them for every read of a long history takes minutes.
        assertThat(h.latestStartAckedBefore(r.start()))
            .as(() -> String.format(
                "read of %s returned %s although a later write was acknowledged before it began;"
                    + " read began %d, %s; writes of the key %s; stage events %s",
                r.key(), r.value().get(), r.start(), source, byKey.get(r.key()).stream()
                    .filter(w -> w.ack() >= source.start() && w.start() <= r.start()).toList(),
                timeline.stream().filter(event -> {
                  long at = Long.parseLong(event.substring(0, event.indexOf(' ')));
                  return at >= source.start() - 50_000_000L && at <= r.start() + 50_000_000L;
                }).toList()))
            .isLessThanOrEqualTo(source.ack());
      }

      // Quiesce: faults healed, the journal drained; every key holds a write that nothing acknowledged later superseded.
      f.controller.moveTo(Stage.DUALWRITE, false, "settle");
      Eventually.await(Duration.ofSeconds(20),
          () -> assertThat(f.controller.status().divergenceBacklog()).isZero());
      for (var entry : byKey.entrySet()) {
        Optional<String> now = join(cache.get(entry.getKey())).map(CacheMigrationReliabilityTest::text);
        assertThat(now).as("key %s lost every write", entry.getKey()).isPresent();
        Write last = byValue.get(now.get());
        assertThat(last).isNotNull();
        assertThat(histories.get(entry.getKey()).latestStartAckedBefore(Long.MAX_VALUE))
            .as("key %s holds %s although a later write was acknowledged", entry.getKey(), now.get())
            .isLessThanOrEqualTo(last.ack());
        assertThat(join(f.newCache.get(entry.getKey())).map(CacheMigrationReliabilityTest::text))
            .as("new store agrees for %s once the journal is empty", entry.getKey())
            .isEqualTo(now);
      }
    }
  }

  private static void sleepMillis(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
