package dev.switchback.config;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchback.ConfigurationException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SwitchbackConfigValidatorTest {

  private static SwitchbackConfig map(Map<String, String> properties) {
    return new SmallRyeConfigBuilder()
        .addDefaultInterceptors()
        .withSources(new PropertiesConfigSource(properties, "test", 500))
        .withMapping(SwitchbackConfig.class)
        .build()
        .getConfigMapping(SwitchbackConfig.class);
  }

  @Test
  void theDefaultsAreValid() {
    assertThatCode(() -> new SwitchbackConfigValidator(Set.of("file", "ssm")).validate(map(Map.of())))
        .doesNotThrowAnyException();
  }

  @Test
  void aSchemeRegisteredByAStageSourceIsAccepted() {
    SwitchbackConfig config = map(Map.of("switchback.control.source", "consul:stages/orders"));
    assertThatCode(() -> new SwitchbackConfigValidator(Set.of("file", "consul")).validate(config))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> new SwitchbackConfigValidator(Set.of("file", "ssm")).validate(config))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("switchback.control.source: consul:stages/orders")
        .hasMessageContaining("accepted forms: none, file:<path>, ssm:<path>");
  }

  @Test
  void boundsThemselvesAreAccepted() {
    SwitchbackConfig config = map(Map.of(
        "switchback.cache.migration.canary-percent", "0",
        "switchback.sessions.migration.canary-percent", "100",
        "switchback.cache.migration.guard.max-error-rate", "0",
        "switchback.cache.migration.guard.max-mismatch-rate", "1",
        "switchback.cache.migration.guard.min-operations", "1",
        "switchback.cache.migration.guard.rollback-to", "off"));
    assertThatCode(() -> new SwitchbackConfigValidator(Set.of()).validate(config))
        .doesNotThrowAnyException();
  }

  @Test
  void aRateThatIsNotANumberIsOutOfRange() {
    SwitchbackConfig config = map(Map.of("switchback.auth.migration.guard.max-error-rate", "NaN"));
    assertThatThrownBy(() -> new SwitchbackConfigValidator(Set.of()).validate(config))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("switchback.auth.migration.guard.max-error-rate=NaN")
        .hasMessageContaining("accepted values: 0 to 1");
  }

  @Test
  void positiveDurationsAreCheckedForEveryDurationKey() {
    SwitchbackConfig config = map(Map.of(
        "switchback.cache.migration.shadow-timeout", "0ms",
        "switchback.cache.migration.mirror-timeout", "-1s",
        "switchback.cache.migration.reconcile-interval", "0"));
    assertThatThrownBy(() -> new SwitchbackConfigValidator(Set.of()).validate(config))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("switchback.cache.migration.shadow-timeout=PT0S must be positive")
        .hasMessageContaining("switchback.cache.migration.mirror-timeout=PT-1S must be positive")
        .hasMessageContaining("switchback.cache.migration.reconcile-interval=PT0S must be positive");
  }
}
