package dev.switchback.elasticache;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchback.BackendUnavailableException;
import dev.switchback.OperationTimeoutException;
import dev.switchback.cache.Cache;
import dev.switchback.redis.RedisClientSettings;
import dev.switchback.redis.cache.RedisCache;
import dev.switchback.testkit.Eventually;
import dev.switchback.testkit.Stages;
import dev.switchback.testkit.proxy.FaultProxy;
import dev.switchback.testkit.servers.LocalTlsRedis;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Faults between the adapter and a TLS Redis with an authenticated user, injected by a TCP
 * proxy that passes TLS through untouched (the certificate names 127.0.0.1, where the proxy
 * listens), or by restarting the server.
 */
class ElastiCacheReliabilityTest {
  private static final Duration HANG = Duration.ofSeconds(10);
  private static final Duration RECOVERY = Duration.ofSeconds(15);

  private LocalTlsRedis redis;
  private FaultProxy proxy;
  private Cache cache;

  @BeforeEach
  void start() {
    redis = LocalTlsRedis.start();
    redis.setPasswords(TestServers.TOKEN);
    proxy = FaultProxy.start(redis.host(), redis.port());
    cache = RedisCache.builder(TestServers.open(
        ElastiCacheSettings.builder(proxy.host(), proxy.port())
            .caFile(redis.certificateAuthority())
            .auth(ElastiCacheAuth.token(LocalTlsRedis.USER, TestServers.TOKEN))
            .client(RedisClientSettings.builder().commandTimeout(Duration.ofMillis(500)).build())
            .build())).build();
    Stages.join(cache.put("kept", bytes("kept"), null), HANG);
  }

  @AfterEach
  void stop() {
    cache.close();
    proxy.close();
    redis.close();
  }

  @Test
  void aBlackholeTimesOutThenTheConnectionIsReplacedAndRepliesMatchTheirCommands() {
    proxy.blackhole();

    assertThat(Stages.failureOf(cache.get("kept"), HANG)).isInstanceOf(OperationTimeoutException.class);

    proxy.heal();
    Eventually.await(RECOVERY,
        () -> assertThat(Stages.join(cache.get("kept"), HANG)).contains(bytes("kept")));
    for (int i = 0; i < 20; i++) {
      String key = "after-heal-" + i;
      Stages.join(cache.put(key, bytes(key), null), HANG);
      assertThat(Stages.join(cache.get(key), HANG)).as(key).contains(bytes(key));
    }
  }

  @Test
  void aResetConnectionReconnectsOverTlsAndAuthenticatesAgain() {
    proxy.resetAll();

    Eventually.await(RECOVERY,
        () -> assertThat(Stages.join(cache.get("kept"), HANG)).contains(bytes("kept")));
  }

  @Test
  void aRestartedServerFailsCallsClearlyAndIsUsedAgainOnceItAcceptsTheUser() {
    redis.restart(); // comes back empty, and its user has no password yet

    Eventually.await(RECOVERY, () -> assertThat(Stages.failureOf(cache.get("kept"), HANG))
        .isInstanceOf(BackendUnavailableException.class));
    redis.setPasswords(TestServers.TOKEN);
    Eventually.await(RECOVERY,
        () -> Stages.join(cache.put("kept", bytes("again"), null), HANG));
    assertThat(Stages.join(cache.get("kept"), HANG)).contains(bytes("again"));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }
}
