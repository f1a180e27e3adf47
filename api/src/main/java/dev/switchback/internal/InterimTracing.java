package dev.switchback.internal;

import static java.util.Objects.requireNonNull;

import dev.switchback.tracing.Tracing;
import dev.switchback.tracing.spi.TracingBackend;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.lang.System.Logger.Level;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A plain OpenTelemetry SDK around a {@link TracingBackend}: batch export, the backend's id
 * generator, propagators and resource, and {@code service.name}. Stands in behind {@link
 * TracingAssembly} until the full SDK set-up is available.
 */
final class InterimTracing implements Tracing {
  private static final System.Logger LOG = System.getLogger(InterimTracing.class.getName());
  private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

  private final SdkTracerProvider tracerProvider;
  private final OpenTelemetry openTelemetry;
  private final AtomicReference<CompletableFuture<Void>> closing = new AtomicReference<>();

  private InterimTracing(SdkTracerProvider tracerProvider, OpenTelemetry openTelemetry) {
    this.tracerProvider = tracerProvider;
    this.openTelemetry = openTelemetry;
  }

  static InterimTracing create(TracingBackend backend, String serviceName) {
    requireNonNull(backend, "backend");
    requireNonNull(serviceName, "serviceName");
    Resource resource = Resource.getDefault()
        .merge(Resource.create(backend.resource()))
        .merge(Resource.create(Attributes.of(SERVICE_NAME, serviceName)));
    SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
        .setResource(resource)
        .setIdGenerator(backend.idGenerator())
        .addSpanProcessor(BatchSpanProcessor.builder(backend.exporter()).build())
        .build();
    OpenTelemetry openTelemetry = OpenTelemetrySdk.builder()
        .setTracerProvider(tracerProvider)
        .setPropagators(ContextPropagators.create(TextMapPropagator.composite(backend.propagators())))
        .build();
    return new InterimTracing(tracerProvider, openTelemetry);
  }

  @Override
  public OpenTelemetry openTelemetry() {
    return openTelemetry;
  }

  @Override
  public CompletionStage<Void> flush() {
    return toStage(tracerProvider.forceFlush(), "flushing spans");
  }

  @Override
  public CompletionStage<Void> closeAsync() {
    CompletableFuture<Void> started = new CompletableFuture<>();
    if (!closing.compareAndSet(null, started)) {
      return closing.get();
    }
    toStage(tracerProvider.shutdown(), "shutting tracing down")
        .whenComplete((ignored, error) -> started.complete(null));
    return started;
  }

  // Export is best effort: a backend that did not take the spans is logged, not raised.
  private static CompletableFuture<Void> toStage(CompletableResultCode code, String what) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    code.whenComplete(() -> {
      if (!code.isSuccess()) {
        LOG.log(Level.WARNING, "{0}: the tracing backend did not accept every span", what);
      }
      done.complete(null);
    });
    return done;
  }
}
