package dev.switchback.memory.tracing;

import static java.util.Objects.requireNonNull;

import dev.switchback.tracing.spi.TracingBackend;
import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.sdk.trace.IdGenerator;
import java.util.List;

/**
 * The memory tracing backend: spans go to a {@link MemorySpanExporter}, ids are the SDK's random
 * ones, and context travels as W3C {@code traceparent}/{@code tracestate} and {@code baggage}.
 * Hand the result to {@code dev.switchback.tracing.sdk.SdkTracing.create(backend, serviceName)}.
 */
public final class MemoryTracingBackend {

  /** Resource attribute naming the tracing backend: {@code switchback.tracing.backend=memory}. */
  public static final AttributeKey<String> BACKEND_ATTRIBUTE =
      AttributeKey.stringKey("switchback.tracing.backend");

  private MemoryTracingBackend() {}

  /** A backend exporting to {@code exporter}, which the assembled SDK will own and shut down. */
  public static TracingBackend create(MemorySpanExporter exporter) {
    requireNonNull(exporter, "exporter");
    return new TracingBackend(
        exporter,
        IdGenerator.random(),
        List.of(W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance()),
        Attributes.of(BACKEND_ATTRIBUTE, "memory"));
  }

  /** A backend exporting to a new {@link MemorySpanExporter}, reachable as its exporter. */
  public static TracingBackend create() {
    return create(new MemorySpanExporter());
  }
}
