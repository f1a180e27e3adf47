package dev.switchback.cache.spi;

import dev.switchback.cache.Cache;
import dev.switchback.spi.AdapterProvider;

/**
 * Makes {@link Cache} backends; register implementations in
 * {@code META-INF/services/dev.switchback.cache.spi.CacheProvider}.
 */
public interface CacheProvider extends AdapterProvider<Cache> {}
