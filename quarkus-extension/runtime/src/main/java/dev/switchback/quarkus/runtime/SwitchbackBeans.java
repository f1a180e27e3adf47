package dev.switchback.quarkus.runtime;

import dev.switchback.ConfigurationException;
import dev.switchback.Switchback;
import dev.switchback.auth.Auth;
import dev.switchback.cache.Cache;
import dev.switchback.database.Database;
import dev.switchback.messaging.Messaging;
import dev.switchback.sessions.Sessions;
import dev.switchback.tracing.Tracing;
import io.opentelemetry.api.OpenTelemetry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The CDI beans of the extension: one {@link Switchback} per application, created at start from
 * the application's configuration (the same {@code switchback.*} keys as plain Java, with
 * Quarkus's profiles), closed at shutdown, and its six capabilities.
 *
 * <p>The capabilities are singletons taken from it: a configured one exists from the start, an
 * unconfigured one is created with its default backend when first injected (the database, which
 * has none, fails then, naming {@code switchback.database.backend}). Inject {@link Switchback}
 * itself for {@link Switchback#migration} and {@link Switchback#backends()}.
 *
 * <p>When the application has an {@link OpenTelemetry} bean (quarkus-opentelemetry), Switchback
 * instruments through it and sets up no SDK of its own.
 */
@Singleton
public class SwitchbackBeans {

  /**
   * Created at start, so a configuration problem stops the application with a message naming
   * the key (the extension's own keys are checked first).
   */
  @Produces
  @Singleton
  @Startup
  Switchback switchback(Instance<OpenTelemetry> openTelemetry, SwitchbackRuntimeConfig extension) {
    Duration healthTimeout = extension.health().timeout();
    if (healthTimeout.isNegative() || healthTimeout.isZero()) {
      throw new ConfigurationException("quarkus.switchback.health.timeout must be positive, got "
          + healthTimeout + "; accepted values: a duration such as 3s or 500ms");
    }
    Switchback.Builder builder = Switchback.builder().config(ConfigProvider.getConfig());
    if (openTelemetry.isResolvable()) {
      builder.openTelemetry(openTelemetry.get());
    }
    return builder.build();
  }

  void close(@Disposes Switchback switchback) {
    switchback.close();
  }

  @Produces
  @Singleton
  Cache cache(Switchback switchback) {
    return switchback.cache();
  }

  @Produces
  @Singleton
  Sessions sessions(Switchback switchback) {
    return switchback.sessions();
  }

  @Produces
  @Singleton
  Messaging messaging(Switchback switchback) {
    return switchback.messaging();
  }

  @Produces
  @Singleton
  Auth auth(Switchback switchback) {
    return switchback.auth();
  }

  @Produces
  @Singleton
  Tracing tracing(Switchback switchback) {
    return switchback.tracing();
  }

  @Produces
  @Singleton
  Database database(Switchback switchback) {
    return switchback.database();
  }
}
