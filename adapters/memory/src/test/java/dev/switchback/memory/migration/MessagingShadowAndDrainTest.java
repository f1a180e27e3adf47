package dev.switchback.memory.migration;

import static dev.switchback.memory.migration.MessagingPair.join;
import static dev.switchback.memory.migration.MessagingPair.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchback.memory.messaging.MemoryMessaging;
import dev.switchback.messaging.Message;
import dev.switchback.messaging.MessageHandler;
import dev.switchback.messaging.Messaging;
import dev.switchback.messaging.MessagingFeature;
import dev.switchback.messaging.Subscription;
import dev.switchback.migration.MigrationEvent;
import dev.switchback.migration.MigrationStatus;
import dev.switchback.migration.Stage;
import dev.switchback.migration.internal.MigrationSettings.GuardSettings;
import dev.switchback.testkit.Eventually;
import dev.switchback.testkit.faults.Fault;
import dev.switchback.testkit.faults.FaultyMessaging;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Shadow's comparison of the two backends' messages, and rampdown's wait for old to drain. */
class MessagingShadowAndDrainTest {
  private static final Duration DEADLINE = Duration.ofSeconds(10);

  @Test
  void shadowCountsIdsMissingFromNewAndExtraOnNewAsMismatchesAndStillHandlesEveryOne() {
    try (MemoryMessaging oldBroker = MemoryMessaging.create();
        MemoryMessaging newBroker = MemoryMessaging.create();
        MessagingPair pair = MessagingPair.in(Stage.SHADOW, oldBroker, newBroker)) {
      List<String> handled = new CopyOnWriteArrayList<>();
      pair.router.subscribe("orders", "billing", m -> MessagingPair.record(handled, m));
      for (int i = 0; i < 4; i++) {
        join(pair.router.publish("orders", message("both-" + i)));
      }
      for (int i = 0; i < 3; i++) {
        join(oldBroker.publish("orders", message("old-only-" + i)));
      }
      for (int i = 0; i < 2; i++) {
        join(newBroker.publish("orders", message("new-only-" + i)));
      }

      Eventually.await(DEADLINE, () -> {
        MigrationStatus status = pair.controller.status();
        assertThat(status.missing()).as("missing").isEqualTo(3);
        assertThat(status.extra()).as("extra").isEqualTo(2);
        assertThat(status.comparisons()).as("comparisons").isEqualTo(9);
        assertThat(status.mismatches()).as("mismatches").isEqualTo(5);
      });
      assertThat(handled).as("an id only new carried is handled too, once")
          .containsExactlyInAnyOrder("both-0", "both-1", "both-2", "both-3",
              "old-only-0", "old-only-1", "old-only-2", "new-only-0", "new-only-1");
    }
  }

  @Test
  void shadowMismatchesTripTheGuardBackToDualwrite() {
    var settings = MigrationFixture.FAST.withInitialStage(Stage.SHADOW)
        .withGuard(new GuardSettings(true, 0.5, 0.01, Duration.ofSeconds(30), 5, Stage.DUALWRITE));
    try (MemoryMessaging oldBroker = MemoryMessaging.create();
        MemoryMessaging newBroker = MemoryMessaging.create();
        MessagingPair pair = new MessagingPair(
            settings, oldBroker, newBroker, MessagingPair.SETTINGS, null)) {
      List<MigrationEvent> events = new CopyOnWriteArrayList<>();
      pair.controller.addListener(events::add);
      pair.router.subscribe("orders", "billing", m -> CompletableFuture.completedFuture(null));
      for (int i = 0; i < 10; i++) {
        join(oldBroker.publish("orders", message("not-on-new-" + i)));
      }

      Eventually.await(DEADLINE, () -> assertThat(pair.controller.stage()).isEqualTo(Stage.DUALWRITE));
      MigrationStatus status = pair.controller.status();
      assertThat(status.guard().tripped()).isTrue();
      assertThat(status.guard().reason()).contains("mismatch rate");
      assertThat(status.missing()).isPositive();
      // Listeners hear of the trip after the stage changed, not before.
      Eventually.await(DEADLINE, () -> assertThat(events).extracting(MigrationEvent::kind)
          .contains(MigrationEvent.Kind.GUARD_TRIPPED));
    }
  }

  @Test
  void onlyShadowWaitsForComparedMessagesBeforeItIsSafeToAdvance() {
    try (MemoryMessaging oldBroker = MemoryMessaging.create();
        MemoryMessaging newBroker = MemoryMessaging.create();
        MessagingPair pair = MessagingPair.in(Stage.SHADOW, oldBroker, newBroker)) {
      assertThat(pair.controller.status().verdict().reasons())
          .anyMatch(r -> r.contains("only 0 comparisons in the window"));
      pair.controller.moveTo(Stage.LIVE);
      // In live both copies are handled and none compared: the lack of comparisons says nothing.
      assertThat(pair.controller.status().verdict().reasons()).isEmpty();
    }
  }

