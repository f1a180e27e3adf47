package dev.switchback.testkit.contract;

import static java.util.Objects.requireNonNull;

import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A span as a receiver got it, in the few fields {@link TracingContract} checks. A receiver of
 * any wire format (OTLP, X-Ray segments, an in-memory exporter) maps what it received to this.
 *
 * @param traceId trace id as 32 lower-case hex characters
 * @param spanId span id as 16 lower-case hex characters
 * @param parentSpanId the parent's span id as 16 hex characters, or empty for a root span
 * @param name the span name
 * @param attributes attributes with their values as strings ({@code 42}, {@code true}, {@code
 *     [a, b]} for arrays)
 */
public record ReceivedSpan(
    String traceId,
    String spanId,
    String parentSpanId,
    String name,
    Map<String, String> attributes) {

  public ReceivedSpan {
    requireNonNull(traceId, "traceId");
    requireNonNull(spanId, "spanId");
    requireNonNull(parentSpanId, "parentSpanId");
    requireNonNull(name, "name");
    attributes = Map.copyOf(requireNonNull(attributes, "attributes"));
  }

  /** Whether the span has no parent. */
  public boolean isRoot() {
    return parentSpanId.isEmpty();
  }

  /** Maps a span as the OpenTelemetry SDK hands it to an exporter. */
  public static ReceivedSpan of(SpanData span) {
    Map<String, String> attributes = new LinkedHashMap<>();
    span.getAttributes()
        .forEach((key, value) -> attributes.put(key.getKey(), String.valueOf(value)));
    String parent = span.getParentSpanContext().isValid() ? span.getParentSpanId() : "";
    return new ReceivedSpan(
        span.getTraceId(), span.getSpanId(), parent, span.getName(), attributes);
  }
}
