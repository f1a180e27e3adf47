package dev.switchback.elasticache;

import dev.switchback.redis.LettuceResources;
import dev.switchback.redis.RedisConnection;
import dev.switchback.testkit.servers.LocalRedisCluster;
import dev.switchback.testkit.servers.LocalTlsRedis;
import io.lettuce.core.resource.ClientResources;

/**
 * What the tests share: one set of Lettuce resources for the JVM (shut down at exit, so a test
 * class may close its adapters in any order), one TLS Redis whose ACL user has the password
 * {@link #TOKEN}, and settings builders for the local servers.
 */
public final class TestServers {

  /** The password of {@link LocalTlsRedis#USER} on the shared TLS Redis. */
  public static final String TOKEN = "test-auth-token-0123456789";

  private static final ClientResources RESOURCES = LettuceResources.create();
  private static volatile LocalTlsRedis tlsRedis;

  static {
    Runtime.getRuntime().addShutdownHook(
        new Thread(() -> LettuceResources.shutdown(RESOURCES), "shutdown-test-lettuce"));
  }

  private TestServers() {}

  /** Lettuce resources for the whole test JVM. */
  public static ClientResources lettuce() {
    return RESOURCES;
  }

  /** The TLS Redis the tests that do not change it share, started on first use. */
  public static synchronized LocalTlsRedis tlsRedis() {
    if (tlsRedis == null) {
      LocalTlsRedis started = LocalTlsRedis.start();
      started.setPasswords(TOKEN);
      tlsRedis = started;
    }
    return tlsRedis;
  }

  /** Settings for {@code redis}: TLS trusting its authority, cluster mode off. */
  public static ElastiCacheSettings.Builder tls(LocalTlsRedis redis) {
    return ElastiCacheSettings.builder(redis.host(), redis.port())
        .caFile(redis.certificateAuthority());
  }

  /** Settings for {@code cluster}: plaintext (the local cluster has no TLS), cluster mode on. */
  public static ElastiCacheSettings.Builder cluster(LocalRedisCluster cluster) {
    return ElastiCacheSettings.builder(cluster.host(), cluster.port())
        .tls(false)
        .clusterMode(true);
  }

  /** A connection on the shared resources. */
  public static RedisConnection open(ElastiCacheSettings settings) {
    return ElastiCacheConnections.open(RESOURCES, settings);
  }
}
