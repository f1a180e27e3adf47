package dev.switchback.memory.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchback.testkit.RegisteredProviders;
import dev.switchback.tracing.spi.TracingBackend;
import dev.switchback.tracing.spi.TracingProvider;
import org.junit.jupiter.api.Test;

class MemoryTracingProviderTest {

  @Test
  void serviceLoaderFindsTheMemoryProviderWithoutSettings() {
    TracingProvider provider = RegisteredProviders.named(TracingProvider.class, "memory");
    assertThat(provider).isInstanceOf(MemoryTracingProvider.class);
    assertThat(provider.configMapping()).isEmpty();

    TracingBackend backend = provider.create(null);
    assertThat(backend.exporter()).isInstanceOf(MemorySpanExporter.class);
    assertThat(backend.propagators()).hasSize(2);
  }
}
