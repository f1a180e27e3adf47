package dev.switchback.elasticache;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchback.Switchback;
import dev.switchback.aws.IamAuthTarget;
import dev.switchback.aws.IamAuthTokenGenerator;
import dev.switchback.cache.Cache;
import dev.switchback.sessions.Session;
import dev.switchback.testkit.servers.LocalRedisCluster;
import dev.switchback.testkit.servers.LocalTlsRedis;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/** The backends as users configure them: {@link Switchback#fromConfig(Map)} against real servers. */
class ElastiCacheFromConfigTest {

  @Test
  void cacheAndSessionsOverTlsWithAnAuthToken() {
    LocalTlsRedis redis = TestServers.tlsRedis();
    Map<String, String> config = new HashMap<>();
    for (String capability : new String[] {"cache", "sessions"}) {
      String prefix = "switchback." + capability + ".elasticache.";
      config.put("switchback." + capability + ".backend", "elasticache");
      config.put(prefix + "endpoint", "localhost:" + redis.port());
      config.put(prefix + "auth", "token");
      config.put(prefix + "user", LocalTlsRedis.USER);
      config.put(prefix + "token", TestServers.TOKEN);
      config.put(prefix + "tls.ca-file", redis.certificateAuthority().toString());
    }
    try (Switchback switchback = Switchback.fromConfig(config)) {
      assertCacheWorks(switchback.cache());
      Session session = switchback.sessions()
          .create("subject-1", Map.of("role", "admin"), Duration.ofMinutes(5))
          .toCompletableFuture().join();
      assertThat(switchback.sessions().get(session.id()).toCompletableFuture().join())
          .hasValueSatisfying(s -> assertThat(s.subject()).isEqualTo("subject-1"));
    }
  }

  @Test
  void cacheInClusterMode() {
    LocalRedisCluster cluster = LocalRedisCluster.shared();
    try (Switchback switchback = Switchback.fromConfig(Map.of(
        "switchback.cache.backend", "elasticache",
        "switchback.cache.elasticache.endpoint", cluster.host() + ":" + cluster.port(),
        "switchback.cache.elasticache.cluster-mode", "enabled",
        "switchback.cache.elasticache.tls", "false",
        "switchback.cache.elasticache.auth", "none",
        "switchback.cache.elasticache.topology-refresh.period", "30s"))) {
      assertCacheWorks(switchback.cache());
    }
  }

  @Test
  void cacheWithIamAuthenticationSignedWithTheConfiguredAwsCredentials() {
    try (LocalTlsRedis redis = LocalTlsRedis.start()) {
      // The adapter signs at a moment the test does not know to the second: the server accepts
      // the token of every second of the next minute (Redis takes several passwords per user).
      IamAuthTarget target = IamAuthTarget.elastiCache("my-cache", LocalTlsRedis.USER);
      Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
      redis.setPasswords(IntStream.range(-2, 60)
          .mapToObj(s -> IamAuthTokenGenerator.builder()
              .credentialsProvider(StaticCredentialsProvider.create(
                  AwsBasicCredentials.create("AKIDTESTONLY", "test-only-secret-key")))
              .region(Region.EU_WEST_1)
              .clock(Clock.fixed(now.plusSeconds(s), ZoneOffset.UTC))
              .build().generate(target).value())
          .toArray(String[]::new));

      try (Switchback switchback = Switchback.fromConfig(Map.of(
          "switchback.aws.region", "eu-west-1",
          "switchback.aws.credentials", "static",
          "switchback.aws.static.access-key-id", "AKIDTESTONLY",
          "switchback.aws.static.secret-access-key", "test-only-secret-key",
          "switchback.cache.backend", "elasticache",
          "switchback.cache.elasticache.endpoint", "127.0.0.1:" + redis.port(),
          "switchback.cache.elasticache.auth", "iam",
          "switchback.cache.elasticache.user", LocalTlsRedis.USER,
          "switchback.cache.elasticache.iam.cache-name", "My-Cache",
          "switchback.cache.elasticache.tls.ca-file", redis.certificateAuthority().toString()))) {
        assertCacheWorks(switchback.cache());
      }
    }
  }

  private static void assertCacheWorks(Cache cache) {
    String key = "from-config:" + UUID.randomUUID();
    cache.put(key, "value".getBytes(UTF_8), Duration.ofMinutes(1)).toCompletableFuture().join();
    assertThat(cache.get(key).toCompletableFuture().join())
        .hasValueSatisfying(v -> assertThat(v).asString(UTF_8).isEqualTo("value"));
  }
}
