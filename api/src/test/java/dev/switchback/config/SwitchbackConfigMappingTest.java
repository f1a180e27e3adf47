package dev.switchback.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchback.Capability;
import dev.switchback.migration.Stage;
import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The mapping on its own, with SmallRye and without Quarkus or Switchback's reader. */
class SwitchbackConfigMappingTest {

  private static SwitchbackConfig map(Map<String, String> properties) {
    SmallRyeConfig config = new SmallRyeConfigBuilder()
        .addDefaultInterceptors()
        .withSources(new PropertiesConfigSource(properties, "test", 500))
        .withMapping(SwitchbackConfig.class)
        .build();
    return config.getConfigMapping(SwitchbackConfig.class);
  }

  @Test
  void worksWithPlainSmallRye() {
    SwitchbackConfig config = map(Map.of(
        "switchback.cache.backend", "redis",
        "switchback.cache.migration.target", "elasticache",
        "switchback.cache.migration.stage", "shadow",
        "switchback.cache.migration.guard.window", "PT90S",
        "switchback.control.source", "file:/etc/switchback/stages.properties"));
    assertThat(config.cache().backend()).contains("redis");
    assertThat(config.capability(Capability.CACHE)).isSameAs(config.cache());
    assertThat(config.cache().migration().target()).contains("elasticache");
    assertThat(config.cache().migration().stage()).isEqualTo(Stage.SHADOW);
    assertThat(config.cache().migration().guard().window()).isEqualTo(Duration.ofSeconds(90));
    assertThat(config.control().source()).isEqualTo("file:/etc/switchback/stages.properties");
  }

  @Test
  void everyCapabilityHasItsOwnGroup() {
    SwitchbackConfig config = map(Map.of(
        "switchback.database.migration.canary-percent", "10",
        "switchback.tracing.migration.canary-percent", "20"));
    assertThat(config.capability(Capability.DATABASE).migration().canaryPercent()).isEqualTo(10);
    assertThat(config.capability(Capability.TRACING).migration().canaryPercent()).isEqualTo(20);
    assertThat(config.capability(Capability.AUTH).migration().canaryPercent()).isEqualTo(100);
  }

  @Test
  void smallRyeItselfRejectsUnknownKeysUnderThePrefix() {
    assertThatThrownBy(() -> map(Map.of("switchback.cache.migration.stagee", "live")))
        .isInstanceOf(ConfigValidationException.class)
        .hasMessageContaining("switchback.cache.migration.stagee");
  }

  @Test
  void messagingMigrationAddsDedupAndShadowGraceWithDefaults() {
    SwitchbackConfig defaults = map(Map.of());
    MessagingMigrationConfig m = defaults.messaging().migration();
    assertThat(m.dedup().store()).isEqualTo("memory");
    assertThat(m.dedup().window()).isEqualTo(Duration.ofMinutes(10));
    assertThat(m.dedup().maxEntries()).isEqualTo(100_000);
    assertThat(m.dedup().claimTimeout()).isEqualTo(Duration.ofMinutes(1));
    assertThat(m.shadowGrace()).isEqualTo(Duration.ofSeconds(10));

    SwitchbackConfig set = map(Map.of(
        "switchback.messaging.migration.dedup.store", "cache",
        "switchback.messaging.migration.dedup.window", "30s",
        "switchback.messaging.migration.dedup.max-entries", "500",
        "switchback.messaging.migration.shadow-grace", "2s",
        "switchback.messaging.migration.stage", "live"));
    assertThat(set.messaging().migration().dedup().store()).isEqualTo("cache");
    assertThat(set.messaging().migration().dedup().window()).isEqualTo(Duration.ofSeconds(30));
    assertThat(set.messaging().migration().dedup().maxEntries()).isEqualTo(500);
    assertThat(set.messaging().migration().shadowGrace()).isEqualTo(Duration.ofSeconds(2));
    assertThat(set.capability(Capability.MESSAGING).migration().stage()).isEqualTo(Stage.LIVE);
  }

  @Test
  void dedupKeysBelongToMessagingOnly() {
    assertThatThrownBy(() -> map(Map.of("switchback.cache.migration.dedup.window", "1m")))
        .isInstanceOf(ConfigValidationException.class)
        .hasMessageContaining("switchback.cache.migration.dedup.window");
  }
}
