package dev.switchback.internal;

import dev.switchback.Capability;
import dev.switchback.ConfigurationException;
import dev.switchback.auth.Auth;
import dev.switchback.cache.Cache;
import dev.switchback.config.GuardConfig;
import dev.switchback.config.MigrationConfig;
import dev.switchback.messaging.Messaging;
import dev.switchback.migration.Migration;
import dev.switchback.migration.internal.AuthRouter;
import dev.switchback.migration.internal.CacheRouter;
import dev.switchback.migration.internal.MessagingRouter;
import dev.switchback.migration.internal.MigrationSettings;
import dev.switchback.migration.internal.MigrationSettings.GuardSettings;
import dev.switchback.migration.internal.SessionsRouter;
import dev.switchback.migration.internal.StageController;
import dev.switchback.migration.internal.TracingRouter;
import dev.switchback.sessions.spi.SessionStore;
import dev.switchback.spi.ProviderContext;
import dev.switchback.tracing.spi.TracingBackend;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The one place where the two backends of a migration become the single instance a service
 * uses: a {@link StageController} for the capability and the router that consults it.
 * {@code Switchback} calls {@link #wrap} when {@code switchback.<capability>.migration.target}
 * is set, after creating both backends.
 */
public final class MigrationWiring {
  private MigrationWiring() {}

  /**
   * A router and the handle that moves its stage.
   *
   * @param instance of the capability's product type (for tracing, a {@code TracingBackend}
   *     that is assembled into a {@code Tracing} afterwards)
   * @param migration the control handle
   */
  public record Routed(Object instance, Migration migration) {}

  /** Routes between {@code oldInstance} and {@code newInstance} by the migration's stage. */
  public static Routed wrap(
      Capability capability,
      String oldName,
      String newName,
      Object oldInstance,
      Object newInstance,
      MigrationConfig config,
      ProviderContext context) {
    ScheduledExecutorService scheduler = context.resources().scheduler();
    Clock clock = Clock.systemUTC();
    StageController controller =
        new StageController(
            capability, oldName, newName, settings(config), context.openTelemetry(), scheduler, clock);
    Object routed =
        switch (capability) {
          case CACHE -> new CacheRouter(controller, (Cache) oldInstance, (Cache) newInstance, scheduler, clock);
          case SESSIONS -> new SessionsRouter(
              controller, (SessionStore) oldInstance, (SessionStore) newInstance, scheduler, clock);
          case MESSAGING -> new MessagingRouter(
              controller, (Messaging) oldInstance, (Messaging) newInstance, scheduler);
          case AUTH -> new AuthRouter(controller, (Auth) oldInstance, (Auth) newInstance);
          case TRACING -> TracingRouter.route(
              controller, (TracingBackend) oldInstance, (TracingBackend) newInstance);
          case DATABASE -> throw new ConfigurationException(
              "switchback.database.migration.target: database migration is not available yet");
        };
    return new Routed(routed, controller);
  }

  /** The engine's settings from validated configuration. */
  static MigrationSettings settings(MigrationConfig c) {
    GuardConfig g = c.guard();
    return new MigrationSettings(
        c.stage(),
        c.canaryPercent(),
        c.shadowTimeout(),
        c.mirrorTimeout(),
        c.reconcileInterval(),
        new GuardSettings(
            g.enabled(), g.maxErrorRate(), g.maxMismatchRate(), g.window(), g.minOperations(), g.rollbackTo()));
  }
}
