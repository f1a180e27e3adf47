package dev.switchback.memory.cache;

import dev.switchback.cache.Cache;
import dev.switchback.testkit.contract.CacheContract;
import java.time.Duration;

final class MemoryCacheContractTest extends CacheContract {

  @Override
  protected Cache createCache() {
    return MemoryCache.create();
  }

  @Override
  protected Duration shortTtl() {
    return Duration.ofMillis(100);
  }
}
