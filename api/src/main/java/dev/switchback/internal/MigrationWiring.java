package dev.switchback.internal;

import dev.switchback.Capability;
import dev.switchback.ConfigurationException;
import dev.switchback.auth.Auth;
import dev.switchback.cache.Cache;
import dev.switchback.config.DedupConfig;
import dev.switchback.config.GuardConfig;
import dev.switchback.config.MessagingMigrationConfig;
import dev.switchback.config.MigrationConfig;
import dev.switchback.messaging.Messaging;
import dev.switchback.migration.Migration;
import dev.switchback.migration.internal.AuthRouter;
import dev.switchback.migration.internal.CacheRouter;
import dev.switchback.migration.internal.MessagingMigrationSettings;
import dev.switchback.migration.internal.MessagingRouter;
import dev.switchback.migration.internal.MigrationSettings;
import dev.switchback.migration.internal.MigrationSettings.GuardSettings;
import dev.switchback.migration.internal.SessionsRouter;
import dev.switchback.migration.internal.StageController;
import dev.switchback.migration.internal.TracingRouter;
import dev.switchback.sessions.spi.SessionStore;
import dev.switchback.spi.ProviderContext;
import dev.switchback.tracing.spi.TracingBackend;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * The one place where the two backends of a migration become the single instance a service
 * uses: a {@link StageController} for the capability and the router that consults it.
 * {@code Switchback} calls {@link #wrap} when {@code switchback.<capability>.migration.target}
 * is set, after creating both backends.
 */
public final class MigrationWiring {
  private static final System.Logger LOG = System.getLogger(MigrationWiring.class.getName());

  private MigrationWiring() {}

  /**
   * A router and the handle that moves its stage.
   *
   * @param instance of the capability's product type (for tracing, a {@code TracingBackend}
   *     that is assembled into a {@code Tracing} afterwards)
   * @param migration the control handle
   */
  public record Routed(Object instance, Migration migration) {}

  /**
   * Routes between {@code oldInstance} and {@code newInstance} by the migration's stage.
   *
   * @param cache the {@code Cache} capability of the same {@code Switchback}, asked for only by a
   *     messaging migration whose de-duplication store is {@code cache}
   * @param cacheConfigured whether {@code switchback.cache.*} names a backend (else the cache is
   *     the in-process default, which other instances do not share)
   */
  public static Routed wrap(
      Capability capability,
      String oldName,
      String newName,
      Object oldInstance,
      Object newInstance,
      MigrationConfig config,
      ProviderContext context,
      Supplier<Cache> cache,
      boolean cacheConfigured) {
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
          case MESSAGING -> messagingRouter(controller, (Messaging) oldInstance,
              (Messaging) newInstance, scheduler, (MessagingMigrationConfig) config, cache,
              cacheConfigured);
          case AUTH -> new AuthRouter(controller, (Auth) oldInstance, (Auth) newInstance);
          case TRACING -> TracingRouter.route(
              controller, (TracingBackend) oldInstance, (TracingBackend) newInstance);
          case DATABASE -> throw new ConfigurationException(
              "switchback.database.migration.target: database migration is not available yet");
        };
    return new Routed(routed, controller);
  }

  private static MessagingRouter messagingRouter(
      StageController controller,
      Messaging oldInstance,
      Messaging newInstance,
      ScheduledExecutorService scheduler,
      MessagingMigrationConfig config,
      Supplier<Cache> cache,
      boolean cacheConfigured) {
    MessagingMigrationSettings settings = messagingSettings(config);
    Cache shared = null;
    if (settings.store() == MessagingMigrationSettings.Store.CACHE) {
      shared = cache.get();
      if (!cacheConfigured) {
        LOG.log(Level.WARNING, "switchback.messaging.migration.dedup.store=cache keeps handled"
            + " message ids in the default in-process cache, which other instances do not share;"
            + " set switchback.cache.backend to a shared cache such as redis");
      }
    }
    return new MessagingRouter(controller, oldInstance, newInstance, scheduler, settings, shared);
  }

  /** The messaging engine's own settings from validated configuration. */
  static MessagingMigrationSettings messagingSettings(MessagingMigrationConfig c) {
    DedupConfig d = c.dedup();
    return new MessagingMigrationSettings(
        MessagingMigrationSettings.Store.valueOf(d.store().trim().toUpperCase(Locale.ROOT)),
        d.window(),
        d.maxEntries(),
        d.claimTimeout(),
        c.shadowGrace());
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
