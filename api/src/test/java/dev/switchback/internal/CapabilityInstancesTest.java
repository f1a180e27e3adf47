package dev.switchback.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchback.Capability;
import dev.switchback.OperationTimeoutException;
import dev.switchback.internal.fixtures.Journal;
import dev.switchback.internal.fixtures.MapCache;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CapabilityInstancesTest {

  @Test
  void anUnconfiguredCapabilityIsCreatedOnceOnFirstRequestEvenUnderContention() throws Exception {
    String journal = Journal.fresh();
    ReadConfiguration read = ConfigReaderTest.read(Map.of(
        "switchback.test.journal", journal,
        "switchback.cache.backend", "testmemory"));
    // Make the cache look unconfigured, as if testmemory were the default backend.
    Map<Capability, BackendChoice> choices = new EnumMap<>(read.choices());
    BackendChoice cache = read.choice(Capability.CACHE);
    choices.put(Capability.CACHE, new BackendChoice(Capability.CACHE, false, cache.backend(),
        cache.target(), cache.acceptedNames()));
    CapabilityInstances instances = new CapabilityInstances(new ReadConfiguration(
        read.config(), read.switchback(), choices, read.groupPrefixes()));
    instances.createConfigured();
    assertThat(Journal.events(journal)).isEmpty();

    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    Set<Object> seen = ConcurrentHashMap.newKeySet();
    try {
      List<Future<?>> calls = new java.util.ArrayList<>();
      for (int i = 0; i < 8; i++) {
        calls.add(pool.submit(() -> {
          start.await();
          return seen.add(instances.get(Capability.CACHE));
        }));
      }
      start.countDown();
      for (Future<?> call : calls) {
        call.get(5, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(seen).hasSize(1).first().isInstanceOf(MapCache.class);
    assertThat(Journal.events(journal)).containsExactly("create cache/primary");
    instances.closeAsync().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  @Test
  void closeIsBoundedWhenABackendNeverFinishesClosingAndTheRestStillClose() {
    String journal = Journal.fresh();
    ReadConfiguration read = ConfigReaderTest.read(Map.of(
        "switchback.test.journal", journal,
        "switchback.database.backend", "testdb",
        "switchback.cache.backend", "testhang",
        "switchback.sessions.backend", "testmemory"));
    CapabilityInstances instances =
        new CapabilityInstances(read, Duration.ofMillis(300), Duration.ofMillis(300));
    instances.createConfigured();
    CountDownLatch resourceClosed = new CountDownLatch(1);
    instances.resources().computeIfAbsent("pool", String.class, () -> "pool",
        p -> resourceClosed.countDown());

    long start = System.nanoTime();
    assertThatThrownBy(() -> instances.closeAsync().toCompletableFuture().get(5, TimeUnit.SECONDS))
        .cause()
        .isInstanceOf(OperationTimeoutException.class)
        .hasMessageContaining("cache (primary, testhang)");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(Journal.events(journal)).containsExactly(
        "create database/primary", "create cache/primary", "create sessions/primary",
        "close sessions/primary", "close cache/primary", "close database/primary");
    assertThat(resourceClosed.getCount()).isZero();
  }
}
