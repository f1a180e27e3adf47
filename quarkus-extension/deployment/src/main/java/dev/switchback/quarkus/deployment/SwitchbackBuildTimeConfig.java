package dev.switchback.quarkus.deployment;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * Build-time switches of the extension. Switchback's own settings are the {@code switchback.*}
 * keys, read at run time.
 */
@ConfigMapping(prefix = "quarkus.switchback")
@ConfigRoot(phase = ConfigPhase.BUILD_TIME)
public interface SwitchbackBuildTimeConfig {

  /**
   * Whether a readiness check of every Switchback backend is registered when the application has
   * SmallRye Health.
   */
  @WithName("health.enabled")
  @WithDefault("true")
  boolean healthEnabled();
}
