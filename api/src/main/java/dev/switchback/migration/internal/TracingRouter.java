package dev.switchback.migration.internal;

import dev.switchback.migration.Stage;
import dev.switchback.tracing.spi.TracingBackend;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.IdGenerator;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Combines an old and a new tracing backend into one, following the migration's stage: spans are
 * exported to old in off, to both from dualwrite to rampdown, and to new in complete; ids come
 * from the new backend's generator once it is written (X-Ray ids are valid W3C ids, not the other
 * way round); context is injected in every format of both backends and extracted from whichever
 * is present.
 */
public final class TracingRouter {
  private TracingRouter() {}

  /** The combined backend. */
  public static TracingBackend route(
      StageController controller, TracingBackend oldBackend, TracingBackend newBackend) {
    SpanExporter exporter = new StagedExporter(controller, oldBackend.exporter(), newBackend.exporter());
    IdGenerator ids =
        new IdGenerator() {
          @Override
          public String generateSpanId() {
            return pick(controller).generateSpanId();
          }

          @Override
          public String generateTraceId() {
            return pick(controller).generateTraceId();
          }

          private IdGenerator pick(StageController c) {
            return c.stage() == Stage.OFF ? oldBackend.idGenerator() : newBackend.idGenerator();
          }
        };
    List<TextMapPropagator> propagators = new ArrayList<>(oldBackend.propagators());
    for (TextMapPropagator p : newBackend.propagators()) {
      if (propagators.stream().noneMatch(q -> q.getClass() == p.getClass())) {
        propagators.add(p);
      }
    }
    return new TracingBackend(
        exporter,
        ids,
        List.of(new ExtractFirstPropagator(propagators)),
        oldBackend.resource().toBuilder().putAll(newBackend.resource()).build());
  }

  /** Injects every format; extracts with the first propagator that finds a valid span context. */
  private record ExtractFirstPropagator(List<TextMapPropagator> propagators)
      implements TextMapPropagator {
    @Override
    public Collection<String> fields() {
      Set<String> fields = new LinkedHashSet<>();
      propagators.forEach(p -> fields.addAll(p.fields()));
      return fields;
    }

    @Override
    public <C> void inject(Context context, C carrier, TextMapSetter<C> setter) {
      propagators.forEach(p -> p.inject(context, carrier, setter));
    }

    @Override
    public <C> Context extract(Context context, C carrier, TextMapGetter<C> getter) {
      for (TextMapPropagator p : propagators) {
        Context extracted = p.extract(context, carrier, getter);
        if (io.opentelemetry.api.trace.Span.fromContext(extracted).getSpanContext().isValid()
            && extracted != context) {
          return extracted;
        }
      }
      return context;
    }
  }

  private record StagedExporter(StageController controller, SpanExporter oldExporter, SpanExporter newExporter)
      implements SpanExporter {
    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      Stage stage = controller.stage();
      List<CompletableResultCode> results = new ArrayList<>(2);
      if (stage.writesOld()) {
        results.add(oldExporter.export(spans));
      }
      if (stage.writesNew()) {
        results.add(newExporter.export(spans));
      }
      return CompletableResultCode.ofAll(results);
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofAll(List.of(oldExporter.flush(), newExporter.flush()));
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofAll(List.of(oldExporter.shutdown(), newExporter.shutdown()));
    }
  }
}
