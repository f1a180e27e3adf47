package dev.switchback.samples.orders;

import dev.switchback.testkit.servers.LocalRedis;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * The %local cache migration on two real Redis servers started for the test: the old side as
 * {@code redis}, the new one as {@code elasticache} with TLS off, as the %local profile runs it.
 * Sessions are on the old server too, so requests complete on Redis client threads as they do in
 * %local; messaging stays in memory.
 */
public final class TwoRedisServers implements QuarkusTestProfile {

  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(new TestResourceEntry(Servers.class));
  }

  /** Starts both servers for the application and stops them after it. */
  public static final class Servers implements QuarkusTestResourceLifecycleManager {
    private LocalRedis old;
    private LocalRedis next;

    @Override
    public Map<String, String> start() {
      old = LocalRedis.start();
      next = LocalRedis.start();
      return Map.of(
          "switchback.cache.backend", "redis",
          "switchback.cache.redis.uri", old.uri().toString(),
          "switchback.cache.migration.target", "elasticache",
          "switchback.cache.elasticache.endpoint", next.host() + ":" + next.port(),
          "switchback.cache.elasticache.tls", "false",
          "switchback.cache.elasticache.auth", "none",
          "switchback.sessions.backend", "redis",
          "switchback.sessions.redis.uri", old.uri().toString());
    }

    @Override
    public void stop() {
      old.close();
      next.close();
    }
  }
}
