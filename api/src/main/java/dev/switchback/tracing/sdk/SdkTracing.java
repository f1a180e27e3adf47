package dev.switchback.tracing.sdk;

import static java.util.Objects.requireNonNull;

import dev.switchback.BackendUnavailableException;
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
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@link Tracing} on the OpenTelemetry SDK, assembled from what a tracing adapter contributes.
 *
 * <p>The SDK is built as follows:
 *
 * <ul>
 *   <li>a {@link BatchSpanProcessor} with the SDK's default queue and batch sizes in front of the
 *       backend's exporter, so ending a span never waits on the network (when the queue is full,
 *       new spans are dropped rather than blocking the caller);
 *   <li>the backend's {@link io.opentelemetry.sdk.trace.IdGenerator};
 *   <li>one composite propagator of the backend's propagators, in the backend's order: inject
 *       writes every format, extract takes the first format that yields a valid context;
 *   <li>a {@link Resource} made of the SDK default, then the backend's resource attributes, then
 *       {@code service.name} from the caller, each overriding the one before;
 *   <li>the sampler {@link #DEFAULT_SAMPLER} unless another is given.
 * </ul>
 *
 * <p>The instance is never registered as the global OpenTelemetry: a service that wants that
 * does it itself with {@link #openTelemetry()}.
 *
 * <p>Thread safe. {@link #flush()} forces the batch out; {@link #closeAsync()} flushes, then
 * shuts the processor and the exporter down.
 */
public final class SdkTracing implements Tracing {

  /** The default sampler: follow the parent's decision, sample every root span. */
  public static final Sampler DEFAULT_SAMPLER = Sampler.parentBased(Sampler.alwaysOn());

  /** The resource attribute that names the service. */
  public static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

  private final OpenTelemetrySdk sdk;
  private final String serviceName;
  private final AtomicReference<CompletableFuture<Void>> closing = new AtomicReference<>();

  private SdkTracing(OpenTelemetrySdk sdk, String serviceName) {
    this.sdk = sdk;
    this.serviceName = serviceName;
  }

  /**
   * Assembles the SDK for {@code backend} with {@link #DEFAULT_SAMPLER}.
   *
   * @param backend what the tracing adapter contributes; its exporter is owned from now on and
   *     shut down when this instance closes
   * @param serviceName the {@code service.name} resource attribute
   * @throws IllegalArgumentException if {@code serviceName} is blank
   */
  public static SdkTracing create(TracingBackend backend, String serviceName) {
    return create(backend, serviceName, DEFAULT_SAMPLER);
  }

  /**
   * Assembles the SDK for {@code backend} with {@code sampler}.
   *
   * @param backend what the tracing adapter contributes; its exporter is owned from now on and
   *     shut down when this instance closes
   * @param serviceName the {@code service.name} resource attribute
   * @param sampler decides which spans are recorded and exported
   * @throws IllegalArgumentException if {@code serviceName} is blank
   */
  public static SdkTracing create(TracingBackend backend, String serviceName, Sampler sampler) {
    requireNonNull(backend, "backend");
    requireNonNull(serviceName, "serviceName");
    requireNonNull(sampler, "sampler");
    if (serviceName.isBlank()) {
      throw new IllegalArgumentException("serviceName must not be blank");
    }
    Resource resource =
        Resource.getDefault()
            .merge(Resource.create(backend.resource()))
            .merge(Resource.create(Attributes.of(SERVICE_NAME, serviceName)));
    SdkTracerProvider tracerProvider =
        SdkTracerProvider.builder()
            .setResource(resource)
            .setIdGenerator(backend.idGenerator())
            .setSampler(sampler)
            .addSpanProcessor(BatchSpanProcessor.builder(backend.exporter()).build())
            .build();
    ContextPropagators propagators =
        ContextPropagators.create(TextMapPropagator.composite(backend.propagators()));
    return new SdkTracing(
        OpenTelemetrySdk.builder()
            .setTracerProvider(tracerProvider)
            .setPropagators(propagators)
            .build(),
        serviceName);
  }

  @Override
  public OpenTelemetry openTelemetry() {
    return sdk;
  }

  /**
   * Exports every span ended so far. Fails with {@link BackendUnavailableException} if the
   * exporter reported a failure or did not answer within its own timeout.
   */
  @Override
  public CompletionStage<Void> flush() {
    return toStage(sdk.getSdkTracerProvider().forceFlush(), "flushing spans failed");
  }

  /**
   * Flushes ended spans, then shuts the span processor and exporter down. Calling it again
   * returns the same stage. Spans ended after close are dropped.
   */
  @Override
  public CompletionStage<Void> closeAsync() {
    CompletableFuture<Void> created = new CompletableFuture<>();
    CompletableFuture<Void> existing = closing.compareAndExchange(null, created);
    if (existing != null) {
      return existing;
    }
    toStage(sdk.shutdown(), "shutting tracing down failed")
        .whenComplete(
            (ignored, failure) -> {
              if (failure == null) {
                created.complete(null);
              } else {
                created.completeExceptionally(failure);
              }
            });
    return created;
  }

  private static CompletionStage<Void> toStage(CompletableResultCode result, String failure) {
    CompletableFuture<Void> stage = new CompletableFuture<>();
    result.whenComplete(
        () -> {
          if (result.isSuccess()) {
            stage.complete(null);
          } else {
            Throwable cause = result.getFailureThrowable();
            stage.completeExceptionally(
                cause == null
                    ? new BackendUnavailableException(failure)
                    : new BackendUnavailableException(failure, cause));
          }
        });
    return stage;
  }

  @Override
  public String toString() {
    // Not the provider's toString: it prints the exporter, whose settings may hold credentials.
    return "SdkTracing[service=" + serviceName + "]";
  }
}
