package dev.switchback;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchback.cache.Cache;
import dev.switchback.internal.fixtures.Journal;
import dev.switchback.internal.fixtures.MapCache;
import dev.switchback.internal.fixtures.TestMemorySettings;
import dev.switchback.migration.Side;
import dev.switchback.sessions.spi.SessionStore;
import dev.switchback.spi.ProviderContext;
import io.smallrye.config.PropertiesConfigSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MigrationBackendsTest {

  private static MigrationBackends open(Capability capability, Map<String, String> properties) {
    return MigrationBackends.fromSources(capability,
        List.of(new PropertiesConfigSource(properties, "test.properties", 500)));
  }

  private static Map<String, String> cacheMigration(String journal) {
    Map<String, String> p = new HashMap<>();
    p.put("switchback.test.journal", journal);
    p.put("switchback.cache.backend", "testmemory");
    p.put("switchback.cache.testmemory.max-entries", "7");
    p.put("switchback.cache.migration.target", "testplain");
    p.put("switchback.cache.migration.stage", "dualwrite");
    return p;
  }

  @Test
  void eachSideIsItsOwnBackendWithItsOwnSettingsAndNoRouter() throws Exception {
    String journal = Journal.fresh();
    MigrationBackends backends = open(Capability.CACHE, cacheMigration(journal));
    assertThat(backends.name(Side.OLD)).isEqualTo("testmemory");
    assertThat(backends.name(Side.NEW)).isEqualTo("testplain");
    assertThat(Journal.events(journal)).as("nothing is created before it is asked for").isEmpty();

    Cache source = backends.backend(Side.OLD, Cache.class);
    Cache target = backends.backend(Side.NEW, Cache.class);
    assertThat(source).isInstanceOf(MapCache.class).isNotSameAs(target);
    assertThat(((MapCache) source).maxEntries()).isEqualTo(7);
    assertThat(((MapCache) source).role()).isEqualTo("old");
    assertThat(((MapCache) target).role()).isEqualTo("new");
    assertThat(backends.backend(Side.OLD, Cache.class)).isSameAs(source);

    // In dualwrite a router would copy this write into the new store; these are separate.
    source.put("k", "v".getBytes(UTF_8)).toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertThat(target.get("k").toCompletableFuture().get(5, TimeUnit.SECONDS)).isEmpty();

    backends.closeAsync().toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertThat(((MapCache) source).isClosed()).isTrue();
    assertThat(((MapCache) target).isClosed()).isTrue();
    assertThatThrownBy(() -> backends.backend(Side.OLD, Cache.class))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aSidesContextReadsThatBackendsSettingsAndSharesResourcesWithTheOtherSide() {
    try (MigrationBackends backends = open(Capability.CACHE, cacheMigration(Journal.fresh()))) {
      ProviderContext old = backends.context(Side.OLD);
      assertThat(old.role()).isEqualTo("old");
      assertThat(old.capability()).isEqualTo(Capability.CACHE);
      assertThat(old.config(TestMemorySettings.class).maxEntries()).isEqualTo(7);
      assertThat(backends.context(Side.NEW).role()).isEqualTo("new");
      assertThat(backends.context(Side.NEW).resources()).isSameAs(old.resources());
    }
  }

  @Test
  void keysOfOtherCapabilitiesAreIgnoredEvenForBackendsThatAreNotOnTheClasspath() {
    Map<String, String> p = cacheMigration(Journal.fresh());
    p.put("switchback.messaging.backend", "kafka");
    p.put("switchback.messaging.kafka.bootstrap-servers", "broker:9092");
    p.put("switchback.database.backend", "postgres");
    try (MigrationBackends backends = open(Capability.CACHE, p)) {
      assertThat(backends.backend(Side.NEW, Cache.class)).isInstanceOf(MapCache.class);
    }
  }

  @Test
  void aMissingTargetNamesTheTargetKeyAndTheAcceptedValues() {
    Map<String, String> p = cacheMigration(Journal.fresh());
    p.remove("switchback.cache.migration.target");
    assertThatThrownBy(() -> open(Capability.CACHE, p))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("switchback.cache.migration.target is not set")
        .hasMessageContaining("testplain");
  }

  @Test
  void badSettingsOfTheChosenCapabilityStillFailNamingTheKey() {
    Map<String, String> p = cacheMigration(Journal.fresh());
    p.put("switchback.cache.testmemory.max-entrys", "7");
    assertThatThrownBy(() -> open(Capability.CACHE, p))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("switchback.cache.testmemory.max-entrys");

    Map<String, String> unknown = cacheMigration(Journal.fresh());
    unknown.put("switchback.cache.migration.target", "nosuch");
    assertThatThrownBy(() -> open(Capability.CACHE, unknown))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("switchback.cache.migration.target: nosuch");
  }

  @Test
  void aBackendThatCannotStartFailsWhenItsSideIsAskedFor() {
    Map<String, String> p = new HashMap<>();
    p.put("switchback.sessions.backend", "testmemory");
    p.put("switchback.sessions.migration.target", "testbroken");
    try (MigrationBackends backends = open(Capability.SESSIONS, p)) {
      assertThat(backends.backend(Side.OLD, SessionStore.class)).isNotNull();
      assertThatThrownBy(() -> backends.backend(Side.NEW, SessionStore.class))
          .isInstanceOf(BackendUnavailableException.class)
          .hasMessageContaining("testbroken sessions cannot start");
    }
  }

  @Test
  void askingForATypeTheCapabilityDoesNotMakeIsRefused() {
    try (MigrationBackends backends = open(Capability.CACHE, cacheMigration(Journal.fresh()))) {
      assertThatThrownBy(() -> backends.backend(Side.OLD, SessionStore.class))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(Cache.class.getName());
    }
  }
}
