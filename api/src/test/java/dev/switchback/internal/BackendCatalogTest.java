package dev.switchback.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchback.Capability;
import dev.switchback.ConfigurationException;
import dev.switchback.cache.Cache;
import dev.switchback.cache.spi.CacheProvider;
import dev.switchback.internal.fixtures.TestMemoryCacheProvider;
import dev.switchback.internal.fixtures.TestPlainCacheProvider;
import dev.switchback.spi.ProviderContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BackendCatalogTest {
  private final BackendCatalog catalog =
      BackendCatalog.discover(BackendCatalogTest.class.getClassLoader());

  private static CacheProvider named(String name) {
    return new CacheProvider() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Cache create(ProviderContext context) {
        throw new UnsupportedOperationException("never created");
      }
    };
  }

  @Test
  void providersRegisteredInMetaInfServicesAreFoundPerCapability() {
    assertThat(catalog.providers(Capability.CACHE)).extracting(p -> p.name())
        .containsExactly("testhang", "testmemory", "testplain");
    assertThat(catalog.providers(Capability.DATABASE)).extracting(p -> p.name())
        .containsExactly("testdb");
    assertThat(catalog.find(Capability.MESSAGING, "testmemory")).isPresent();
    assertThat(catalog.find(Capability.MESSAGING, "testplain")).isEmpty();
  }

  @Test
  void acceptedNamesAreTheShippedOnesThenTheDiscoveredOnes() {
    assertThat(catalog.acceptedNames(Capability.AUTH))
        .containsExactly("memory", "file-auth", "cognito", "testmemory");
    assertThat(catalog.acceptedNames(Capability.DATABASE))
        .containsExactly("postgres", "rds", "testdb");
  }

  @Test
  void everyShippedBackendNamesItsArtifact() {
    for (Capability capability : Capability.values()) {
      for (String name : KnownBackends.names(capability)) {
        assertThatThrownBy(() -> catalog.select(capability, name, capability.prefix() + ".backend"))
            .isInstanceOf(ConfigurationException.class)
            .hasMessage(capability.prefix() + ".backend=" + name + " needs the module"
                + " dev.switchback:switchback-" + name + " on the classpath");
      }
    }
  }

  @Test
  void selectingAnUnknownNameListsTheAcceptedValues() {
    assertThatThrownBy(() -> catalog.select(Capability.TRACING, "zipkin", "switchback.tracing.backend"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("Unrecognized value for switchback.tracing.backend: zipkin; accepted values:"
            + " memory, otlp, xray, testmemory");
  }

  @Test
  void twoProvidersWithOneNameAreRefused() {
    assertThatThrownBy(() -> BackendCatalog.of(Map.of(Capability.CACHE,
            List.of(new TestMemoryCacheProvider(), named("testmemory")))))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("two cache backends are named 'testmemory'")
        .hasMessageContaining(TestMemoryCacheProvider.class.getName());
  }

  @Test
  void aProviderNameThatIsNotLowerCaseIsRefused() {
    assertThatThrownBy(() -> BackendCatalog.of(Map.of(Capability.CACHE,
            List.of(new TestPlainCacheProvider(), named("My Cache")))))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'My Cache'")
        .hasMessageContaining("lower-case letters, digits and '-'");
  }

  @Test
  void onlyDatabaseHasNoDefaultBackend() {
    for (Capability capability : Capability.values()) {
      assertThat(KnownBackends.defaultName(capability).isEmpty())
          .isEqualTo(capability == Capability.DATABASE);
    }
  }
}