  @Test
  void rampdownIsSafeToAdvanceOnlyOnceOldIsDrained() {
    try (MemoryMessaging oldBroker = MemoryMessaging.create();
        MemoryMessaging newBroker = MemoryMessaging.create();
        MessagingPair pair = MessagingPair.in(Stage.RAMPDOWN, oldBroker, newBroker)) {
      CompletableFuture<Void> release = new CompletableFuture<>();
      pair.router.subscribe("orders", "billing", m -> release);
      for (int i = 0; i < 3; i++) {
        join(oldBroker.publish("orders", message("legacy-" + i)));
      }

      Eventually.await(DEADLINE, () -> assertThat(pair.controller.status().verdict().reasons())
          .contains("old backend has 3 unconsumed messages for group billing on topic orders"));
      assertThat(pair.controller.status().verdict().safeToAdvance()).isFalse();

      release.complete(null);
      Eventually.await(DEADLINE, () -> {
        MigrationStatus.Verdict verdict = pair.controller.status().verdict();
        assertThat(verdict.reasons()).isEmpty();
        assertThat(verdict.safeToAdvance()).isTrue();
      });
      assertThat(join(oldBroker.lag("orders", "billing"))).containsEntry(0, 0L);
    }
  }

  @Test
  void rampdownIsNeverSafeToAdvanceWhenOldCannotReportLag() {
    try (MemoryMessaging oldBroker = MemoryMessaging.create();
        MemoryMessaging newBroker = MemoryMessaging.create();
        MessagingPair pair = MessagingPair.in(Stage.RAMPDOWN, new WithoutLag(oldBroker), newBroker)) {
      pair.router.subscribe("orders", "billing", m -> CompletableFuture.completedFuture(null));
      MigrationStatus.Verdict verdict = pair.controller.status().verdict();
      assertThat(verdict.safeToAdvance()).isFalse();
      assertThat(verdict.reasons()).anyMatch(r -> r.contains("cannot report consumer lag"));
    }
  }

  @Test
  void aHangingLagQueryNeitherBlocksTheVerdictNorStopsLaterQueries() throws Exception {
    Fault fault = new Fault();
    try (MemoryMessaging oldBroker = MemoryMessaging.create();
        MemoryMessaging newBroker = MemoryMessaging.create();
        MessagingPair pair = MessagingPair.in(
            Stage.RAMPDOWN, new FaultyMessaging(oldBroker, fault), newBroker)) {
      pair.router.subscribe("orders", "billing", m -> CompletableFuture.completedFuture(null));
      fault.hang();
      // status() answers from what it knows; if it waited for the hanging query, this would not return.
      MigrationStatus.Verdict verdict = CompletableFuture.supplyAsync(() -> pair.controller.status())
          .get(5, TimeUnit.SECONDS).verdict();
      assertThat(verdict.safeToAdvance()).isFalse();
      assertThat(verdict.reasons()).anyMatch(r -> r.contains("not known yet"));

      fault.heal();
      // The hung query times out after the mirror timeout; the next one answers.
      Eventually.await(DEADLINE,
          () -> assertThat(pair.controller.status().verdict().safeToAdvance()).isTrue());
    }
  }

  @Test
  void aStageChangeDropsLagFiguresTakenBeforeIt() {
    // Figures are asked for again only once a minute, unless a stage change drops them.
    var settings = MigrationFixture.FAST.withInitialStage(Stage.RAMPDOWN)
        .withTimeouts(Duration.ofMillis(200), Duration.ofMillis(500), Duration.ofMinutes(1));
    try (MemoryMessaging oldBroker = MemoryMessaging.create();
        MemoryMessaging newBroker = MemoryMessaging.create();
        MessagingPair pair = new MessagingPair(
            settings, oldBroker, newBroker, MessagingPair.SETTINGS, null)) {
      CompletableFuture<Void> release = new CompletableFuture<>();
      pair.router.subscribe("orders", "billing", m -> release);
      Eventually.await(DEADLINE,
          () -> assertThat(pair.controller.status().verdict().safeToAdvance()).isTrue());

      pair.controller.moveTo(Stage.LIVE);
      join(pair.router.publish("orders", message("published-in-live")));
      pair.controller.moveTo(Stage.RAMPDOWN);

      assertThat(pair.controller.status().verdict().safeToAdvance())
          .as("the figure from before live no longer counts").isFalse();
      Eventually.await(DEADLINE, () -> assertThat(pair.controller.status().verdict().reasons())
          .contains("old backend has 1 unconsumed messages for group billing on topic orders"));
      release.complete(null);
    }
  }

  /** A backend that offers no lag: it reports none of the delegate's abilities. */
  private static final class WithoutLag implements Messaging {
    private final Messaging delegate;

    WithoutLag(Messaging delegate) {
      this.delegate = delegate;
    }

    @Override
    public CompletionStage<Void> publish(String topic, Message message) {
      return delegate.publish(topic, message);
    }

    @Override
    public Subscription subscribe(String topic, String group, MessageHandler handler) {
      return delegate.subscribe(topic, group, handler);
    }

    @Override
    public Set<MessagingFeature> features() {
      return Set.of();
    }

    @Override
    public CompletionStage<Void> closeAsync() {
      return delegate.closeAsync();
    }
  }
}
