package dev.switchback.memory.cache;

import dev.switchback.ConfigurationException;
import dev.switchback.cache.Cache;
import dev.switchback.cache.spi.CacheProvider;
import dev.switchback.spi.support.SettingChecks;
import dev.switchback.spi.ProviderContext;
import java.util.Optional;

/**
 * Makes {@link MemoryCache}s for {@code switchback.cache.backend=memory}, configured by {@link
 * MemoryCacheConfig}.
 */
public final class MemoryCacheProvider implements CacheProvider {

  /** The backend name: {@code memory}. */
  public static final String NAME = "memory";

  /** Called by {@link java.util.ServiceLoader}. */
  public MemoryCacheProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  /** Each instance is a store of its own, so memory to memory migrates between two of them. */
  @Override
  public boolean instancesAreSeparate() {
    return true;
  }

  @Override
  public Optional<Class<?>> configMapping() {
    return Optional.of(MemoryCacheConfig.class);
  }

  /**
   * A new, empty cache.
   *
   * @throws ConfigurationException if {@code switchback.cache.memory.max-entries} is not positive
   */
  @Override
  public Cache create(ProviderContext context) {
    int maxEntries =
        SettingChecks.atLeast(
            "switchback.cache.memory.max-entries",
            1,
            context.config(MemoryCacheConfig.class).maxEntries());
    return MemoryCache.builder().maxEntries(maxEntries).build();
  }
}
