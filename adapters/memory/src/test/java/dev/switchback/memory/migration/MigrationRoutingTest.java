package dev.switchback.memory.migration;

import static dev.switchback.memory.migration.CacheMigrationReliabilityTest.join;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchback.Capability;
import dev.switchback.auth.Tokens;
import dev.switchback.auth.UserDirectory;
import dev.switchback.memory.auth.MemoryAuth;
import dev.switchback.memory.messaging.MemoryMessaging;
import dev.switchback.memory.tracing.MemorySpanExporter;
import dev.switchback.memory.tracing.MemoryTracingBackend;
import dev.switchback.messaging.Message;
import dev.switchback.messaging.Subscription;
import dev.switchback.migration.Stage;
import dev.switchback.migration.internal.AuthRouter;
import dev.switchback.migration.internal.MessagingRouter;
import dev.switchback.migration.internal.TracingRouter;
import dev.switchback.testkit.Eventually;
import dev.switchback.tracing.Tracing;
import dev.switchback.tracing.sdk.SdkTracing;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** What each capability's router does per stage beyond its contract (DESIGN §4). */
class MigrationRoutingTest {
  private static final Duration DEADLINE = Duration.ofSeconds(10);

  @Test
  void loginAgainstOldMigratesTheUserIntoNewWithTheSamePassword() {
    try (StagePairs pair = new StagePairs(Capability.AUTH, Stage.DUALWRITE);
        MemoryAuth oldAuth = MemoryAuth.builder().issuer("old").bcryptCost(4).build();
        MemoryAuth newAuth = MemoryAuth.builder().issuer("new").bcryptCost(4).build()) {
      join(oldAuth.ability(UserDirectory.class).orElseThrow().upsert("ann", "s3cret-pw".toCharArray(), Set.of("ops")));
      AuthRouter router = new AuthRouter(pair.controller, oldAuth, newAuth);

      Tokens fromOld = join(router.login("ann", "s3cret-pw".toCharArray()));
      assertThat(join(router.verify(fromOld.accessToken())).issuer()).isEqualTo("old");
      Eventually.await(DEADLINE, () -> assertThat(join(newAuth.login("ann", "s3cret-pw".toCharArray()))).isNotNull());
      assertThat(join(newAuth.ability(UserDirectory.class).orElseThrow().find("ann")).orElseThrow().groups())
          .containsExactly("ops");

      pair.controller.moveTo(Stage.SHADOW);
      pair.controller.moveTo(Stage.LIVE);
      Tokens fromNew = join(router.login("ann", "s3cret-pw".toCharArray()));
      assertThat(join(router.verify(fromNew.accessToken())).issuer()).isEqualTo("new");
      // Until complete, tokens of both issuers verify.
      assertThat(join(router.verify(fromOld.accessToken())).username()).isEqualTo("ann");
    }
  }

  @Test
  void liveLoginFallsBackToOldForUsersNotYetMigrated() {
    try (StagePairs pair = new StagePairs(Capability.AUTH, Stage.LIVE);
        MemoryAuth oldAuth = MemoryAuth.builder().issuer("old").bcryptCost(4).build();
        MemoryAuth newAuth = MemoryAuth.builder().issuer("new").bcryptCost(4).build()) {
      join(oldAuth.ability(UserDirectory.class).orElseThrow().upsert("bo", "pw-of-bo".toCharArray(), Set.of()));
      AuthRouter router = new AuthRouter(pair.controller, oldAuth, newAuth);
      Tokens tokens = join(router.login("bo", "pw-of-bo".toCharArray()));
      assertThat(join(router.verify(tokens.accessToken())).issuer()).isEqualTo("new");
      assertThat(join(newAuth.ability(UserDirectory.class).orElseThrow().find("bo"))).isPresent();
    }
  }

