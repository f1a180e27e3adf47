package dev.switchback.memory.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchback.Capability;
import dev.switchback.ConfigurationException;
import dev.switchback.auth.Auth;
import dev.switchback.auth.AuthFeature;
import dev.switchback.auth.spi.AuthProvider;
import dev.switchback.testkit.ConfigProviderContext;
import dev.switchback.testkit.RegisteredProviders;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MemoryAuthProviderTest {

  @Test
  void serviceLoaderFindsTheMemoryProvider() {
    AuthProvider provider = memoryProvider();
    assertThat(provider).isInstanceOf(MemoryAuthProvider.class);
    assertThat(provider.configMapping()).contains(MemoryAuthConfig.class);
  }

  @Test
  void defaultsGiveTheDefaultIssuer() {
    try (Auth auth = memoryProvider().create(context(Map.of()))) {
      assertThat(auth.issuer()).isEqualTo(MemoryAuth.DEFAULT_ISSUER);
      assertThat(auth.features()).containsExactly(AuthFeature.USER_DIRECTORY);
    }
  }

  @Test
  void settingsAreApplied() {
    Map<String, String> settings =
        Map.of(
            "switchback.auth.memory.issuer", "https://local.example",
            "switchback.auth.memory.client-id", "web",
            "switchback.auth.memory.bcrypt-cost", "4",
            "switchback.auth.memory.token-ttl", "PT5M");
    try (Auth auth = memoryProvider().create(context(settings))) {
      assertThat(auth.issuer()).isEqualTo("https://local.example");
      assertThat(((MemoryAuth) auth).clientId()).isEqualTo("web");
    }
  }

  @Test
  void bcryptCostOutOfRangeNamesItsKey() {
    assertThatThrownBy(
            () -> memoryProvider().create(context(Map.of("switchback.auth.memory.bcrypt-cost", "3"))))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("switchback.auth.memory.bcrypt-cost");
  }

  private static ConfigProviderContext context(Map<String, String> properties) {
    return ConfigProviderContext.of(Capability.AUTH, MemoryAuthConfig.class, properties);
  }

  private static AuthProvider memoryProvider() {
    return RegisteredProviders.named(AuthProvider.class, "memory");
  }
}
