package dev.switchback.memory.migration;

import dev.switchback.Capability;
import dev.switchback.cache.Cache;
import dev.switchback.memory.messaging.MemoryMessaging;
import dev.switchback.messaging.Message;
import dev.switchback.messaging.Messaging;
import dev.switchback.migration.Stage;
import dev.switchback.migration.internal.MessagingMigrationSettings;
import dev.switchback.migration.internal.MessagingRouter;
import dev.switchback.migration.internal.MigrationSettings;
import dev.switchback.migration.internal.StageController;
import io.opentelemetry.api.OpenTelemetry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * A messaging router over two backends, with its own controller and scheduler; several pairs may
 * share the backends, as several instances of a service share brokers. Closing closes the router
 * and scheduler, not the backends.
 */
final class MessagingPair implements AutoCloseable {
  static final Duration GRACE = Duration.ofMillis(300);
  static final MessagingMigrationSettings SETTINGS =
      MessagingMigrationSettings.DEFAULTS.withShadowGrace(GRACE);

  final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, r -> {
    Thread t = new Thread(r, "messaging-pair");
    t.setDaemon(true);
    return t;
  });
  final StageController controller;
  final MessagingRouter router;

  MessagingPair(MigrationSettings settings, Messaging oldMessaging, Messaging newMessaging,
      MessagingMigrationSettings messaging, @Nullable Cache cache) {
    controller = new StageController(Capability.MESSAGING, "memory", "memory", settings,
        OpenTelemetry.noop(), scheduler, Clock.systemUTC());
    router = new MessagingRouter(controller, oldMessaging, newMessaging, scheduler, messaging, cache);
  }

  /** A pair in {@code stage}, guard off, de-duplicating in memory. */
  static MessagingPair in(Stage stage, Messaging oldMessaging, Messaging newMessaging) {
    return new MessagingPair(MigrationFixture.FAST.withInitialStage(stage), oldMessaging,
        newMessaging, SETTINGS, null);
  }

  /** A broker that redelivers quickly, so a refused delivery comes back within a test. */
  static MemoryMessaging broker() {
    return MemoryMessaging.builder()
        .redeliveryDelay(Duration.ofMillis(10), Duration.ofMillis(100))
        .build();
  }

  static Message message(String id) {
    return new Message(id, null, id.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  /** A handler that records the id of every run it completes. */
  static CompletionStage<Void> record(List<String> ids, Message m) {
    ids.add(m.id());
    return CompletableFuture.completedFuture(null);
  }

  static <T> T join(CompletionStage<T> stage) {
    return stage.toCompletableFuture().join();
  }

  /** Closes the router, waiting at most 5 seconds (a handler a failed test left hanging). */
  @Override
  public void close() {
    try {
      router.closeAsync().toCompletableFuture().get(5, TimeUnit.SECONDS);
    } catch (TimeoutException | ExecutionException e) {
      // the test's own assertions say what went wrong
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      scheduler.shutdownNow();
    }
  }
}
