package dev.switchback.memory.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchback.Capability;
import dev.switchback.ConfigurationException;
import dev.switchback.TooLargeException;
import dev.switchback.sessions.spi.SessionStore;
import dev.switchback.sessions.spi.SessionsProvider;
import dev.switchback.spi.ProviderContext;
import dev.switchback.testkit.ConfigProviderContext;
import dev.switchback.testkit.RegisteredProviders;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

final class MemorySessionsProviderTest {

  @Test
  void serviceLoaderFindsTheProviderUnderTheNameMemory() {
    SessionsProvider provider = RegisteredProviders.named(SessionsProvider.class, "memory");

    assertThat(provider).isInstanceOf(MemorySessionsProvider.class);
    assertThat(provider.configMapping()).contains(MemorySessionsConfig.class);
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
    SessionStore store = new MemorySessionsProvider().create(context("1", "8"));
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
    ProviderContext noSessions = context("0", "10");
    ProviderContext noBytes = context("10", "0");

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

  /** A context whose configuration sets the store's two limits. */
  private static ProviderContext context(String maxSessions, String maxSessionBytes) {
    return ConfigProviderContext.of(
        Capability.SESSIONS,
        MemorySessionsConfig.class,
        Map.of(
            "switchback.sessions.memory.max-sessions", maxSessions,
            "switchback.sessions.memory.max-session-bytes", maxSessionBytes));
  }
}
