package dev.switchback.quarkus.deployment;

import dev.switchback.quarkus.runtime.SwitchbackBeans;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.smallrye.health.deployment.spi.HealthBuildItem;

/** Registers Switchback's beans and, with SmallRye Health, its readiness check. */
class SwitchbackProcessor {

  private static final String FEATURE = "switchback";

  /** By name: loading the class needs the MicroProfile Health API, absent without SmallRye Health. */
  private static final String READINESS_CHECK =
      "dev.switchback.quarkus.runtime.SwitchbackReadinessCheck";

  @BuildStep
  FeatureBuildItem feature() {
    return new FeatureBuildItem(FEATURE);
  }

  /** Unremovable, so the Switchback starts (and is checked) even when nothing injects it. */
  @BuildStep
  AdditionalBeanBuildItem beans() {
    return AdditionalBeanBuildItem.unremovableOf(SwitchbackBeans.class);
  }

  /** Consumed only when SmallRye Health is present; the check class is loaded only then. */
  @BuildStep
  HealthBuildItem readinessCheck(SwitchbackBuildTimeConfig config) {
    return new HealthBuildItem(READINESS_CHECK, config.healthEnabled());
  }
}
