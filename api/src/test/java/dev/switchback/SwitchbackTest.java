package dev.switchback;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchback.cache.Cache;
import dev.switchback.internal.fixtures.Journal;
import dev.switchback.internal.fixtures.MapCache;
import dev.switchback.internal.fixtures.TestMemoryTracingProvider;
import dev.switchback.migration.Side;
import dev.switchback.sessions.Session;
import dev.switchback.sessions.spi.SessionStore;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SwitchbackTest {

  private static Switchback open(Map<String, String> properties) {
    return Switchback.fromSources(
        List.of(new PropertiesConfigSource(properties, "test.properties", 500)));
  }

  private static Map<String, String> everything(String journal) {
    Map<String, String> p = new HashMap<>();
    p.put("switchback.test.journal", journal);
    p.put("switchback.tracing.backend", "testmemory");
    p.put("switchback.tracing.service-name", "orders");
    p.put("switchback.database.backend", "testdb");
    p.put("switchback.cache.backend", "testmemory");
    p.put("switchback.messaging.backend", "testmemory");
    p.put("switchback.auth.backend", "testmemory");
    p.put("switchback.sessions.backend", "testmemory");
    return p;
  }

  private static <T> T await(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  @Test
  void configuredCapabilitiesAreCreatedAtStartAndWork() throws Exception {
    String journal = Journal.fresh();
    Switchback switchback = open(everything(journal));
    try (switchback) {
      assertThat(Journal.events(journal)).containsExactly(
          "create database/primary", "create cache/primary", "create messaging/primary",
          "create auth/primary", "create sessions/primary");

      Cache cache = switchback.cache();
      await(cache.put("greeting", "hello".getBytes(UTF_8)));
      assertThat(await(cache.get("greeting"))).get().extracting(b -> new String(b, UTF_8))
          .isEqualTo("hello");
      assertThat(switchback.cache()).isSameAs(cache);

      Session session = await(switchback.sessions().create("alice", Map.of(), Duration.ofMinutes(1)));
      assertThat(await(switchback.sessions().get(session.id()))).contains(session);
      assertThat(switchback.sessions()).isInstanceOf(SessionStore.class);
      assertThat(await(switchback.database().execute("select 1", List.of()))).isEqualTo(1L);
      assertThat(switchback.backends())
          .extracting(Backend::capability, Backend::name, b -> b.side().isPresent())
          .containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple(Capability.DATABASE, "testdb", false),
              org.assertj.core.groups.Tuple.tuple(Capability.CACHE, "testmemory", false),
              org.assertj.core.groups.Tuple.tuple(Capability.MESSAGING, "testmemory", false),
              org.assertj.core.groups.Tuple.tuple(Capability.AUTH, "testmemory", false),
              org.assertj.core.groups.Tuple.tuple(Capability.SESSIONS, "testmemory", false),
              org.assertj.core.groups.Tuple.tuple(Capability.TRACING, "testmemory", false));
    }
    assertThatThrownBy(switchback::backends).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void closeClosesEverythingInReverseOrderOfCreationOnce() throws Exception {
    String journal = Journal.fresh();
    Switchback switchback = open(everything(journal));
    switchback.close();
    CompletionStage<Void> again = switchback.closeAsync();
    switchback.close();

    assertThat(again).isSameAs(switchback.closeAsync());
    assertThat(Journal.events(journal)).containsExactly(
        "create database/primary", "create cache/primary", "create messaging/primary",
        "create auth/primary", "create sessions/primary",
        "close sessions/primary", "close auth/primary", "close messaging/primary",
        "close cache/primary", "close database/primary");
    assertThat(TestMemoryTracingProvider.lastExporter().shutdowns()).isEqualTo(1);
  }

  @Test
  void accessorsFailAfterClose() {
    Switchback switchback = open(everything(Journal.fresh()));
    switchback.close();
    assertThatThrownBy(switchback::cache).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
    assertThatThrownBy(switchback::tracing).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void configuredTracingInstrumentsTheOtherCapabilities() throws Exception {
    try (Switchback switchback = open(everything(Journal.fresh()))) {
      OpenTelemetry openTelemetry = switchback.tracing().openTelemetry();
      assertThat(((MapCache) switchback.cache()).openTelemetry()).isSameAs(openTelemetry);

      openTelemetry.getTracer("test").spanBuilder("checkout").startSpan().end();
      await(switchback.tracing().flush());
      List<SpanData> spans = TestMemoryTracingProvider.lastExporter().spans();
      assertThat(spans).extracting(SpanData::getName).containsExactly("checkout");
      assertThat(spans.get(0).getResource().getAttribute(AttributeKey.stringKey("service.name")))
          .isEqualTo("orders");
    }
  }

  @Test
  void withoutTracingProvidersGetANoopOpenTelemetry() {
    try (Switchback switchback = open(Map.of("switchback.cache.backend", "testmemory"))) {
      assertThat(((MapCache) switchback.cache()).openTelemetry()).isSameAs(OpenTelemetry.noop());
    }
  }

  @Test
  void backendSettingsReachTheProvider() {
    try (Switchback switchback = open(Map.of(
        "switchback.cache.backend", "testmemory",
        "switchback.cache.testmemory.max-entries", "3"))) {
      assertThat(((MapCache) switchback.cache()).maxEntries()).isEqualTo(3);
    }
  }

  @Test
  void environmentVariablesConfigureSwitchback() {
    String journal = Journal.fresh();
    try (Switchback switchback = Switchback.fromSources(List.of(new EnvConfigSource(Map.of(
        "SWITCHBACK_CACHE_BACKEND", "testmemory",
        "SWITCHBACK_CACHE_TESTMEMORY_MAX_ENTRIES", "4",
        "SWITCHBACK_TEST_JOURNAL", journal), 300)))) {
      assertThat(Journal.events(journal)).containsExactly("create cache/primary");
      assertThat(((MapCache) switchback.cache()).maxEntries()).isEqualTo(4);
    }
  }

  @Test
  void propertiesGivenToFromConfigAreRead() {
    try (Switchback switchback = Switchback.fromConfig(Map.of(
        "switchback.cache.backend", "testmemory",
        "switchback.cache.testmemory.max-entries", "9"))) {
      assertThat(((MapCache) switchback.cache()).maxEntries()).isEqualTo(9);
    }
  }

  @Test
  void databaseWithoutABackendNamesTheKeyAndTheAcceptedValues() {
    try (Switchback switchback = open(Map.of())) {
      assertThatThrownBy(switchback::database)
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("switchback.database.backend is not set")
          .hasMessageContaining("accepted values: postgres, rds, testdb");
    }
  }

  @Test
  void unconfiguredCapabilityWithoutTheDefaultModuleNamesTheModuleOnFirstRequest() {
    try (Switchback switchback = open(Map.of())) {
      assertThatThrownBy(switchback::cache)
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("switchback.cache.backend is not set")
          .hasMessageContaining("dev.switchback:switchback-memory")
          .hasMessageContaining("accepted values: memory, redis, elasticache, dynamodb");
    }
  }

  @Test
  void unknownBackendFailsAtStart() {
    assertThatThrownBy(() -> open(Map.of("switchback.messaging.backend", "rabbit")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("Unrecognized value for switchback.messaging.backend: rabbit; accepted values:"
            + " memory, kafka, msk, testmemory");
  }

  @Test
  void knownBackendWithoutItsModuleFailsAtStart() {
    assertThatThrownBy(() -> open(Map.of("switchback.tracing.backend", "xray")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("switchback.tracing.backend=xray needs the module"
            + " dev.switchback:switchback-xray on the classpath");
  }

  @Test
  void badValuesAndUnknownKeysFailAtStart() {
    assertThatThrownBy(() -> open(Map.of("switchback.cache.migration.stage", "later")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("switchback.cache.migration.stage")
        .hasMessageContaining("accepted values: off, dualwrite, shadow, live, rampdown, complete");
    assertThatThrownBy(() -> open(Map.of("switchback.sessions.ttl", "5m")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("Unknown configuration key switchback.sessions.ttl")
        .hasMessageContaining("accepted keys under switchback.sessions.*: backend, migration.*");
  }

  @Test
  void migrationCreatesBothBackendsRoutesBetweenThemAndClosesBoth() {
    String journal = Journal.fresh();
    try (Switchback switchback = open(Map.of(
            "switchback.test.journal", journal,
            "switchback.cache.backend", "testmemory",
            "switchback.cache.migration.target", "testplain",
            "switchback.cache.migration.stage", "dualwrite"))) {
      var migration = switchback.migration(Capability.CACHE).orElseThrow();
      assertThat(migration.stage()).isEqualTo(dev.switchback.migration.Stage.DUALWRITE);
      assertThat(migration.status().oldBackend()).isEqualTo("testmemory");
      assertThat(migration.status().newBackend()).isEqualTo("testplain");
      switchback.cache().put("k", new byte[] {1}).toCompletableFuture().join();
      assertThat(switchback.cache().get("k").toCompletableFuture().join()).isPresent();
      assertThat(switchback.migration(Capability.SESSIONS)).isEmpty();
      assertThat(switchback.backends())
          .extracting(Backend::capability, Backend::name, b -> b.side().orElseThrow())
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(Capability.CACHE, "testmemory", Side.OLD),
              org.assertj.core.groups.Tuple.tuple(Capability.CACHE, "testplain", Side.NEW));
    }
    // Both sides were created, and closed newest first: nothing leaks.
    assertThat(Journal.events(journal)).containsSubsequence(
        "create cache/old", "create cache/new", "close cache/new", "close cache/old");
  }

  @Test
  void theControlSourceReadAtStartSetsTheStartingStageOverTheConfiguredOne() throws Exception {
    java.nio.file.Path file = java.nio.file.Files.createTempFile("stages", ".properties");
    try {
      // Where the other instances are: two stages past the configured one.
      java.nio.file.Files.writeString(file, "switchback.cache.migration.stage=shadow\n");
      try (Switchback switchback = open(Map.of(
              "switchback.test.journal", Journal.fresh(),
              "switchback.cache.backend", "testmemory",
              "switchback.cache.migration.target", "testplain",
              "switchback.cache.migration.stage", "off",
              "switchback.control.source", "file:" + file))) {
        assertThat(switchback.migration(Capability.CACHE).orElseThrow().stage())
            .isEqualTo(dev.switchback.migration.Stage.SHADOW);
      }
    } finally {
      java.nio.file.Files.delete(file);
    }
  }

  @Test
  void databaseMigrationIsRefusedUntilItsEngineExists() {
    assertThatThrownBy(() -> open(Map.of(
            "switchback.database.backend", "testdb",
            "switchback.database.migration.target", "testdb")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("switchback.database.migration.target");
  }

  @Test
  void aBackendThatFailsToStartClosesThoseAlreadyCreated() {
    String journal = Journal.fresh();
    assertThatThrownBy(() -> open(Map.of(
            "switchback.test.journal", journal,
            "switchback.cache.backend", "testmemory",
            "switchback.sessions.backend", "testbroken")))
        .isInstanceOf(BackendUnavailableException.class)
        .hasMessageContaining("testbroken sessions cannot start");
    assertThat(Journal.events(journal)).containsExactly("create cache/primary", "close cache/primary");
  }
}
