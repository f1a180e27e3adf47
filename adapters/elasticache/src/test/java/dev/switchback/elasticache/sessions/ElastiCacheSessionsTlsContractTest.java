package dev.switchback.elasticache.sessions;

import dev.switchback.sessions.spi.SessionStore;
import dev.switchback.elasticache.ElastiCacheAuth;
import dev.switchback.elasticache.TestServers;
import dev.switchback.redis.sessions.RedisSessions;
import dev.switchback.testkit.contract.SessionsContract;
import dev.switchback.testkit.servers.LocalTlsRedis;
import java.time.Duration;

/** The sessions contract over TLS, authenticated as an ACL user with a token. */
final class ElastiCacheSessionsTlsContractTest extends SessionsContract {

  @Override
  protected SessionStore createSessions() {
    LocalTlsRedis redis = TestServers.tlsRedis();
    return RedisSessions.builder(TestServers.open(TestServers.tls(redis)
        .auth(ElastiCacheAuth.token(LocalTlsRedis.USER, TestServers.TOKEN))
        .build())).build();
  }

  @Override
  protected Duration shortTtl() {
    return Duration.ofMillis(200);
  }
}
