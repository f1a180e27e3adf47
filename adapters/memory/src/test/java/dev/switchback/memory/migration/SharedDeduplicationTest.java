package dev.switchback.memory.migration;

import static dev.switchback.memory.migration.MessagingPair.join;
import static dev.switchback.memory.migration.MessagingPair.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchback.ConfigurationException;
import dev.switchback.Switchback;
import dev.switchback.memory.cache.MemoryCache;
import dev.switchback.memory.messaging.MemoryMessaging;
import dev.switchback.messaging.Messaging;
import dev.switchback.migration.Stage;
import dev.switchback.migration.internal.MessagingMigrationSettings;
import dev.switchback.testkit.Eventually;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * De-duplication shared through a {@code Cache} by several instances of a service: here two
 * routers over the same two brokers, as two processes would be, sharing one cache.
 */
class SharedDeduplicationTest {
  private static final Duration DEADLINE = Duration.ofSeconds(10);
  private static final MessagingMigrationSettings CACHE_STORE =
      MessagingPair.SETTINGS.withStore(MessagingMigrationSettings.Store.CACHE);

  private static MessagingPair pair(Stage stage, Messaging oldBroker, Messaging newBroker,
      MessagingMigrationSettings settings, MemoryCache cache) {
    return new MessagingPair(MigrationFixture.FAST.withInitialStage(stage), oldBroker, newBroker,
        settings, cache);
  }

  @Test
  void twoInstancesSharingACacheHandleEachMessageOncePerGroup() {
    Map<String, Integer> handled = handledAcrossTwoInstancesInLive(CACHE_STORE);
    assertThat(handled).hasSize(200);
    assertThat(handled).as("ids handled more than once").allSatisfy((id, n) -> assertThat(n).isOne());
  }

  @Test
  void withoutASharedStoreTwoInstancesHandleSomeMessagesTwice() {
    // The control for the test above: each instance remembers only its own handlings.
    Map<String, Integer> handled = handledAcrossTwoInstancesInLive(MessagingPair.SETTINGS);
    assertThat(handled).hasSize(200);
    assertThat(handled.values()).anyMatch(n -> n > 1);
  }

