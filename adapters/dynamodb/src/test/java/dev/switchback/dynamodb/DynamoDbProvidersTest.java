package dev.switchback.dynamodb;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchback.ConfigurationException;
import dev.switchback.Switchback;
import dev.switchback.cache.Cache;
import dev.switchback.cache.spi.CacheProvider;
import dev.switchback.sessions.Session;
import dev.switchback.sessions.spi.SessionsProvider;
import dev.switchback.testkit.RegisteredProviders;
import dev.switchback.testkit.Stages;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Both providers as users meet them: through {@link Switchback#fromConfig(Map)}. */
final class DynamoDbProvidersTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  @Test
  void providersAreRegisteredUnderTheNameDynamodb() {
    assertThat(RegisteredProviders.named(SessionsProvider.class, "dynamodb"))
        .isInstanceOf(DynamoDbSessionsProvider.class);
    assertThat(RegisteredProviders.named(CacheProvider.class, "dynamodb"))
        .isInstanceOf(DynamoDbCacheProvider.class);
  }

  @Test
  void configuredSessionStoreCreatesItsTableAndKeepsSessions() {
    String table = DynamoDbFixture.newTableName("provider-sessions");
    try (Switchback switchback = Switchback.fromConfig(
        DynamoDbFixture.config("sessions", DynamoDbFixture.endpoint(), table))) {
      Session created = Stages.join(
          switchback.sessions().create("user", Map.of("a", "1"), Duration.ofMinutes(1)), TIMEOUT);

      assertThat(Stages.join(switchback.sessions().get(created.id()), TIMEOUT)).contains(created);
    }
    try (DynamoDbClient raw = DynamoDbFixture.rawClient(DynamoDbFixture.endpoint())) {
      assertThat(raw.scan(r -> r.tableName(table)).count()).isEqualTo(1);
    }
  }

  @Test
  void configuredCacheUsesItsOwnTtlAttribute() {
    String table = DynamoDbFixture.newTableName("provider-cache");
    Map<String, String> config = DynamoDbFixture.config("cache", DynamoDbFixture.endpoint(), table);
    config.put("switchback.cache.dynamodb.ttl-attribute", "purge_at");
    try (Switchback switchback = Switchback.fromConfig(config)) {
      Cache cache = switchback.cache();
      Stages.join(cache.put("k", "v".getBytes(UTF_8), Duration.ofMinutes(1)), TIMEOUT);

      assertThat(Stages.join(cache.get("k"), TIMEOUT)).hasValueSatisfying(
          v -> assertThat(new String(v, UTF_8)).isEqualTo("v"));
    }
    try (DynamoDbClient raw = DynamoDbFixture.rawClient(DynamoDbFixture.endpoint())) {
      assertThat(raw.scan(r -> r.tableName(table)).items()).singleElement()
          .satisfies(item -> assertThat(item).containsKey("purge_at")
              .doesNotContainKey(DynamoDbSettings.DEFAULT_TTL_ATTRIBUTE));
    }
  }

  @Test
  void missingTableFailsAtStartNamingTheKey() {
    Map<String, String> config = DynamoDbFixture.config("sessions", DynamoDbFixture.endpoint(), "x");
    config.remove("switchback.sessions.dynamodb.table");

    assertThatThrownBy(() -> Switchback.fromConfig(config))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("switchback.sessions.dynamodb.table");
  }

  @Test
  void badSettingsFailAtStartNamingTheKeyAndTheAcceptedValues() {
    Map<String, String[]> bad = Map.of(
        "table", new String[] {"no spaces allowed", "3 to 255 letters"},
        "ttl-attribute", new String[] {"expires_ms", "other than the store's own attributes"},
        "create-table", new String[] {"maybe", "accepted values: true, false"},
        "retry.max-attempts", new String[] {"0", "1 to 10"},
        "api-call-timeout", new String[] {"0s", "a positive duration"},
        "api-call-attempt-timeout", new String[] {"10s", "at most the api-call-timeout"},
        "endpoint", new String[] {"localhost:8000", "an http or https URI"});
    bad.forEach((key, valueAndHint) -> {
      Map<String, String> config =
          DynamoDbFixture.config("sessions", DynamoDbFixture.endpoint(), "unused-table");
      config.put("switchback.sessions.dynamodb." + key, valueAndHint[0]);

      assertThatThrownBy(() -> Switchback.fromConfig(config))
          .as(key)
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("switchback.sessions.dynamodb." + key)
          .hasMessageContaining(valueAndHint[1]);
    });
  }

  @Test
  void missingStaticSecretFailsNamingTheSharedKeyWithoutSecrets() {
    Map<String, String> config =
        DynamoDbFixture.config("cache", DynamoDbFixture.endpoint(), "unused-table");
    config.remove("switchback.aws.static.secret-access-key");

    assertThatThrownBy(() -> Switchback.fromConfig(config))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("switchback.aws.static.secret-access-key");
  }

  @Test
  void unknownKeyUnderTheBackendFailsNamingIt() {
    Map<String, String> config =
        DynamoDbFixture.config("cache", DynamoDbFixture.endpoint(), "unused-table");
    config.put("switchback.cache.dynamodb.tabel", "typo");

    assertThatThrownBy(() -> Switchback.fromConfig(config))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("switchback.cache.dynamodb.tabel");
  }
}
