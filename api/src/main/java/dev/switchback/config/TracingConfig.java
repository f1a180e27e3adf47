package dev.switchback.config;

import io.smallrye.config.WithDefault;

/** {@code switchback.tracing.*}: the common keys plus the name spans are reported under. */
public interface TracingConfig extends CapabilityConfig {

  /** The service name used when {@code quarkus.application.name} is not set either. */
  String DEFAULT_SERVICE_NAME = "switchback-service";

  /**
   * {@code switchback.tracing.service-name}: the {@code service.name} resource attribute of
   * every span. Defaults to {@code quarkus.application.name}, else {@value #DEFAULT_SERVICE_NAME}.
   */
  @WithDefault("${quarkus.application.name:" + DEFAULT_SERVICE_NAME + "}")
  String serviceName();
}
