package dev.switchback.elasticache.sessions;

import dev.switchback.sessions.spi.SessionStore;
import dev.switchback.elasticache.TestServers;
import dev.switchback.redis.sessions.RedisSessions;
import dev.switchback.testkit.contract.SessionsContract;
import dev.switchback.testkit.servers.LocalRedisCluster;
import java.time.Duration;

/** The sessions contract against a three-primary Redis Cluster, sessions spread over every slot range. */
final class ElastiCacheSessionsClusterContractTest extends SessionsContract {

  @Override
  protected SessionStore createSessions() {
    return RedisSessions.builder(
        TestServers.open(TestServers.cluster(LocalRedisCluster.shared()).build())).build();
  }

  @Override
  protected Duration shortTtl() {
    return Duration.ofMillis(200);
  }
}
