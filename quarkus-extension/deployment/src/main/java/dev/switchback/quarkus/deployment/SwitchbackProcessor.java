package dev.switchback.quarkus.deployment;

import dev.switchback.quarkus.runtime.AdminRecorder;
import dev.switchback.quarkus.runtime.SwitchbackBeans;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.bootstrap.classloading.QuarkusClassLoader;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.IsDevelopment;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.BytecodeTransformerBuildItem;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.GeneratedClassBuildItem;
import io.quarkus.devui.spi.page.CardPageBuildItem;
import io.quarkus.devui.spi.page.Page;
import io.quarkus.smallrye.health.deployment.spi.HealthBuildItem;
import io.quarkus.vertx.http.deployment.BodyHandlerBuildItem;
import io.quarkus.vertx.http.deployment.NonApplicationRootPathBuildItem;
import io.quarkus.vertx.http.deployment.RouteBuildItem;

/**
 * Registers Switchback's beans, with SmallRye Health its readiness check, the admin endpoints
 * under {@code /q/switchback} and, in dev mode, a Dev UI card that opens the dashboard.
 */
class SwitchbackProcessor {

  /** The admin endpoints' path under the non-application root ({@code /q}). */
  static final String ADMIN_PATH = "switchback";

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

  /** By name, as for the readiness check: loading it needs Micrometer. */
  private static final String METER_BINDER =
      "dev.switchback.quarkus.runtime.SwitchbackMeterBinder";

  /**
   * Each migration's status as Micrometer meters, when the application has Micrometer (the
   * meters Switchback makes through OpenTelemetry reach the application's OpenTelemetry).
   */
  @BuildStep
  void meterBinder(Capabilities capabilities, BuildProducer<AdditionalBeanBuildItem> beans) {
    if (capabilities.isPresent(Capability.METRICS)
        && QuarkusClassLoader.isClassPresentAtRuntime("io.micrometer.core.instrument.MeterRegistry")) {
      beans.produce(AdditionalBeanBuildItem.builder().addBeanClass(METER_BINDER).setUnremovable()
          .build());
    }
  }

  /** See {@link ConfigMappingClasses}: fewer classes generated at every start. */
  @BuildStep
  void configMappingClasses(BuildProducer<GeneratedClassBuildItem> generated) {
    ConfigMappingClasses.generate(Thread.currentThread().getContextClassLoader())
        .forEach(generated::produce);
  }

  /** See {@link NettyCleanerFix}: Netty 4.2 under Quarkus's rewrite for 4.1. */
  @BuildStep
  BytecodeTransformerBuildItem nettyCleanerFix() {
    return new BytecodeTransformerBuildItem.Builder()
        .setClassToTransform(NettyCleanerFix.CLASS)
        .setCacheable(true)
        .setVisitorFunction(NettyCleanerFix.transformer())
        .build();
  }

  /** Consumed only when SmallRye Health is present; the check class is loaded only then. */
  @BuildStep
  HealthBuildItem readinessCheck(SwitchbackBuildTimeConfig config) {
    return new HealthBuildItem(READINESS_CHECK, config.healthEnabled());
  }

  /**
   * {@code /q/switchback/*}: status, stage moves, dashboard. Always routed; whether it answers is
   * decided at run time ({@code quarkus.switchback.admin.enabled}, off in production).
   */
  @BuildStep
  @Record(ExecutionTime.RUNTIME_INIT)
  RouteBuildItem adminRoute(AdminRecorder recorder, NonApplicationRootPathBuildItem nonApplication,
      BodyHandlerBuildItem bodyHandler) {
    return nonApplication.routeBuilder()
        .routeFunction(ADMIN_PATH + "/*", recorder.withBody(bodyHandler.getHandler()))
        .handler(recorder.endpoints(nonApplication.resolvePath(ADMIN_PATH)))
        .blockingRoute()
        .build();
  }

  /** A Dev UI card with a link to the migration dashboard. */
  @BuildStep(onlyIf = IsDevelopment.class)
  CardPageBuildItem devUiCard(NonApplicationRootPathBuildItem nonApplication) {
    CardPageBuildItem card = new CardPageBuildItem();
    card.addPage(Page.externalPageBuilder("Migration dashboard")
        .icon("font-awesome-solid:route")
        .url(nonApplication.resolvePath(ADMIN_PATH + "/ui"))
        .isHtmlContent());
    card.addPage(Page.externalPageBuilder("Migration status (JSON)")
        .icon("font-awesome-solid:list-check")
        .url(nonApplication.resolvePath(ADMIN_PATH + "/status"))
        .isJsonContent());
    return card;
  }
}
