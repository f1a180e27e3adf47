package dev.switchback.memory.migration;

import dev.switchback.Capability;
import dev.switchback.memory.cache.MemoryCache;
import dev.switchback.memory.sessions.MemorySessions;
import dev.switchback.migration.Stage;
import dev.switchback.migration.internal.CacheRouter;
import dev.switchback.migration.internal.MigrationSettings;
import dev.switchback.migration.internal.MigrationSettings.GuardSettings;
import dev.switchback.migration.internal.SessionsRouter;
import dev.switchback.migration.internal.StageController;
import dev.switchback.testkit.faults.Fault;
import dev.switchback.testkit.faults.FaultyCache;
import dev.switchback.testkit.faults.FaultySessions;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Two real in-memory stores, each behind a switchable fault, joined by a router in a given
 * stage. Timeouts are short so fault tests finish in seconds.
 */
final class MigrationFixture implements AutoCloseable {
  static final MigrationSettings FAST =
      MigrationSettings.DEFAULTS.withTimeouts(
              Duration.ofMillis(200), Duration.ofMillis(500), Duration.ofMillis(20))
          .withGuard(new GuardSettings(false, 0.05, 0.01, Duration.ofSeconds(10), 20, Stage.DUALWRITE));

  final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, r -> {
    Thread t = new Thread(r, "migration-test");
    t.setDaemon(true);
    return t;
  });
  final Fault oldFault = new Fault();
  final Fault newFault = new Fault();
  final MemoryCache oldCache = MemoryCache.create();
  final MemoryCache newCache = MemoryCache.create();
  final MemorySessions oldSessions = MemorySessions.create();
  final MemorySessions newSessions = MemorySessions.create();
  /** Controls the cache migration. */
  final StageController controller;
  /** Controls the sessions migration. */
  final StageController sessionsController;
  final CacheRouter cache;
  final SessionsRouter sessions;

  MigrationFixture(MigrationSettings settings) {
    controller =
        new StageController(
            Capability.CACHE, "memory", "memory", settings, OpenTelemetry.noop(), scheduler, Clock.systemUTC());
    sessionsController =
        new StageController(
            Capability.SESSIONS, "memory", "memory", settings, OpenTelemetry.noop(), scheduler, Clock.systemUTC());
    cache =
        new CacheRouter(
            controller,
            new FaultyCache(oldCache, oldFault),
            new FaultyCache(newCache, newFault),
            scheduler,
            Clock.systemUTC());
    sessions =
        new SessionsRouter(
            sessionsController,
            new FaultySessions(oldSessions, oldFault),
            new FaultySessions(newSessions, newFault),
            scheduler,
            Clock.systemUTC());
  }

  static MigrationFixture cache(Stage stage) {
    return new MigrationFixture(FAST.withInitialStage(stage));
  }

  static MigrationFixture sessions(Stage stage) {
    return new MigrationFixture(FAST.withInitialStage(stage));
  }

  @Override
  public void close() {
    cache.close();
    sessions.close();
    oldCache.close();
    newCache.close();
    oldSessions.close();
    newSessions.close();
    scheduler.shutdownNow();
  }
}
