package dev.switchback.memory.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchback.tracing.spi.TracingBackend;
import dev.switchback.tracing.spi.TracingProvider;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class MemoryTracingProviderTest {

  @Test
  void serviceLoaderFindsTheMemoryProviderWithoutSettings() {
    TracingProvider provider =
        ServiceLoader.load(TracingProvider.class).stream()
            .map(ServiceLoader.Provider::get)
            .filter(p -> p.name().equals("memory"))
            .findFirst()
            .orElseThrow();
    assertThat(provider).isInstanceOf(MemoryTracingProvider.class);
    assertThat(provider.configMapping()).isEmpty();

    TracingBackend backend = provider.create(null);
    assertThat(backend.exporter()).isInstanceOf(MemorySpanExporter.class);
    assertThat(backend.propagators()).hasSize(2);
  }
}
