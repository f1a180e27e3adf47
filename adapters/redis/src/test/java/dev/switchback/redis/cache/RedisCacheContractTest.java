package dev.switchback.redis.cache;

import dev.switchback.cache.Cache;
import dev.switchback.redis.TestConnections;
import dev.switchback.testkit.contract.CacheContract;
import dev.switchback.testkit.servers.LocalRedis;
import java.time.Duration;

final class RedisCacheContractTest extends CacheContract {

  @Override
  protected Cache createCache() {
    return RedisCache.builder(TestConnections.open(LocalRedis.shared().uri())).build();
  }

  @Override
  protected Duration shortTtl() {
    return Duration.ofMillis(200);
  }
}