  private static Map<String, Integer> handledAcrossTwoInstancesInLive(
      MessagingMigrationSettings settings) {
    Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    try (MemoryMessaging oldBroker = MessagingPair.broker();
        MemoryMessaging newBroker = MessagingPair.broker();
        MemoryCache shared = MemoryCache.create();
        MessagingPair a = pair(Stage.LIVE, oldBroker, newBroker, settings, shared);
        MessagingPair b = pair(Stage.LIVE, oldBroker, newBroker, settings, shared)) {
      for (MessagingPair instance : List.of(a, b)) {
        instance.router.subscribe("orders", "billing", m -> {
          runs.computeIfAbsent(m.id(), id -> new AtomicInteger()).incrementAndGet();
          // A short handler, so the copies from the two brokers overlap.
          return CompletableFuture.runAsync(() -> { },
              CompletableFuture.delayedExecutor(1, java.util.concurrent.TimeUnit.MILLISECONDS));
        });
      }
      for (int i = 0; i < 200; i++) {
        join((i % 2 == 0 ? a : b).router.publish("orders", message("m" + i)));
      }
      Eventually.await(DEADLINE, () -> {
        assertThat(runs).hasSize(200);
        assertThat(join(oldBroker.lag("orders", "billing"))).containsEntry(0, 0L);
        assertThat(join(newBroker.lag("orders", "billing"))).containsEntry(0, 0L);
      });
    }
    return runs.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get()));
  }

  @Test
  void aMessageAnotherInstanceIsHandlingWaitsForItAndIsNotHandledTwice() {
    try (MemoryMessaging oldBroker = MessagingPair.broker();
        MemoryMessaging newBroker = MessagingPair.broker();
        MemoryCache shared = MemoryCache.create();
        // One instance consumes old only (off), the other new only (complete).
        MessagingPair onOld = pair(Stage.OFF, oldBroker, newBroker, CACHE_STORE, shared);
        MessagingPair onNew = pair(Stage.COMPLETE, oldBroker, newBroker, CACHE_STORE, shared)) {
      CompletableFuture<Void> release = new CompletableFuture<>();
      List<String> oldRuns = new CopyOnWriteArrayList<>();
      List<String> newRuns = new CopyOnWriteArrayList<>();
      onOld.router.subscribe("orders", "billing", m -> {
        oldRuns.add(m.id());
        return release;
      });
      join(oldBroker.publish("orders", message("x")));
      Eventually.await(DEADLINE, () -> assertThat(oldRuns).containsExactly("x"));

      onNew.router.subscribe("orders", "billing", m -> MessagingPair.record(newRuns, m));
      join(newBroker.publish("orders", message("x")));
      // The copy on new waits while old's handler holds the claim, so new still has it.
      pause(300);
      assertThat(join(newBroker.lag("orders", "billing"))).containsEntry(0, 1L);

      release.complete(null);
      Eventually.await(DEADLINE, () ->
          assertThat(join(newBroker.lag("orders", "billing"))).containsEntry(0, 0L));
      assertThat(newRuns).as("acknowledged as handled, not run again").isEmpty();
      assertThat(oldRuns).containsExactly("x");
    }
  }

  @Test
  void aClaimLeftByAnInstanceThatDiedExpiresAndTheMessageIsHandledElsewhere() {
    MessagingMigrationSettings shortClaims = new MessagingMigrationSettings(
        MessagingMigrationSettings.Store.CACHE, Duration.ofMinutes(10), 1_000,
        Duration.ofMillis(500), MessagingPair.GRACE);
    try (MemoryMessaging oldBroker = MessagingPair.broker();
        MemoryMessaging newBroker = MessagingPair.broker();
        MemoryCache shared = MemoryCache.create();
        MessagingPair onNew = pair(Stage.COMPLETE, oldBroker, newBroker, shortClaims, shared)) {
      // What an instance that died while handling z leaves behind: its claim, until it expires.
      join(shared.put("switchback-dedup:orders/7:billing/z",
          "claimed".getBytes(StandardCharsets.UTF_8), Duration.ofMillis(500)));
      List<String> runs = new CopyOnWriteArrayList<>();
      onNew.router.subscribe("orders", "billing", m -> MessagingPair.record(runs, m));
      join(newBroker.publish("orders", message("z")));

      Eventually.await(DEADLINE, () -> assertThat(runs).containsExactly("z"));
      assertThat(join(shared.get("switchback-dedup:orders/7:billing/z")))
          .hasValueSatisfying(v -> assertThat(new String(v, StandardCharsets.UTF_8)).isEqualTo("handled"));
    }
  }

  @Test
  void aHandlingThatFailsReleasesItsClaimSoTheOtherInstanceHandlesTheMessage() {
    try (MemoryMessaging oldBroker = MessagingPair.broker();
        MemoryMessaging newBroker = MessagingPair.broker();
        MemoryCache shared = MemoryCache.create();
        MessagingPair onOld = pair(Stage.OFF, oldBroker, newBroker, CACHE_STORE, shared);
        MessagingPair onNew = pair(Stage.COMPLETE, oldBroker, newBroker, CACHE_STORE, shared)) {
      CompletableFuture<Void> failing = new CompletableFuture<>();
      AtomicInteger oldRuns = new AtomicInteger();
      List<String> newRuns = new CopyOnWriteArrayList<>();
      onOld.router.subscribe("orders", "billing", m ->
          oldRuns.incrementAndGet() == 1 ? failing : CompletableFuture.failedFuture(
              new IllegalStateException("old keeps failing")));
      join(oldBroker.publish("orders", message("y")));
      Eventually.await(DEADLINE, () -> assertThat(oldRuns.get()).isOne());
      onNew.router.subscribe("orders", "billing", m -> MessagingPair.record(newRuns, m));
      join(newBroker.publish("orders", message("y")));

      failing.completeExceptionally(new IllegalStateException("handler failed"));
      Eventually.await(DEADLINE, () -> assertThat(newRuns).containsExactly("y"));
      Eventually.await(DEADLINE, () ->
          assertThat(join(oldBroker.lag("orders", "billing"))).containsEntry(0, 0L));
      assertThat(newRuns).as("handled once, by the instance that could").containsExactly("y");
    }
  }

  @Test
  void aGroupTooLongForACacheKeyIsStillDeDuplicated() {
    String group = "g".repeat(1_100);
    try (MemoryMessaging oldBroker = MessagingPair.broker();
        MemoryMessaging newBroker = MessagingPair.broker();
        MemoryCache shared = MemoryCache.create();
        MessagingPair live = pair(Stage.LIVE, oldBroker, newBroker, CACHE_STORE, shared)) {
      List<String> runs = new CopyOnWriteArrayList<>();
      live.router.subscribe("orders", group, m -> MessagingPair.record(runs, m));
      for (int i = 0; i < 20; i++) {
        join(live.router.publish("orders", message("m" + i)));
      }
      Eventually.await(DEADLINE, () -> {
        assertThat(join(oldBroker.lag("orders", group))).containsEntry(0, 0L);
        assertThat(join(newBroker.lag("orders", group))).containsEntry(0, 0L);
      });
      assertThat(runs).hasSize(20).doesNotHaveDuplicates();
    }
  }

  @Test
  void theCacheStoreKeepsHandledIdsInTheSwitchbacksCache() {
    Map<String, String> config = Map.of(
        "switchback.messaging.backend", "memory",
        "switchback.messaging.migration.target", "memory",
        "switchback.messaging.migration.stage", "live",
        "switchback.messaging.migration.dedup.store", "cache",
        "switchback.messaging.migration.dedup.window", "5m");
    try (Switchback switchback = Switchback.fromConfig(config)) {
      List<String> runs = new CopyOnWriteArrayList<>();
      switchback.messaging().subscribe("orders", "billing", m -> MessagingPair.record(runs, m));
      join(switchback.messaging().publish("orders", message("kept")));
      String key = "switchback-dedup:orders/7:billing/kept";
      Eventually.await(DEADLINE, () -> assertThat(join(switchback.cache().getEntry(key)))
          .hasValueSatisfying(e -> {
            assertThat(new String(e.value(), StandardCharsets.UTF_8)).isEqualTo("handled");
            assertThat(e.expiresAt()).isNotNull();
          }));
      assertThat(runs).containsExactly("kept");
    }
  }

  @Test
  void anUnknownDedupStoreFailsAtStartNamingTheKeyAndTheAcceptedValues() {
    assertThatThrownBy(() -> Switchback.fromConfig(Map.of(
            "switchback.messaging.backend", "memory",
            "switchback.messaging.migration.target", "memory",
            "switchback.messaging.migration.dedup.store", "disk",
            "switchback.messaging.migration.dedup.max-entries", "-1")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("switchback.messaging.migration.dedup.store: disk")
        .hasMessageContaining("accepted values: memory, cache")
        .hasMessageContaining("switchback.messaging.migration.dedup.max-entries=-1");
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
