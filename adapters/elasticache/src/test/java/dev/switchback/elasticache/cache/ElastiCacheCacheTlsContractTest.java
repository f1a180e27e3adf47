package dev.switchback.elasticache.cache;

import dev.switchback.cache.Cache;
import dev.switchback.elasticache.ElastiCacheAuth;
import dev.switchback.elasticache.TestServers;
import dev.switchback.redis.cache.RedisCache;
import dev.switchback.testkit.contract.CacheContract;
import dev.switchback.testkit.servers.LocalTlsRedis;
import java.time.Duration;

/** The cache contract over TLS, authenticated as an ACL user with a token. */
final class ElastiCacheCacheTlsContractTest extends CacheContract {

  @Override
  protected Cache createCache() {
    LocalTlsRedis redis = TestServers.tlsRedis();
    return RedisCache.builder(TestServers.open(TestServers.tls(redis)
        .auth(ElastiCacheAuth.token(LocalTlsRedis.USER, TestServers.TOKEN))
        .build())).build();
  }

  @Override
  protected Duration shortTtl() {
    return Duration.ofMillis(200);
  }
}
