package dev.switchback.internal;

import dev.switchback.tracing.Tracing;
import dev.switchback.tracing.sdk.SdkTracing;
import dev.switchback.tracing.spi.TracingBackend;

/**
 * The one place where a tracing adapter's {@link TracingBackend} becomes a {@link Tracing}: the
 * OpenTelemetry SDK set up around it.
 *
 * <p>The SDK set-up itself is {@link SdkTracing}.
 */
public final class TracingAssembly {
  private TracingAssembly() {}

  /**
   * The tracing that exports through {@code backend} under {@code serviceName}. The returned
   * tracing owns the backend's exporter and shuts it down when closed.
   */
  public static Tracing assemble(TracingBackend backend, String serviceName) {
    return SdkTracing.create(backend, serviceName);
  }
}
