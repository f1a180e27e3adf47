package dev.switchback.internal;

import dev.switchback.tracing.Tracing;
import dev.switchback.tracing.spi.TracingBackend;

/**
 * The one place where a tracing adapter's {@link TracingBackend} becomes a {@link Tracing}: the
 * OpenTelemetry SDK set up around it.
 *
 * <p>This is a seam: the SDK set-up belongs to {@code dev.switchback.tracing.sdk.SdkTracing}.
 * Until that class exists, {@link InterimTracing} stands in; once it does, the body becomes
 * {@code return SdkTracing.create(backend, serviceName);} and {@link InterimTracing} goes.
 */
public final class TracingAssembly {
  private TracingAssembly() {}

  /**
   * The tracing that exports through {@code backend} under {@code serviceName}. The returned
   * tracing owns the backend's exporter and shuts it down when closed.
   */
  public static Tracing assemble(TracingBackend backend, String serviceName) {
    return InterimTracing.create(backend, serviceName);
  }
}
