package dev.switchback.memory.tracing;

import dev.switchback.spi.ProviderContext;
import dev.switchback.tracing.spi.TracingBackend;
import dev.switchback.tracing.spi.TracingProvider;

/**
 * Makes the memory tracing backend for {@code switchback.tracing.backend=memory}. It has no
 * settings. The spans it keeps are reachable through the backend's exporter, a {@link
 * MemorySpanExporter}.
 */
public final class MemoryTracingProvider implements TracingProvider {

  /** Called by {@link java.util.ServiceLoader}. */
  public MemoryTracingProvider() {}

  /** {@code memory}. */
  @Override
  public String name() {
    return "memory";
  }

  /** Each instance is a store of its own, so memory to memory migrates between two of them. */
  @Override
  public boolean instancesAreSeparate() {
    return true;
  }

  /** A backend with a new {@link MemorySpanExporter}. */
  @Override
  public TracingBackend create(ProviderContext context) {
    return MemoryTracingBackend.create();
  }
}
