package dev.switchback.memory.cache;

import dev.switchback.ConfigurationException;
import dev.switchback.cache.Cache;
import dev.switchback.cache.spi.CacheProvider;
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
    int maxEntries = context.config(MemoryCacheConfig.class).maxEntries();
    if (maxEntries < 1) {
      throw new ConfigurationException(
          "switchback.cache.memory.max-entries must be a positive number, got " + maxEntries);
    }
    return MemoryCache.builder().maxEntries(maxEntries).build();
  }
}
