package dev.switchback.memory.cache;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchback.Capability;
import dev.switchback.ConfigurationException;
import dev.switchback.cache.Cache;
import dev.switchback.cache.spi.CacheProvider;
import dev.switchback.spi.ProviderContext;
import dev.switchback.testkit.ConfigProviderContext;
import dev.switchback.testkit.RegisteredProviders;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class MemoryCacheProviderTest {

  @Test
  void serviceLoaderFindsTheProviderUnderTheNameMemory() {
    CacheProvider provider = RegisteredProviders.named(CacheProvider.class, "memory");

    assertThat(provider).isInstanceOf(MemoryCacheProvider.class);
    assertThat(provider.configMapping()).contains(MemoryCacheConfig.class);
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
    Cache cache = new MemoryCacheProvider().create(context("2"));
    for (String key : new String[] {"a", "b", "c"}) {
      cache.put(key, key.getBytes(UTF_8)).toCompletableFuture().join();
    }

    assertThat(cache).isInstanceOf(MemoryCache.class);
    assertThat(cache.get("a").toCompletableFuture().join()).isEmpty();
    assertThat(cache.get("c").toCompletableFuture().join()).isPresent();
  }

  @Test
  void nonPositiveMaxEntriesFailsNamingTheKey() {
    ProviderContext context = context("0");

    assertThatThrownBy(() -> new MemoryCacheProvider().create(context))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("switchback.cache.memory.max-entries");
  }

  /** A context whose configuration sets {@code switchback.cache.memory.max-entries}. */
  private static ProviderContext context(String maxEntries) {
    return ConfigProviderContext.of(
        Capability.CACHE,
        MemoryCacheConfig.class,
        Map.of("switchback.cache.memory.max-entries", maxEntries));
  }
}
