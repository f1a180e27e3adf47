package dev.switchback.memory.tracing;

import dev.switchback.testkit.contract.ReceivedSpan;
import dev.switchback.testkit.contract.TracingContract;
import dev.switchback.tracing.Tracing;
import dev.switchback.tracing.sdk.SdkTracing;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

class MemoryTracingContractTest extends TracingContract {
  // Each instance owns (and on close shuts down) its exporter, so the receiver is all of them.
  private final List<MemorySpanExporter> exporters = new CopyOnWriteArrayList<>();

  @Override
  protected Tracing createTracing() {
    MemorySpanExporter exporter = new MemorySpanExporter();
    exporters.add(exporter);
    return SdkTracing.create(MemoryTracingBackend.create(exporter), "memory-contract");
  }

  @Override
  protected List<ReceivedSpan> receivedSpans() {
    return exporters.stream()
        .flatMap(exporter -> exporter.finishedSpans().stream())
        .map(ReceivedSpan::of)
        .toList();
  }

  @Override
  protected void clearReceived() {
    exporters.forEach(MemorySpanExporter::reset);
  }
}
