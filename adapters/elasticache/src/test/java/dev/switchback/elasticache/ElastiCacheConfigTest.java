package dev.switchback.elasticache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchback.ConfigurationException;
import dev.switchback.Switchback;
import dev.switchback.testkit.ConfigOverrides;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Bad ElastiCache settings fail at start through {@link Switchback#fromConfig(Map)}, naming the
 * key and what it accepts, before any connection is tried (the endpoint is unreachable).
 */
class ElastiCacheConfigTest {
  private static final String CACHE = "switchback.cache.elasticache.";
  private static final String SECRET = "a-secret-token-never-shown";

  /** A cache backend on an address nothing listens on, with {@code overrides} on top. */
  private static Map<String, String> cacheConfig(String... overrides) {
    return ConfigOverrides.with(Map.of(
        "switchback.cache.backend", "elasticache",
        CACHE + "endpoint", "127.0.0.1:1",
        CACHE + "auth", "none"), overrides);
  }

  static Stream<Arguments> badSettings() {
    return Stream.of(
        Arguments.of(cacheConfig(CACHE + "endpoint", null),
            new String[] {CACHE + "endpoint is required", "host:port"}),
        Arguments.of(cacheConfig(CACHE + "endpoint", "rediss://my-cache.example.com:6379"),
            new String[] {CACHE + "endpoint", "host:port"}),
        Arguments.of(cacheConfig(CACHE + "endpoint", "my-cache.example.com:99999"),
            new String[] {CACHE + "endpoint", "1 to 65535"}),
        Arguments.of(cacheConfig(CACHE + "cluster-mode", "on"),
            new String[] {CACHE + "cluster-mode", "enabled, disabled"}),
        Arguments.of(cacheConfig(CACHE + "auth", null),
            new String[] {CACHE + "auth is required", "iam, token, none"}),
        Arguments.of(cacheConfig(CACHE + "auth", "password"),
            new String[] {CACHE + "auth", "iam, token, none"}),
        Arguments.of(cacheConfig(CACHE + "auth", "token"),
            new String[] {CACHE + "token is required", "auth=token"}),
        Arguments.of(cacheConfig(CACHE + "auth", "none", CACHE + "user", "app"),
            new String[] {CACHE + "user is not used", "auth=none"}),
        Arguments.of(cacheConfig(CACHE + "auth", "iam", CACHE + "iam.cache-name", "my-cache"),
            new String[] {CACHE + "user is required", "auth=iam"}),
        Arguments.of(cacheConfig(CACHE + "auth", "iam", CACHE + "user", "app"),
            new String[] {CACHE + "iam.cache-name is required", "auth=iam"}),
        Arguments.of(cacheConfig(CACHE + "auth", "iam", CACHE + "user", "app",
                CACHE + "iam.cache-name", "my-cache", CACHE + "tls", "false"),
            new String[] {CACHE + "tls=true", "encryption in transit"}),
        Arguments.of(cacheConfig(CACHE + "auth", "iam", CACHE + "user", "app",
                CACHE + "iam.cache-name", "my-cache", CACHE + "iam.reauthenticate-every", "12h"),
            new String[] {CACHE + "iam.reauthenticate-every", "under 12h"}),
        Arguments.of(cacheConfig(CACHE + "tls", "maybe"),
            new String[] {CACHE + "tls", "true, false"}),
        Arguments.of(cacheConfig(CACHE + "tls.ca-file", "/nonexistent/ca.pem"),
            new String[] {CACHE + "tls.ca-file", "readable PEM file"}),
        Arguments.of(cacheConfig(CACHE + "tls", "false", CACHE + "tls.ca-file", "/x/ca.pem"),
            new String[] {CACHE + "tls.ca-file is set", CACHE + "tls is false"}),
        Arguments.of(cacheConfig(CACHE + "topology-refresh.period", "0s"),
            new String[] {CACHE + "topology-refresh.period", "positive"}),
        Arguments.of(cacheConfig(CACHE + "command-timeout", "-1s"),
            new String[] {CACHE + "command-timeout", "positive"}),
        Arguments.of(cacheConfig(CACHE + "endpont", "x:1"),
            new String[] {CACHE + "endpont"}),
        Arguments.of(Map.of("switchback.sessions.backend", "elasticache",
                "switchback.sessions.elasticache.endpoint", "127.0.0.1:1",
                "switchback.sessions.elasticache.auth", "iam"),
            new String[] {"switchback.sessions.elasticache.user is required"}));
  }

  @ParameterizedTest
  @MethodSource("badSettings")
  void aBadSettingFailsAtStartNamingTheKey(Map<String, String> config, String[] expected) {
    assertThatThrownBy(() -> start(config))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContainingAll(expected);
  }

  @Test
  void aTokenWithAnotherAuthModeIsRefusedWithoutBeingShown() {
    assertThatThrownBy(() -> start(cacheConfig(CACHE + "token", SECRET)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(CACHE + "token is not used with " + CACHE + "auth=none")
        .hasMessageNotContaining(SECRET);
  }

  @Test
  void settingsShowNoToken() {
    ElastiCacheSettings settings = ElastiCacheSettings.builder("my-cache.example.com", 6379)
        .auth(ElastiCacheAuth.token("app", SECRET)).build();

    assertThat(settings.toString()).doesNotContain(SECRET)
        .contains("my-cache.example.com:6379", "tls=true", "auth=token[user=app]");
    assertThat(settings.auth().toString()).doesNotContain(SECRET);
  }

  private static void start(Map<String, String> config) {
    try (Switchback switchback = Switchback.fromConfig(config)) {
      if (config.containsKey("switchback.cache.backend")) {
        switchback.cache();
      } else {
        switchback.sessions();
      }
    }
  }
}
