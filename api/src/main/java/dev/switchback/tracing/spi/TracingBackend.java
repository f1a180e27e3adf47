package dev.switchback.tracing.spi;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.trace.IdGenerator;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.List;

/**
 * What a tracing adapter contributes to the OpenTelemetry SDK that Switchback assembles: where
 * spans go, how ids are made, which propagation formats are read and written.
 *
 * @param exporter receives finished spans; Switchback batches in front of it and shuts it down
 * @param idGenerator makes trace and span ids (X-Ray needs time-based trace ids)
 * @param propagators formats injected into and extracted from carriers, in priority order
 * @param resource attributes added to the resource of every span
 */
public record TracingBackend(
    SpanExporter exporter,
    IdGenerator idGenerator,
    List<TextMapPropagator> propagators,
    Attributes resource) {

  public TracingBackend {
    java.util.Objects.requireNonNull(exporter, "exporter");
    java.util.Objects.requireNonNull(idGenerator, "idGenerator");
    propagators = List.copyOf(propagators);
    java.util.Objects.requireNonNull(resource, "resource");
  }
}
