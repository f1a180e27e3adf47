package dev.switchback.memory.migration;

import static dev.switchback.memory.migration.CacheMigrationReliabilityTest.bytes;
import static dev.switchback.memory.migration.CacheMigrationReliabilityTest.join;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchback.Capability;
import dev.switchback.memory.cache.MemoryCache;
import dev.switchback.migration.Stage;
import dev.switchback.migration.internal.CacheRouter;
import dev.switchback.migration.internal.StageController;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Clock;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The engine reports through the OpenTelemetry API: metrics for operations and stages, spans for events. */
class MigrationTelemetryTest {

  @Test
  void operationsStagesAndEventsAreVisibleAsMetricsAndSpans() {
    InMemoryMetricReader metrics = InMemoryMetricReader.create();
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    try (MigrationFixture f = MigrationFixture.cache(Stage.OFF);
        OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
            .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
            .build();
        MemoryCache oldCache = MemoryCache.create();
        MemoryCache newCache = MemoryCache.create()) {
      StageController controller = new StageController(Capability.CACHE, "memory", "memory",
          MigrationFixture.FAST.withInitialStage(Stage.DUALWRITE), otel, f.scheduler, Clock.systemUTC());
      try (CacheRouter router = new CacheRouter(controller, oldCache, newCache, f.scheduler, Clock.systemUTC())) {
        join(router.put("k", bytes("v")));
        controller.moveTo(Stage.SHADOW);
        join(router.get("k"));
      }
      Set<String> names = metrics.collectAllMetrics().stream().map(MetricData::getName).collect(Collectors.toSet());
      assertThat(names).contains(
          "switchback.migration.operations",
          "switchback.migration.duration",
          "switchback.migration.stage",
          "switchback.migration.divergence.backlog",
          "switchback.migration.events");
      assertThat(spans.getFinishedSpanItems())
          .anySatisfy(s -> assertThat(s.getName()).isEqualTo("switchback.migration stage_changed"));
    }
  }
}
