package dev.switchback.testkit.migration;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchback.Capability;
import dev.switchback.SwitchbackException;
import dev.switchback.cache.Cache;
import dev.switchback.cache.CacheEntry;
import dev.switchback.migration.Stage;
import dev.switchback.testkit.Eventually;
import dev.switchback.testkit.Stages;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The migration engine's promises for Cache, on two real backends with real faults: a write the
 * caller saw acknowledged is never lost, a broken non-authoritative store is repaired once it
 * heals, a broken authoritative store fails the call and nothing else is written.
 *
 * <p>A pair runs it by extending this class and returning the pair with its faults from {@link
 * #pair()}.
 */
public abstract class CacheMigrationFaultContract extends MigrationFaultSuite<Cache> {
  private final Set<String> writtenKeys = ConcurrentHashMap.newKeySet();

  /** For subclasses. */
  protected CacheMigrationFaultContract() {
    super(Capability.CACHE, Cache.class);
  }

  @Override
  final void cleanUp(Cache oldStore, Cache newStore) {
    for (String key : writtenKeys) {
      oldStore.delete(key);
      newStore.delete(key);
    }
  }

  @Test
  void mirrorWritesThatFailOnABrokenNewStoreAreRepairedOnceItHeals() {
    Cache cache = routedIn(Stage.DUALWRITE).cache();
    List<String> keys = keys("repair", 40);
    breakNew();
    for (String key : keys) {
      join(cache.put(key, bytes(key + "=v1")));
    }
    Eventually.await(
        DEADLINE, () -> assertThat(migration().status().divergenceBacklog()).isPositive());
    for (String key : keys) {
      assertThat(text(oldStore(), key)).contains(key + "=v1");
    }

    healNew();

    // Mirror writes still in flight when the store healed are not in the backlog: they land, or
    // fail and join it, so the backlog and the store are awaited together.
    Eventually.await(DEADLINE, () -> {
      assertThat(migration().status().divergenceBacklog()).isZero();
      for (String key : keys) {
        assertThat(text(newStore(), key)).as(key).contains(key + "=v1");
      }
    });
  }

  @Test
  void aBrokenAuthoritativeStoreFailsTheCallAndTheOtherStoreIsNotWritten() throws Exception {
    Cache cache = routedIn(Stage.DUALWRITE).cache();
    String inDualWrite = key("authoritative-old");
    breakOld();
    Throwable failure =
        Stages.failureOf(() -> cache.put(inDualWrite, bytes("lost")), OPERATION_TIMEOUT);
    assertThat(failure).isInstanceOf(SwitchbackException.class);
    healOld();

    migration().moveTo(Stage.SHADOW);
    migration().moveTo(Stage.LIVE);
    String inLive = key("authoritative-new");
    breakNew();
    failure = Stages.failureOf(() -> cache.put(inLive, bytes("lost")), OPERATION_TIMEOUT);
    assertThat(failure).isInstanceOf(SwitchbackException.class);
    healNew();

    // A mirror write, had one been started, would have its mirror timeout to land.
    Thread.sleep(1_000);
    assertThat(text(newStore(), inDualWrite)).isEmpty();
    assertThat(text(oldStore(), inDualWrite)).isEmpty();
    assertThat(text(oldStore(), inLive)).isEmpty();
    assertThat(migration().status().divergenceBacklog()).isZero();
  }

  @Test
  void everyWriteAcknowledgedInLiveIsInTheOldStoreAfterSteppingBack() {
    Cache cache = routedIn(Stage.DUALWRITE).cache();
    migration().moveTo(Stage.SHADOW);
    migration().moveTo(Stage.LIVE);
    List<String> keys = keys("live", 40);
    for (int i = 0; i < keys.size(); i++) {
      if (i == keys.size() / 2) {
        breakOld(); // the second half's mirrors into old fail
      }
      join(cache.put(keys.get(i), bytes(keys.get(i) + "=live")));
    }
    migration().moveTo(Stage.SHADOW, false, "the test steps back");
    healOld();

    // Old answers again once reconnected; keys whose mirror failed are read from new until
    // repaired, so every read sees the acknowledged value.
    Eventually.await(DEADLINE, () -> {
      for (String key : keys) {
        assertThat(text(cache, key)).as(key).contains(key + "=live");
      }
    });
    Eventually.await(DEADLINE, () -> {
      assertThat(migration().status().divergenceBacklog()).isZero();
      for (String key : keys) {
        assertThat(text(oldStore(), key)).as(key).contains(key + "=live");
      }
    });
  }

  @Test
  void aMissOnTheNewStoreInLiveCopiesTheOldValueWithItsRemainingTtl() {
    Cache cache = routedIn(Stage.LIVE).cache();
    String key = key("copy-on-read");
    join(oldStore().put(key, bytes("from-old"), Duration.ofMinutes(5)));

    assertThat(text(cache, key)).contains("from-old");

    Eventually.await(DEADLINE, () -> {
      CacheEntry copied = join(newStore().getEntry(key)).orElseThrow();
      assertThat(new String(copied.value(), UTF_8)).isEqualTo("from-old");
      assertThat(copied.expiresAt()).isNotNull();
      assertThat(Duration.between(Instant.now(), copied.expiresAt()))
          .isBetween(Duration.ofMinutes(4), Duration.ofMinutes(5).plusSeconds(1));
    });
  }

  @Test
  void stageChangesUnderConcurrentLoadFailNoOperation() throws Exception {
    Cache cache = routedIn(Stage.OFF).cache();
    List<String> keys = keys("flip", 20);
    AtomicInteger moves = new AtomicInteger();
    ExecutorService mover = Executors.newSingleThreadExecutor();
    try {
      Future<?> moving = mover.submit(() -> {
        Stage[] path = {Stage.DUALWRITE, Stage.SHADOW, Stage.LIVE, Stage.RAMPDOWN, Stage.SHADOW,
            Stage.LIVE, Stage.DUALWRITE, Stage.OFF};
        for (int round = 0; round < 3; round++) {
          for (Stage stage : path) {
            migration().moveTo(stage);
            moves.incrementAndGet();
            pause(20);
          }
        }
      });
      List<CompletableFuture<?>> operations = new ArrayList<>();
      AtomicInteger failures = new AtomicInteger();
      while (!moving.isDone()) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String key = keys.get(random.nextInt(keys.size()));
        CompletableFuture<?> operation = switch (random.nextInt(3)) {
          case 0 -> cache.put(key, bytes("v" + random.nextInt())).toCompletableFuture();
          case 1 -> cache.get(key).toCompletableFuture();
          default -> cache.delete(key).toCompletableFuture();
        };
        operations.add(operation.whenComplete((ok, error) -> {
          if (error != null) {
            failures.incrementAndGet();
          }
        }));
        if (operations.size() % 64 == 0) {
          CompletableFuture.allOf(operations.toArray(CompletableFuture[]::new))
              .exceptionally(e -> null).get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        }
      }
      moving.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
      CompletableFuture.allOf(operations.toArray(CompletableFuture[]::new))
          .exceptionally(e -> null).get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
      assertThat(moves.get()).isEqualTo(24);
      assertThat(operations).hasSizeGreaterThan(100);
      assertThat(failures.get()).isZero();
    } finally {
      mover.shutdownNow();
    }
  }

  private List<String> keys(String name, int count) {
    List<String> keys = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      keys.add(key(name + "-" + i));
    }
    return keys;
  }

  private String key(String name) {
    String key = "switchback-faults:" + run + ":" + name;
    writtenKeys.add(key);
    return key;
  }

  private static Optional<String> text(Cache cache, String key) {
    return join(cache.get(key)).map(v -> new String(v, UTF_8));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
