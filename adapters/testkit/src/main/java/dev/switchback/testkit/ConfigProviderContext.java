package dev.switchback.testkit;

import static java.util.Objects.requireNonNull;

import dev.switchback.Capability;
import dev.switchback.spi.ProviderContext;
import dev.switchback.spi.SharedResources;
import io.opentelemetry.api.OpenTelemetry;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A {@link ProviderContext} for provider tests: real SmallRye configuration from a map, so a
 * provider reads its settings exactly as it would in an application, the role {@code primary}, no
 * tracing, and shared resources that are never closed (provider tests create none that need it).
 */
public final class ConfigProviderContext implements ProviderContext {
  private final Capability capability;
  private final SmallRyeConfig config;
  private final Map<String, Object> shared = new ConcurrentHashMap<>();

  private ConfigProviderContext(Capability capability, SmallRyeConfig config) {
    this.capability = capability;
    this.config = config;
  }

  /** A context whose configuration holds {@code properties} and maps {@code mapping}. */
  public static ConfigProviderContext of(
      Capability capability, Class<?> mapping, Map<String, String> properties) {
    requireNonNull(capability, "capability");
    requireNonNull(mapping, "mapping");
    requireNonNull(properties, "properties");
    SmallRyeConfig config =
        new SmallRyeConfigBuilder()
            .withMapping(mapping)
            .withSources(new PropertiesConfigSource(properties, "test", 100))
            .build();
    return new ConfigProviderContext(capability, config);
  }

  @Override
  public Capability capability() {
    return capability;
  }

  @Override
  public String role() {
    return "primary";
  }

  @Override
  public <C> C config(Class<C> mapping) {
    return config.getConfigMapping(mapping);
  }

  @Override
  public OpenTelemetry openTelemetry() {
    return OpenTelemetry.noop();
  }

  @Override
  public SharedResources resources() {
    return new SharedResources() {
      @Override
      public <R> R computeIfAbsent(
          String key, Class<R> type, Supplier<R> factory, Consumer<R> closer) {
        return type.cast(shared.computeIfAbsent(key, k -> factory.get()));
      }

      @Override
      public ScheduledExecutorService scheduler() {
        return computeIfAbsent(
            "scheduler",
            ScheduledExecutorService.class,
            Executors::newSingleThreadScheduledExecutor,
            ScheduledExecutorService::shutdown);
      }
    };
  }
}
