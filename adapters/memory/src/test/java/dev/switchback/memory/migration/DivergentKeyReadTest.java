package dev.switchback.memory.migration;

import static dev.switchback.memory.migration.CacheMigrationReliabilityTest.bytes;
import static dev.switchback.memory.migration.CacheMigrationReliabilityTest.join;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchback.Capability;
import dev.switchback.memory.cache.MemoryCache;
import dev.switchback.migration.Stage;
import dev.switchback.migration.internal.CacheRouter;
import dev.switchback.migration.internal.StageController;
import dev.switchback.testkit.faults.Fault;
import dev.switchback.testkit.faults.FaultyCache;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A key whose stores diverge is read from the side holding its newest value while the journal is
 * busy with other keys. The history test saw a read of such a key answered by the authoritative
 * store, which still held an older value; this forces the situation: one key stays divergent (its
 * repair keeps failing) while writers on other threads journal and resolve other keys.
 */
class DivergentKeyReadTest {
  private static final int ROUNDS = 10;
  private static final int READS_PER_ROUND = 200_000;
  private static final String DIVERGENT = "divergent";

  @Test
  void aDivergentKeyIsReadFromItsTruthWhileOtherKeysDivergeAndHeal() throws Exception {
    // Fresh routers and threads each round: how often the journal's bookkeeping is caught out
    // depends on which threads contend, so a few short rounds beat one long one.
    for (int round = 0; round < ROUNDS; round++) {
      assertThat(olderReadsOfTheDivergentKey())
          .as("reads of the divergent key that missed its newest value, round %d", round)
          .isZero();
    }
  }

  private static long olderReadsOfTheDivergentKey() throws Exception {
    ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    MemoryCache oldCache = MemoryCache.create();
    MemoryCache newCache = MemoryCache.create();
    Fault newFault = new Fault();
    Fault oldWritesOfTheKey = new Fault();
    FaultyCache old = FaultyCache.onWritesOf(oldCache, oldWritesOfTheKey, DIVERGENT::equals);
    StageController controller =
        new StageController(
            Capability.CACHE,
            "memory",
            "memory",
            MigrationFixture.FAST.withInitialStage(Stage.LIVE),
            OpenTelemetry.noop(),
            scheduler,
            Clock.systemUTC());
    CacheRouter cache =
        new CacheRouter(
            controller, old, new FaultyCache(newCache, newFault), scheduler, Clock.systemUTC());
    try {
      join(cache.put(DIVERGENT, bytes("older")));
      oldWritesOfTheKey.fail();
      join(cache.put(DIVERGENT, bytes("newer"))); // new takes it; old refuses the mirror
      // Old is authoritative again but holds the older value; repairs into it keep failing.
      controller.moveTo(Stage.DUALWRITE, false, "step back");
      assertThat(join(oldCache.get(DIVERGENT)).map(CacheMigrationReliabilityTest::text))
          .contains("older");
      assertThat(controller.status().divergenceBacklog()).isEqualTo(1);

      // Half the mirrors of other keys into new fail: their keys are journaled, repaired and
      // resolved all the time, from the writers' threads and the reconciler's.
      newFault.failShare(0.5);
      AtomicBoolean running = new AtomicBoolean(true);
      AtomicInteger reads = new AtomicInteger();
      AtomicLong olderReads = new AtomicLong();
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 3; t++) {
        int writer = t;
        threads.add(new Thread(() -> {
          for (int i = 0; running.get(); i++) {
            try {
              join(cache.put("other" + (i & 1), bytes("w" + writer + "-" + i)));
            } catch (RuntimeException failed) {
              // a failed write changes nothing
            }
          }
        }));
      }
      for (int t = 0; t < 2; t++) {
        threads.add(new Thread(() -> {
          while (reads.get() < READS_PER_ROUND && olderReads.get() == 0) {
            try {
              Optional<String> v =
                  join(cache.get(DIVERGENT)).map(CacheMigrationReliabilityTest::text);
              reads.incrementAndGet();
              if (!v.equals(Optional.of("newer"))) {
                olderReads.incrementAndGet();
              }
            } catch (RuntimeException failed) {
              // new, which holds the truth, failed this read: it says nothing
            }
          }
          running.set(false);
        }));
      }
      threads.forEach(Thread::start);
      for (Thread t : threads) {
        t.join();
      }
      return olderReads.get();
    } finally {
      cache.close();
      scheduler.shutdownNow();
      oldCache.close();
      newCache.close();
    }
  }
}
