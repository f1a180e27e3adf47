package dev.switchback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchback.internal.fixtures.Journal;
import dev.switchback.migration.Side;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link Switchback#builder()}: an application's own configuration and OpenTelemetry. */
class SwitchbackBuilderTest {

  private static SmallRyeConfig config(Map<String, String> properties, String... profiles) {
    return new SmallRyeConfigBuilder()
        .withSources(new PropertiesConfigSource(properties, "application.properties", 250))
        .withProfiles(java.util.List.of(profiles))
        .build();
  }

  @Test
  void theApplicationsConfigurationIsReadWithItsActiveProfile() {
    SmallRyeConfig config = config(Map.of(
        "switchback.test.journal", Journal.fresh(),
        "switchback.cache.backend", "testmemory",
        "%staging.switchback.cache.migration.target", "testplain",
        "%prod.switchback.cache.migration.target", "no-such-backend"), "staging");

    try (Switchback switchback = Switchback.builder().config(config).build()) {
      assertThat(switchback.backends())
          .extracting(Backend::capability, Backend::name, b -> b.side().orElseThrow())
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(Capability.CACHE, "testmemory", Side.OLD),
              org.assertj.core.groups.Tuple.tuple(Capability.CACHE, "testplain", Side.NEW));
    }
  }

  @Test
  void aBadKeyInTheApplicationsConfigurationNamesTheKey() {
    SmallRyeConfig config = config(Map.of("switchback.cache.backend", "nosuch"));

    assertThatThrownBy(() -> Switchback.builder().config(config).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("switchback.cache.backend: nosuch");
  }

  @Test
  void theApplicationsOpenTelemetryIsTracingsAndIsNotShutDownOnClose() {
    SdkTracerProvider tracerProvider = SdkTracerProvider.builder().build();
    OpenTelemetry application =
        OpenTelemetrySdk.builder().setTracerProvider(tracerProvider).build();
    SmallRyeConfig config = config(Map.of(
        "switchback.test.journal", Journal.fresh(), "switchback.cache.backend", "testmemory"));

    try (Switchback switchback =
        Switchback.builder().config(config).openTelemetry(application).build()) {
      assertThat(switchback.tracing().openTelemetry()).isSameAs(application);
      assertThat(switchback.backends()).extracting(Backend::capability)
          .doesNotContain(Capability.TRACING);
    }
    // Still the application's to use: a span started after the close is a real one.
    assertThat(application.getTracer("t").spanBuilder("after").startSpan().getSpanContext()
        .isValid()).isTrue();
    tracerProvider.close();
  }

  @Test
  void aTracingBackendNextToTheApplicationsOpenTelemetryIsRefusedNamingTheKeys() {
    SmallRyeConfig config = config(Map.of("switchback.tracing.backend", "testmemory"));

    assertThatThrownBy(() -> Switchback.builder().config(config)
            .openTelemetry(OpenTelemetry.noop()).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContainingAll("switchback.tracing.backend", "switchback.tracing.migration.target",
            "must not be set when the application provides its own OpenTelemetry");
  }
}
