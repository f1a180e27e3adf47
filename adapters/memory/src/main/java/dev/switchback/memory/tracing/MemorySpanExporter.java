package dev.switchback.memory.tracing;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link SpanExporter} that keeps every exported span in memory, in export order, until
 * {@link #reset()}.
 *
 * <p>Spans survive {@link #shutdown()}, so a test can read what closing flushed; exports after
 * shutdown are refused. Unbounded: meant for tests and short-lived embedded use. Thread safe.
 */
public final class MemorySpanExporter implements SpanExporter {
  private final ConcurrentLinkedQueue<SpanData> spans = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean shutDown = new AtomicBoolean();

  /** An empty exporter. */
  public MemorySpanExporter() {}

  /** Keeps {@code batch}; fails once the exporter is shut down. */
  @Override
  public CompletableResultCode export(Collection<SpanData> batch) {
    if (shutDown.get()) {
      return CompletableResultCode.ofFailure();
    }
    spans.addAll(batch);
    return CompletableResultCode.ofSuccess();
  }

  /** Nothing is buffered here: succeeds at once. */
  @Override
  public CompletableResultCode flush() {
    return CompletableResultCode.ofSuccess();
  }

  /** Refuses later exports; keeps the spans already received. */
  @Override
  public CompletableResultCode shutdown() {
    shutDown.set(true);
    return CompletableResultCode.ofSuccess();
  }

  /** Every span exported since the last {@link #reset()}, in export order. */
  public List<SpanData> finishedSpans() {
    return List.copyOf(spans);
  }

  /** Forgets the spans exported so far. */
  public void reset() {
    spans.clear();
  }

  /** Whether {@link #shutdown()} was called. */
  public boolean isShutDown() {
    return shutDown.get();
  }

  @Override
  public String toString() {
    return "MemorySpanExporter[spans=" + spans.size() + "]";
  }
}
