package dev.switchback;

import static java.util.Objects.requireNonNull;

import dev.switchback.auth.Auth;
import dev.switchback.cache.Cache;
import dev.switchback.database.Database;
import dev.switchback.internal.BackendCatalog;
import dev.switchback.internal.BackendChoice;
import dev.switchback.internal.CapabilityContext;
import dev.switchback.internal.CapabilityInstances;
import dev.switchback.internal.ConfigReader;
import dev.switchback.internal.ControlSourceSchemes;
import dev.switchback.internal.ReadConfiguration;
import dev.switchback.messaging.Messaging;
import dev.switchback.migration.Migration;
import dev.switchback.migration.Side;
import dev.switchback.sessions.Sessions;
import dev.switchback.tracing.Tracing;
import io.opentelemetry.api.OpenTelemetry;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.jspecify.annotations.Nullable;

/**
 * The entry point for plain Java: reads configuration, creates the six capabilities with the
 * backends it names, and closes them all on {@link #close()}.
 *
 * <pre>{@code
 * try (Switchback switchback = Switchback.fromConfig()) {
 *   switchback.cache().put("greeting", "hello".getBytes(UTF_8));
 * }
 * }</pre>
 *
 * <h2>Configuration</h2>
 *
 * Read from SmallRye Config: system properties, environment variables ({@code
 * SWITCHBACK_CACHE_BACKEND} for {@code switchback.cache.backend}), {@code
 * config/application.properties} in the working directory and {@code application.properties} on
 * the classpath. For each capability ({@code cache}, {@code sessions}, {@code messaging}, {@code
 * auth}, {@code tracing}, {@code database}):
 *
 * <ul>
 *   <li>{@code switchback.<capability>.backend}: the backend's name, such as {@code redis};
 *   <li>{@code switchback.<capability>.<backend>.*}: that backend's own settings;
 *   <li>{@code switchback.<capability>.migration.target}: turns a migration on, towards this
 *       backend; {@code migration.stage}, {@code migration.canary-percent}, {@code
 *       migration.shadow-timeout}, {@code migration.mirror-timeout}, {@code
 *       migration.reconcile-interval} and {@code migration.guard.*} tune it (see {@link
 *       dev.switchback.config.MigrationConfig}); a messaging migration adds {@code
 *       migration.shadow-grace} and {@code migration.dedup.*} (see {@link
 *       dev.switchback.config.MessagingMigrationConfig}).
 * </ul>
 *
 * Also {@code switchback.tracing.service-name}, {@code switchback.control.source} ({@code none},
 * {@code file:<path>}, {@code ssm:<path>}) and {@code switchback.control.poll-interval}. See
 * {@link dev.switchback.config.SwitchbackConfig}.
 *
 * <h2>Lifecycle</h2>
 *
 * <ul>
 *   <li>{@code fromConfig} reads and validates all configuration first and fails fast with a
 *       {@link ConfigurationException} naming the key: unknown keys under {@code switchback.},
 *       unknown backend names, backends whose module is missing, bad values, values out of range.
 *   <li>Capabilities whose backend or migration target is configured are created in {@code
 *       fromConfig}, tracing first, so the others are instrumented with its {@code
 *       OpenTelemetry}. If one fails, those already created are closed and the error is thrown.
 *   <li>An unconfigured capability is created on first request with the backend {@code memory}
 *       (module {@code dev.switchback:switchback-memory}); the database has no default.
 *   <li>With a migration target, both backends are created (roles {@code old} and {@code new})
 *       and the accessor returns the instance that routes between them.
 *   <li>{@link #closeAsync()} closes everything created, in the reverse order of creation, then
 *       the resources the adapters share; {@link #close()} waits at most {@link #CLOSE_TIMEOUT}.
 *       Closing again is harmless; accessors throw {@link IllegalStateException} after close.
 * </ul>
 *
 * <p>Thread safe.
 */
public final class Switchback implements AsyncCloseable {

  /**
   * The ordinal of the properties given to {@link #fromConfig(Map)}: above system properties
   * (400) and environment variables (300).
   */
  public static final int PROPERTIES_ORDINAL = 500;

