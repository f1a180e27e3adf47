package dev.switchback.memory.cache;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchback.Capability;
import dev.switchback.ConfigurationException;
import dev.switchback.cache.Cache;
import dev.switchback.cache.spi.CacheProvider;
import dev.switchback.spi.ProviderContext;
import dev.switchback.spi.SharedResources;
import io.opentelemetry.api.OpenTelemetry;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

final class MemoryCacheProviderTest {

  @Test
  void serviceLoaderFindsTheProviderUnderTheNameMemory() {
    assertThat(ServiceLoader.load(CacheProvider.class).stream().map(ServiceLoader.Provider::get))
        .anySatisfy(
            provider -> {
              assertThat(provider).isInstanceOf(MemoryCacheProvider.class);
              assertThat(provider.name()).isEqualTo("memory");
              assertThat(provider.configMapping()).contains(MemoryCacheConfig.class);
            });
  }

  @Test
  void configLivesUnderItsPrefixWithTheBuilderDefault() throws NoSuchMethodException {
    assertThat(MemoryCacheConfig.class.getAnnotation(ConfigMapping.class).prefix())
        .isEqualTo("switchback.cache.memory");
    assertThat(
            MemoryCacheConfig.class
                .getMethod("maxEntries")
                .getAnnotation(WithDefault.class)
                .value())
        .isEqualTo(Integer.toString(MemoryCache.DEFAULT_MAX_ENTRIES));
  }

  @Test
  void configuredMaxEntriesBoundsTheCache() {
    Cache cache = new MemoryCacheProvider().create(context(() -> 2));
    for (String key : new String[] {"a", "b", "c"}) {
      cache.put(key, key.getBytes(UTF_8)).toCompletableFuture().join();
    }

    assertThat(cache).isInstanceOf(MemoryCache.class);
    assertThat(cache.get("a").toCompletableFuture().join()).isEmpty();
    assertThat(cache.get("c").toCompletableFuture().join()).isPresent();
  }

  @Test
  void nonPositiveMaxEntriesFailsNamingTheKey() {
    ProviderContext context = context(() -> 0);

    assertThatThrownBy(() -> new MemoryCacheProvider().create(context))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("switchback.cache.memory.max-entries");
  }

  /** A context that serves {@code config} as the provider's configuration mapping. */
  private static ProviderContext context(MemoryCacheConfig config) {
    return new ProviderContext() {
      @Override
      public Capability capability() {
        return Capability.CACHE;
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
        throw new UnsupportedOperationException("the memory cache uses no shared resources");
      }
    };
  }
}
