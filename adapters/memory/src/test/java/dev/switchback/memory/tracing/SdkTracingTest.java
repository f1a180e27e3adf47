package dev.switchback.memory.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchback.testkit.HeaderMapGetter;
import dev.switchback.tracing.sdk.SdkTracing;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SdkTracingTest {
  private final MemorySpanExporter exporter = new MemorySpanExporter();

  @Test
  void resourceNamesTheServiceAndCarriesTheBackendsAttributes() throws Exception {
    try (SdkTracing tracing = SdkTracing.create(MemoryTracingBackend.create(exporter), "orders")) {
      tracing.openTelemetry().getTracer("t").spanBuilder("s").startSpan().end();
      tracing.flush().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }
    SpanData span = exporter.finishedSpans().get(0);
    assertThat(span.getResource().getAttribute(SdkTracing.SERVICE_NAME)).isEqualTo("orders");
    assertThat(span.getResource().getAttribute(MemoryTracingBackend.BACKEND_ATTRIBUTE))
        .isEqualTo("memory");
  }

  @Test
  void givenSamplerDecidesWhatIsExported() throws Exception {
    try (SdkTracing tracing =
        SdkTracing.create(MemoryTracingBackend.create(exporter), "orders", Sampler.alwaysOff())) {
      Span span = tracing.openTelemetry().getTracer("t").spanBuilder("dropped").startSpan();
      assertThat(span.getSpanContext().isSampled()).isFalse();
      span.end();
      tracing.flush().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }
    assertThat(exporter.finishedSpans()).isEmpty();
  }

  @Test
  void baggageTravelsWithTheTraceContext() {
    try (SdkTracing tracing = SdkTracing.create(MemoryTracingBackend.create(exporter), "orders")) {
      Map<String, String> headers = new HashMap<>();
      Span span = tracing.openTelemetry().getTracer("t").spanBuilder("s").startSpan();
      Context context =
          Context.root().with(span).with(Baggage.builder().put("tenant", "t-1").build());
      tracing.openTelemetry().getPropagators().getTextMapPropagator().inject(context, headers, Map::put);
      span.end();

      assertThat(headers).containsKeys("traceparent", "baggage");
      Context extracted =
          tracing.openTelemetry().getPropagators().getTextMapPropagator()
              .extract(Context.root(), headers, HeaderMapGetter.INSTANCE);
      assertThat(Baggage.fromContext(extracted).getEntryValue("tenant")).isEqualTo("t-1");
      assertThat(Span.fromContext(extracted).getSpanContext().getTraceId())
          .isEqualTo(span.getSpanContext().getTraceId());
    }
  }

  @Test
  void closingShutsTheExporterDownAndIsNotRegisteredGlobally() {
    SdkTracing tracing = SdkTracing.create(MemoryTracingBackend.create(exporter), "orders");
    tracing.close();
    assertThat(exporter.isShutDown()).isTrue();
    assertThat(GlobalOpenTelemetry.getTracerProvider()).isNotSameAs(tracing.openTelemetry().getTracerProvider());
    assertThat(tracing.toString()).isEqualTo("SdkTracing[service=orders]");
  }

  @Test
  void blankServiceNameIsRefused() {
    assertThatThrownBy(() -> SdkTracing.create(MemoryTracingBackend.create(exporter), " "))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void exporterKeepsSpansAfterShutdownButRefusesNewOnesAndForgetsOnReset() throws Exception {
    try (SdkTracing tracing = SdkTracing.create(MemoryTracingBackend.create(exporter), "orders")) {
      tracing.openTelemetry().getTracer("t").spanBuilder("kept").startSpan().end();
    }
    assertThat(exporter.finishedSpans()).extracting(SpanData::getName).containsExactly("kept");
    assertThat(exporter.export(exporter.finishedSpans()).isSuccess()).isFalse();
    exporter.reset();
    assertThat(exporter.finishedSpans()).isEmpty();
  }
}
