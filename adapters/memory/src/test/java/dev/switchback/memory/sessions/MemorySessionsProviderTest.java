package dev.switchback.memory.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchback.Capability;
import dev.switchback.ConfigurationException;
import dev.switchback.TooLargeException;
import dev.switchback.sessions.spi.SessionStore;
import dev.switchback.sessions.spi.SessionsProvider;
import dev.switchback.spi.ProviderContext;
import dev.switchback.spi.SharedResources;
import io.opentelemetry.api.OpenTelemetry;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

final class MemorySessionsProviderTest {

  @Test
  void serviceLoaderFindsTheProviderUnderTheNameMemory() {
    assertThat(ServiceLoader.load(SessionsProvider.class).stream().map(ServiceLoader.Provider::get))
        .anySatisfy(
            provider -> {
              assertThat(provider).isInstanceOf(MemorySessionsProvider.class);
              assertThat(provider.name()).isEqualTo("memory");
              assertThat(provider.configMapping()).contains(MemorySessionsConfig.class);
            });
  }

  @Test
  void configLivesUnderItsPrefixWithTheBuilderDefaults() throws NoSuchMethodException {
    assertThat(MemorySessionsConfig.class.getAnnotation(ConfigMapping.class).prefix())
        .isEqualTo("switchback.sessions.memory");
    assertThat(defaultOf("maxSessions"))
        .isEqualTo(Integer.toString(MemorySessions.DEFAULT_MAX_SESSIONS));
    assertThat(defaultOf("maxSessionBytes"))
        .isEqualTo(Integer.toString(MemorySessions.DEFAULT_MAX_SESSION_BYTES));
  }

  @Test
  void configuredLimitsApplyToTheStore() {
    SessionStore store = new MemorySessionsProvider().create(context(new Settings(1, 8)));
    Duration ttl = Duration.ofMinutes(1);

    assertThatThrownBy(
            () -> store.create("u", Map.of("k", "12345678"), ttl).toCompletableFuture().join())
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(TooLargeException.class);
    store.create("u", Map.of(), ttl).toCompletableFuture().join();
    assertThat(store.create("u", Map.of(), ttl).toCompletableFuture()).isCompletedExceptionally();
  }

  @Test
  void nonPositiveLimitsFailNamingTheKey() {
    ProviderContext noSessions = context(new Settings(0, 10));
    ProviderContext noBytes = context(new Settings(10, 0));

    assertThatThrownBy(() -> new MemorySessionsProvider().create(noSessions))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("switchback.sessions.memory.max-sessions");
    assertThatThrownBy(() -> new MemorySessionsProvider().create(noBytes))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("switchback.sessions.memory.max-session-bytes");
  }

  private static String defaultOf(String method) throws NoSuchMethodException {
    return MemorySessionsConfig.class.getMethod(method).getAnnotation(WithDefault.class).value();
  }

  /** Configuration values as SmallRye would map them. */
  private record Settings(int maxSessions, int maxSessionBytes) implements MemorySessionsConfig {}

  /** A context that serves {@code config} as the provider's configuration mapping. */
  private static ProviderContext context(MemorySessionsConfig config) {
    return new ProviderContext() {
      @Override
      public Capability capability() {
        return Capability.SESSIONS;
      }

      @Override
      public String role() {
        return "primary";
      }

      @Override
      public <C> C config(Class<C> mapping) {
        return mapping.cast(config);
      }

      @Override
      public OpenTelemetry openTelemetry() {
        return OpenTelemetry.noop();
      }

      @Override
      public SharedResources resources() {
        throw new UnsupportedOperationException(
            "the memory session store uses no shared resources");
      }
    };
  }
}