  @Test
  void liveConsumersSeeEachMessageOnceThoughBothBackendsCarryIt() {
    try (StagePairs pair = new StagePairs(Capability.MESSAGING, Stage.LIVE);
        MemoryMessaging oldMessaging = MemoryMessaging.create();
        MemoryMessaging newMessaging = MemoryMessaging.create()) {
      MessagingRouter router = new MessagingRouter(pair.controller, oldMessaging, newMessaging, pair.scheduler);
      List<String> handled = new CopyOnWriteArrayList<>();
      List<String> onOld = new CopyOnWriteArrayList<>();
      List<String> onNew = new CopyOnWriteArrayList<>();
      try (Subscription s = router.subscribe("orders", "billing", m -> {
            handled.add(m.id());
            return CompletableFuture.completedFuture(null);
          });
          Subscription o = oldMessaging.subscribe("orders", "probe", m -> record(onOld, m));
          Subscription n = newMessaging.subscribe("orders", "probe", m -> record(onNew, m))) {
        for (int i = 0; i < 50; i++) {
          join(router.publish("orders", new Message("m" + i, null, bytes("x"), Map.of())));
        }
        Eventually.await(DEADLINE, () -> {
          assertThat(onOld).hasSize(50);
          assertThat(onNew).hasSize(50);
          assertThat(handled).hasSize(50);
        });
        Thread.sleep(200); // a duplicate, had there been one, would have arrived by now
        assertThat(handled).doesNotHaveDuplicates().hasSize(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Test
  void rampdownPublishesToNewOnlyAndStillDrainsOld() throws Exception {
    try (StagePairs pair = new StagePairs(Capability.MESSAGING, Stage.LIVE);
        MemoryMessaging oldMessaging = MemoryMessaging.create();
        MemoryMessaging newMessaging = MemoryMessaging.create()) {
      // A message only old has, published before the router existed.
      join(oldMessaging.publish("orders", new Message("legacy", null, bytes("x"), Map.of())));
      MessagingRouter router = new MessagingRouter(pair.controller, oldMessaging, newMessaging, pair.scheduler);
      pair.controller.moveTo(Stage.RAMPDOWN);
      List<String> handled = new CopyOnWriteArrayList<>();
      List<String> onOld = new CopyOnWriteArrayList<>();
      try (Subscription s = router.subscribe("orders", "billing", m -> record(handled, m));
          Subscription o = oldMessaging.subscribe("orders", "probe", m -> record(onOld, m))) {
        join(router.publish("orders", new Message("fresh", null, bytes("y"), Map.of())));
        Eventually.await(DEADLINE, () -> assertThat(handled).containsExactlyInAnyOrder("legacy", "fresh"));
        Thread.sleep(100);
        assertThat(onOld).containsExactly("legacy");
      }
    }
  }

  @Test
  void failedPublishToTheOtherBackendIsRepublishedByTheReconciler() {
    try (StagePairs pair = new StagePairs(Capability.MESSAGING, Stage.DUALWRITE);
        MemoryMessaging oldMessaging = MemoryMessaging.create();
        MemoryMessaging newMessaging = MemoryMessaging.builder().maxPayloadBytes(4).build()) {
      MessagingRouter router = new MessagingRouter(pair.controller, oldMessaging, newMessaging, pair.scheduler);
      // New refuses this payload: the publish still succeeds (old is authoritative) and is journaled.
      join(router.publish("orders", new Message("big", null, bytes("too large"), Map.of())));
      Eventually.await(DEADLINE, () -> assertThat(pair.controller.status().divergenceBacklog()).isEqualTo(1));
      assertThat(pair.controller.status().newStats().errors()).isPositive();
    }
  }

  @Test
  void tracingExportsToBothBackendsFromDualWriteToRampdownAndToNewWhenComplete() {
    for (Stage stage : List.of(Stage.OFF, Stage.DUALWRITE, Stage.RAMPDOWN, Stage.COMPLETE)) {
      MemorySpanExporter oldExporter = new MemorySpanExporter();
      MemorySpanExporter newExporter = new MemorySpanExporter();
      try (StagePairs pair = new StagePairs(Capability.TRACING, stage);
          Tracing tracing = SdkTracing.create(
              TracingRouter.route(pair.controller, MemoryTracingBackend.create(oldExporter),
                  MemoryTracingBackend.create(newExporter)), "routing-test")) {
        tracing.openTelemetry().getTracer("t").spanBuilder("work").startSpan().end();
        join(tracing.flush());
        assertThat(oldExporter.finishedSpans()).as("old in %s", stage).hasSize(stage.writesOld() ? 1 : 0);
        assertThat(newExporter.finishedSpans()).as("new in %s", stage).hasSize(stage.writesNew() ? 1 : 0);
      }
    }
  }

  private static CompletableFuture<Void> record(List<String> ids, Message m) {
    ids.add(m.id());
    return CompletableFuture.completedFuture(null);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
