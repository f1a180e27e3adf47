package dev.switchback.tracing;

import dev.switchback.AsyncCloseable;
import io.opentelemetry.api.OpenTelemetry;
import java.util.concurrent.CompletionStage;

/**
 * Tracing through the OpenTelemetry API. Switchback owns the SDK set-up for the configured
 * backend (exporter, id generator, propagators, sampler, resource); services create spans with
 * {@link #openTelemetry()} exactly as with any OpenTelemetry SDK, and the other five
 * capabilities are instrumented through it.
 *
 * <p><b>Guarantees.</b> Export is best effort and off the caller's path: creating and ending
 * spans never throws and never blocks on the network. {@link #flush()} completes when every
 * span ended before the call has been handed to the backend (or failed to be). Closing flushes.
 */
public interface Tracing extends AsyncCloseable {

  /** The OpenTelemetry instance to create spans and propagate context with. */
  OpenTelemetry openTelemetry();

  /** Exports every span ended so far; completes when the backend has answered. */
  CompletionStage<Void> flush();
}