  private final CapabilityInstances instances;

  private Switchback(CapabilityInstances instances) {
    this.instances = instances;
  }

  /**
   * Reads configuration from the default sources and creates the configured capabilities.
   *
   * @throws ConfigurationException naming the key, when configuration is wrong or names a
   *     backend whose module is not on the classpath
   * @throws SwitchbackException when a configured backend cannot be created
   */
  public static Switchback fromConfig() {
    return create(List.of(), true);
  }

  /**
   * Like {@link #fromConfig()}, with {@code properties} taking precedence over every default
   * source (ordinal {@value #PROPERTIES_ORDINAL}). Handy for tests and samples.
   *
   * @throws ConfigurationException naming the key, when configuration is wrong
   * @throws SwitchbackException when a configured backend cannot be created
   */
  public static Switchback fromConfig(Map<String, String> properties) {
    requireNonNull(properties, "properties");
    return create(List.of(new PropertiesConfigSource(Map.copyOf(properties),
        "Switchback.fromConfig(Map)", PROPERTIES_ORDINAL)), true);
  }

  /** Reads only {@code sources}, without the default ones; for tests. */
  static Switchback fromSources(List<ConfigSource> sources) {
    return create(sources, false);
  }

  /**
   * A builder for a Switchback that reads an application's own configuration or instruments
   * through the application's OpenTelemetry; what frameworks such as Quarkus use.
   */
  public static Builder builder() {
    return new Builder();
  }

  private static Switchback create(List<ConfigSource> sources, boolean defaultSources) {
    return create((reader, loader) -> reader.read(sources, defaultSources, loader), null);
  }

