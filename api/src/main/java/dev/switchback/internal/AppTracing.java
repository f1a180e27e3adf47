package dev.switchback.internal;

import static java.util.Objects.requireNonNull;

import dev.switchback.tracing.Tracing;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The tracing capability when the application brings its own {@link OpenTelemetry}: Switchback
 * instruments through it and sets up no SDK. The application owns it, so closing does nothing.
 */
final class AppTracing implements Tracing {
  private final OpenTelemetry openTelemetry;

  AppTracing(OpenTelemetry openTelemetry) {
    this.openTelemetry = requireNonNull(openTelemetry, "openTelemetry");
  }

  @Override
  public OpenTelemetry openTelemetry() {
    return openTelemetry;
  }

  /** Flushes the application's tracer provider when it is the OpenTelemetry SDK's. */
  @Override
  public CompletionStage<Void> flush() {
    if (!(openTelemetry instanceof OpenTelemetrySdk sdk)) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    sdk.getSdkTracerProvider().forceFlush().whenComplete(() -> done.complete(null));
    return done;
  }

  @Override
  public CompletionStage<Void> closeAsync() {
    return CompletableFuture.completedFuture(null);
  }
}
