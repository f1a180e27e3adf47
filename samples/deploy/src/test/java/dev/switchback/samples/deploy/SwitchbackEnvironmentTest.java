package dev.switchback.samples.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchback.ConfigurationException;
import dev.switchback.internal.ReadConfiguration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The checks the manifests are held to reject what the service would trip over. */
class SwitchbackEnvironmentTest {
  private static final Map<String, String> REDIS_MIGRATING = Map.of(
      "SWITCHBACK_CACHE_BACKEND", "redis",
      "SWITCHBACK_CACHE_REDIS_URI", "redis://redis:6379",
      "SWITCHBACK_CACHE_MIGRATION_TARGET", "dynamodb",
      "SWITCHBACK_CACHE_DYNAMODB_TABLE", "orders-cache",
      "PATH", "/usr/bin");

  @Test
  void aMisspeltVariableIsRejectedNamingIt() {
    assertRejected(with("SWITCHBACK_CACHE_REDIS_URL", "redis://other:6379"),
        "Unknown environment variable SWITCHBACK_CACHE_REDIS_URL");
  }

  @Test
  void aBadValueIsRejectedNamingTheKey() {
    assertRejected(with("SWITCHBACK_CACHE_MIGRATION_CANARY_PERCENT", "150"),
        "switchback.cache.migration.canary-percent");
  }

  @Test
  void aMissingRequiredBackendSettingIsRejected() {
    Map<String, String> env = new HashMap<>(REDIS_MIGRATING);
    env.remove("SWITCHBACK_CACHE_DYNAMODB_TABLE");
    assertRejected(env, "switchback.cache.dynamodb.table");
  }

  @Test
  void stageFileKeysMustMoveAConfiguredMigrationToAKnownStage() {
    ReadConfiguration config = SwitchbackEnvironment.read(REDIS_MIGRATING);
    assertThat(SwitchbackEnvironment.stageFileProblems(Map.of(
        "switchback.cache.migration.stage", "shadow",
        "switchback.cache.migration.canary-percent", "10"), config)).isEmpty();
    assertThat(SwitchbackEnvironment.stageFileProblems(Map.of(
        "switchback.sessions.migration.stage", "shadow",
        "switchback.cache.migration.stage", "halfway",
        "switchback.cache.migration.canary-percent", "101",
        "switchback.cache.stage", "live"), config))
        .hasSize(4)
        .anySatisfy(p -> assertThat(p).contains("switchback.sessions.migration.target is not configured"))
        .anySatisfy(p -> assertThat(p).contains("halfway").contains("accepted values"))
        .anySatisfy(p -> assertThat(p).contains("0 to 100"))
        .anySatisfy(p -> assertThat(p).startsWith("switchback.cache.stage is not"));
  }

  private static Map<String, String> with(String name, String value) {
    Map<String, String> env = new HashMap<>(REDIS_MIGRATING);
    env.put(name, value);
    return env;
  }

  private static void assertRejected(Map<String, String> env, String key) {
    assertThatThrownBy(() -> SwitchbackEnvironment.read(env))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(key);
  }
}