  private static Switchback create(
      BiFunction<ConfigReader, ClassLoader, ReadConfiguration> read,
      @Nullable OpenTelemetry appOpenTelemetry) {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader == null) {
      loader = Switchback.class.getClassLoader();
    }
    BackendCatalog catalog = BackendCatalog.discover(loader);
    ConfigReader reader = new ConfigReader(
        catalog, ConfigReader.discoverGroups(loader), ControlSourceSchemes.known());
    ReadConfiguration configuration = read.apply(reader, loader);
    if (appOpenTelemetry != null) {
      refuseTracingBackend(configuration.choice(Capability.TRACING));
    }
    CapabilityInstances instances = new CapabilityInstances(configuration, appOpenTelemetry);
    instances.createConfigured();
    try {
      instances.startControlSource(loader);
    } catch (RuntimeException e) {
      instances.closeAsync();
      throw e;
    }
    return new Switchback(instances);
  }

  /**
   * The cache.
   *
   * @throws ConfigurationException if it is not configured and the default backend's module is
   *     missing
   * @throws IllegalStateException after close
   */
  public Cache cache() {
    return (Cache) instances.get(Capability.CACHE);
  }

  /**
   * The session store.
   *
   * @throws ConfigurationException if it is not configured and the default backend's module is
   *     missing
   * @throws IllegalStateException after close
   */
  public Sessions sessions() {
    return (Sessions) instances.get(Capability.SESSIONS);
  }

  /**
   * Messaging.
   *
   * @throws ConfigurationException if it is not configured and the default backend's module is
   *     missing
   * @throws IllegalStateException after close
   */
  public Messaging messaging() {
    return (Messaging) instances.get(Capability.MESSAGING);
  }

  /**
   * Authentication.
   *
   * @throws ConfigurationException if it is not configured and the default backend's module is
   *     missing
   * @throws IllegalStateException after close
   */
  public Auth auth() {
    return (Auth) instances.get(Capability.AUTH);
  }

  /**
   * Tracing. When {@code switchback.tracing.backend} is configured, the other capabilities are
   * instrumented through it; one created on first request only instruments what is created
   * after it.
   *
   * @throws ConfigurationException if it is not configured and the default backend's module is
   *     missing
   * @throws IllegalStateException after close
   */
  public Tracing tracing() {
    return (Tracing) instances.get(Capability.TRACING);
  }

  /**
   * The database.
   *
   * @throws ConfigurationException naming {@code switchback.database.backend} if it is not set:
   *     the database has no default backend
   * @throws IllegalStateException after close
   */
  public Database database() {
    return (Database) instances.get(Capability.DATABASE);
  }

  /**
   * The backends created so far, in the order of creation: one per capability in use, two (old
   * and new) per capability being migrated. Configured capabilities are created at start, the
   * others on first request. Tracing through the application's OpenTelemetry (see {@link
   * Builder#openTelemetry}) has no backend here.
   *
   * @throws IllegalStateException after close
   */
  public List<Backend> backends() {
    return instances.backends().stream()
        .map(made -> new Backend(made.capability(), side(made.role()), made.name(),
            made.instance()))
        .toList();
  }

  private static @Nullable Side side(String role) {
    return switch (role) {
      case CapabilityContext.OLD -> Side.OLD;
      case CapabilityContext.NEW -> Side.NEW;
      default -> null;
    };
  }

  private static void refuseTracingBackend(BackendChoice tracing) {
    if (tracing.configured()) {
      throw new ConfigurationException(tracing.backendKey() + " and " + tracing.targetKey()
          + " must not be set when the application provides its own OpenTelemetry: Switchback"
          + " instruments through it and sets up no tracing backend; configure export where"
          + " that OpenTelemetry is configured");
    }
  }

  /**
   * The migration of {@code capability}: its stage, canary share, status and events. Present
   * when {@code switchback.<capability>.migration.target} is configured.
   *
   * @throws IllegalStateException after close
   */
  public Optional<Migration> migration(Capability capability) {
    requireNonNull(capability, "capability");
    return instances.migration(capability);
  }

  /**
   * Closes every capability created, in the reverse order of creation, then the shared
   * resources. Completes exceptionally with {@link OperationTimeoutException} naming what did not
   * close in time, or {@link SwitchbackException} naming what failed; everything else is closed
   * regardless. Calling it again returns the same stage.
   */
  @Override
  public CompletionStage<Void> closeAsync() {
    return instances.closeAsync();
  }

  /**
   * Builds a {@link Switchback} from an application's configuration and OpenTelemetry. Without
   * either, {@link #build()} is {@link Switchback#fromConfig()}. Not thread safe.
   */
  public static final class Builder {
    private @Nullable Config config;
    private @Nullable OpenTelemetry openTelemetry;

    private Builder() {}

    /**
     * Reads {@code switchback.*} from {@code config}'s sources instead of the default ones, with
     * its active profiles when it is a SmallRye Config (as Quarkus's is), so {@code
     * %dev.switchback.cache.backend} applies in the dev profile. The keys, their validation and
     * their errors are those of {@link Switchback#fromConfig()}.
     */
    public Builder config(Config config) {
      this.config = requireNonNull(config, "config");
      return this;
    }

    /**
     * Instruments every capability through the application's {@code openTelemetry} and makes it
     * {@link Switchback#tracing()}'s, instead of setting up an SDK for a tracing backend. The
     * application keeps owning it: closing Switchback does not shut it down. {@code
     * switchback.tracing.backend} and {@code switchback.tracing.migration.target} must then be
     * unset.
     */
    public Builder openTelemetry(OpenTelemetry openTelemetry) {
      this.openTelemetry = requireNonNull(openTelemetry, "openTelemetry");
      return this;
    }

    /**
     * Reads the configuration and creates the configured capabilities, as {@link
     * Switchback#fromConfig()} does.
     *
     * @throws ConfigurationException naming the key, when configuration is wrong, names a
     *     backend whose module is missing, or sets a tracing backend next to {@link
     *     #openTelemetry}
     * @throws SwitchbackException when a configured backend cannot be created
     */
    public Switchback build() {
      Config given = config;
      if (given == null) {
        return create((reader, loader) -> reader.read(List.of(), true, loader), openTelemetry);
      }
      List<ConfigSource> sources = new ArrayList<>();
      given.getConfigSources().forEach(sources::add);
      List<String> profiles = given instanceof SmallRyeConfig smallRye
          ? smallRye.getProfiles() : List.of();
      return create((reader, loader) -> reader.read(sources, profiles, loader), openTelemetry);
    }
  }
}
