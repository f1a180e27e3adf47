package dev.switchback.redis;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchback.BackendUnavailableException;
import dev.switchback.ConfigurationException;
import dev.switchback.Switchback;
import dev.switchback.cache.spi.CacheProvider;
import dev.switchback.redis.cache.RedisCache;
import dev.switchback.redis.cache.RedisCacheConfig;
import dev.switchback.redis.cache.RedisCacheProvider;
import dev.switchback.redis.sessions.RedisSessions;
import dev.switchback.redis.sessions.RedisSessionsConfig;
import dev.switchback.redis.sessions.RedisSessionsProvider;
import dev.switchback.sessions.Session;
import dev.switchback.sessions.spi.SessionsProvider;
import dev.switchback.testkit.Eventually;
import dev.switchback.testkit.RegisteredProviders;
import dev.switchback.testkit.Stages;
import dev.switchback.testkit.servers.LocalRedis;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code redis} providers as users reach them: through {@link Switchback#fromConfig(Map)}. */
final class RedisProvidersTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void serviceLoaderFindsBothProvidersUnderTheNameRedis() {
    assertThat(RegisteredProviders.named(CacheProvider.class, "redis"))
        .isInstanceOf(RedisCacheProvider.class)
        .satisfies(p -> assertThat(p.configMapping()).contains(RedisCacheConfig.class));
    assertThat(RegisteredProviders.named(SessionsProvider.class, "redis"))
        .isInstanceOf(RedisSessionsProvider.class)
        .satisfies(p -> assertThat(p.configMapping()).contains(RedisSessionsConfig.class));
  }

  @Test
  void configuredCacheWritesUnderItsKeyPrefixInTheConfiguredRedis() {
    String prefix = "switchback-provider-test:" + UUID.randomUUID() + ":";
    Map<String, String> config = new HashMap<>(server("cache"));
    config.put("switchback.cache.backend", "redis");
    config.put("switchback.cache.redis.key-prefix", prefix);

    try (Switchback switchback = Switchback.fromConfig(config);
        RawRedis raw = RawRedis.to(LocalRedis.shared())) {
      assertThat(switchback.cache()).isInstanceOf(RedisCache.class);
      Stages.join(
          switchback.cache().put("greeting", "hello".getBytes(UTF_8), Duration.ofMinutes(1)),
          WAIT);

      assertThat(raw.get(prefix + "greeting")).isEqualTo("hello".getBytes(UTF_8));
      assertThat(raw.pttl(prefix + "greeting")).isPositive();
    }
  }

  @Test
  void configuredSessionsStoreEachSessionAsAHashThatExpiresWithIt() {
    String prefix = "switchback-provider-test:" + UUID.randomUUID() + ":";
    Map<String, String> config = new HashMap<>(server("sessions"));
    config.put("switchback.sessions.backend", "redis");
    config.put("switchback.sessions.redis.key-prefix", prefix);

    try (Switchback switchback = Switchback.fromConfig(config);
        RawRedis raw = RawRedis.to(LocalRedis.shared())) {
      assertThat(switchback.sessions()).isInstanceOf(RedisSessions.class);
      Session session =
          Stages.join(
              switchback.sessions().create("user-1", Map.of("cart", "3"), Duration.ofMinutes(1)),
              WAIT);

      Map<String, byte[]> hash = raw.hgetall(prefix + session.id());
      assertThat(hash).containsKeys("subject", "version", "created", "expires", "ttl", "a:cart");
      assertThat(new String(hash.get("a:cart"), UTF_8)).isEqualTo("3");
      assertThat(raw.pttl(prefix + session.id())).isBetween(1L, 60_000L);
    }
  }

  @Test
  void cacheAndSessionsOfOneInstanceShareOneEventLoopGroupShutDownOnClose() {
    Map<String, String> config = new HashMap<>(server("cache"));
    config.putAll(server("sessions"));
    config.put("switchback.cache.backend", "redis");
    config.put("switchback.sessions.backend", "redis");
    Set<Thread> before = eventLoopThreads();
    Set<Thread> started;

    try (Switchback switchback = Switchback.fromConfig(config)) {
      String key = "switchback-provider-test:" + UUID.randomUUID();
      Stages.join(switchback.cache().put(key, new byte[] {1}, Duration.ofSeconds(30)), WAIT);
      Stages.join(switchback.sessions().create("u", Map.of(), Duration.ofSeconds(30)), WAIT);
      started = new HashSet<>(eventLoopThreads());
      started.removeAll(before);
    }

    // Lettuce names event loop threads lettuce-<kind>EventLoop-<group>-<thread>.
    assertThat(started).isNotEmpty();
    assertThat(started.stream().map(t -> t.getName().replaceAll("-\\d+$", "")).distinct())
        .as("event loop groups of %s", started)
        .hasSize(1);
    Eventually.await(
        WAIT, () -> assertThat(started).noneMatch(Thread::isAlive));
  }

  @ParameterizedTest
  @CsvSource({
    "uri, http://localhost:6379, switchback.cache.redis.uri",
    "uri, localhost:6379, switchback.cache.redis.uri",
    "uri, redis://, switchback.cache.redis.uri",
    "uri, redis://host name:6379, switchback.cache.redis.uri",
    "command-timeout, banana, switchback.cache.redis.command-timeout",
    "command-timeout, 0s, switchback.cache.redis.command-timeout",
    "command-timeout, -1s, switchback.cache.redis.command-timeout",
    "connect-timeout, 0ms, switchback.cache.redis.connect-timeout",
    "keepalive.idle, 500ms, switchback.cache.redis.keepalive.idle",
    "keepalive.interval, soon, switchback.cache.redis.keepalive.interval",
    "keepalive.count, 0, switchback.cache.redis.keepalive.count",
    "request-queue-size, 0, switchback.cache.redis.request-queue-size",
    "request-queue-size, lots, switchback.cache.redis.request-queue-size",
    "disconnected-behavior, maybe, switchback.cache.redis.disconnected-behavior",
    "auto-reconnect, perhaps, switchback.cache.redis.auto-reconnect",
    "keepalive.enabled, sometimes, switchback.cache.redis.keepalive.enabled",
  })
  void badCacheSettingFailsAtStartNamingTheKey(String setting, String value, String key) {
    Map<String, String> config = new HashMap<>(server("cache"));
    config.put("switchback.cache.backend", "redis");
    config.put("switchback.cache.redis." + setting, value);

    assertThatThrownBy(() -> Switchback.fromConfig(config).close())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(key);
  }

  @ParameterizedTest
  @CsvSource({
    "max-session-bytes, 0, switchback.sessions.redis.max-session-bytes",
    "max-session-bytes, big, switchback.sessions.redis.max-session-bytes",
    "uri, rediss-sentinel://localhost, switchback.sessions.redis.uri",
    "command-timeout, 0s, switchback.sessions.redis.command-timeout",
  })
  void badSessionsSettingFailsAtStartNamingTheKey(String setting, String value, String key) {
    Map<String, String> config = new HashMap<>(server("sessions"));
    config.put("switchback.sessions.backend", "redis");
    config.put("switchback.sessions.redis." + setting, value);

    assertThatThrownBy(() -> Switchback.fromConfig(config).close())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(key);
  }

  @Test
  void malformedUriMessageSaysTheAcceptedFormAndHidesThePassword() {
    Map<String, String> config =
        Map.of(
            "switchback.cache.backend", "redis",
            "switchback.cache.redis.uri", "http://admin:hunter2-secret@localhost:6379");

    assertThatThrownBy(() -> Switchback.fromConfig(config).close())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("switchback.cache.redis.uri")
        .hasMessageContaining("redis://")
        .hasMessageNotContaining("hunter2-secret");
  }

  @Test
  void unreachableServerFailsAtStartNamingTheServerButNotThePassword() {
    int closedPort = closedPort();
    Map<String, String> config =
        Map.of(
            "switchback.cache.backend", "redis",
            "switchback.cache.redis.uri", "redis://:hunter2-secret@127.0.0.1:" + closedPort,
            "switchback.cache.redis.connect-timeout", "2s");

    assertThatThrownBy(() -> Switchback.fromConfig(config).close())
        .isInstanceOf(BackendUnavailableException.class)
        .hasMessageContaining("127.0.0.1:" + closedPort)
        .hasMessageNotContaining("hunter2-secret");
  }

  /** The URI setting of {@code capability} pointing at the shared test Redis. */
  private static Map<String, String> server(String capability) {
    return Map.of(
        "switchback." + capability + ".redis.uri", LocalRedis.shared().uri().toString());
  }

  private static Set<Thread> eventLoopThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("lettuce-") && t.getName().contains("EventLoop"))
        .collect(Collectors.toSet());
  }

  private static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
