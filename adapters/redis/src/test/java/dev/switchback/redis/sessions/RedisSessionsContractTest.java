package dev.switchback.redis.sessions;

import dev.switchback.redis.TestConnections;
import dev.switchback.sessions.spi.SessionStore;
import dev.switchback.testkit.contract.SessionsContract;
import dev.switchback.testkit.servers.LocalRedis;
import java.time.Duration;

final class RedisSessionsContractTest extends SessionsContract {

  @Override
  protected SessionStore createSessions() {
    return RedisSessions.builder(TestConnections.open(LocalRedis.shared().uri())).build();
  }

  @Override
  protected Duration shortTtl() {
    return Duration.ofMillis(200);
  }
}
