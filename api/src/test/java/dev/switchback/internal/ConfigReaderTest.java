package dev.switchback.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchback.Capability;
import dev.switchback.ConfigurationException;
import dev.switchback.cache.Cache;
import dev.switchback.cache.spi.CacheProvider;
import dev.switchback.config.MigrationConfig;
import dev.switchback.config.SwitchbackConfig;
import dev.switchback.internal.fixtures.TestGroupSettings;
import dev.switchback.internal.fixtures.TestMemorySettings;
import dev.switchback.migration.Stage;
import dev.switchback.spi.ProviderContext;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;

class ConfigReaderTest {
  private static final String STAGES = "accepted values: off, dualwrite, shadow, live, rampdown,"
      + " complete";

  static ReadConfiguration read(Map<String, String> properties) {
    return read(new PropertiesConfigSource(properties, "test.properties", 500));
  }

  static ReadConfiguration read(ConfigSource... sources) {
    ClassLoader loader = ConfigReaderTest.class.getClassLoader();
    return new ConfigReader(BackendCatalog.discover(loader), ConfigReader.discoverGroups(loader),
        ControlSourceSchemes.known()).read(List.of(sources), false, loader);
  }

  static void assertFails(Map<String, String> properties, String... fragments) {
    assertThatThrownBy(() -> read(properties))
        .isInstanceOf(ConfigurationException.class)
        .message()
        .contains(fragments);
  }

  @Test
  void everyMigrationSettingHasItsDocumentedDefault() {
    SwitchbackConfig config = read(Map.of()).switchback();
    MigrationConfig m = config.cache().migration();
    assertThat(config.cache().backend()).isEmpty();
    assertThat(m.target()).isEmpty();
    assertThat(m.stage()).isEqualTo(Stage.OFF);
    assertThat(m.canaryPercent()).isEqualTo(100);
    assertThat(m.shadowTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(m.mirrorTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(m.reconcileInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(m.guard().enabled()).isTrue();
    assertThat(m.guard().maxErrorRate()).isEqualTo(0.05);
    assertThat(m.guard().maxMismatchRate()).isEqualTo(0.01);
    assertThat(m.guard().window()).isEqualTo(Duration.ofSeconds(60));
    assertThat(m.guard().minOperations()).isEqualTo(20);
    assertThat(m.guard().rollbackTo()).isEqualTo(Stage.DUALWRITE);
    assertThat(config.control().source()).isEqualTo("none");
    assertThat(config.control().pollInterval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.tracing().serviceName()).isEqualTo("switchback-service");
  }

  @Test
  void unconfiguredCapabilitiesAreNotCreatedAtStart() {
    ReadConfiguration read = read(Map.of("switchback.cache.backend", "testmemory"));
    assertThat(read.choice(Capability.CACHE).configured()).isTrue();
    assertThat(read.choice(Capability.SESSIONS).configured()).isFalse();
    assertThat(read.choice(Capability.CACHE).backend()).get()
        .extracting(p -> p.name()).isEqualTo("testmemory");
  }

  @Test
  void stagesAreReadCaseInsensitively() {
    MigrationConfig m = read(Map.of(
        "switchback.sessions.migration.stage", "LIVE",
        "switchback.sessions.migration.guard.rollback-to", "Shadow")).switchback()
        .sessions().migration();
    assertThat(m.stage()).isEqualTo(Stage.LIVE);
    assertThat(m.guard().rollbackTo()).isEqualTo(Stage.SHADOW);
  }

  @Test
  void durationsAcceptUnitsBareSecondsAndIso8601() {
    MigrationConfig m = read(Map.of(
        "switchback.cache.migration.shadow-timeout", "250ms",
        "switchback.cache.migration.mirror-timeout", "2m",
        "switchback.cache.migration.reconcile-interval", "PT3S",
        "switchback.cache.migration.guard.window", "7")).switchback().cache().migration();
    assertThat(m.shadowTimeout()).isEqualTo(Duration.ofMillis(250));
    assertThat(m.mirrorTimeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(m.reconcileInterval()).isEqualTo(Duration.ofSeconds(3));
    assertThat(m.guard().window()).isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void badStageNamesTheKeyAndTheAcceptedValues() {
    assertFails(Map.of("switchback.cache.migration.stage", "halfway"),
        "switchback.cache.migration.stage", "halfway", STAGES);
  }

  @Test
  void badRollbackStageNamesTheKeyAndTheAcceptedValues() {
    assertFails(Map.of("switchback.auth.migration.guard.rollback-to", "sideways"),
        "switchback.auth.migration.guard.rollback-to", STAGES);
  }

  @Test
  void rollbackToAStageWhereNewIsAuthoritativeIsRefused() {
    assertFails(Map.of("switchback.auth.migration.guard.rollback-to", "live"),
        "switchback.auth.migration.guard.rollback-to=live", "accepted values: off, dualwrite, shadow");
  }

  @Test
  void canaryOutOfRangeNamesTheKeyAndTheRange() {
    assertFails(Map.of("switchback.cache.migration.canary-percent", "101"),
        "switchback.cache.migration.canary-percent=101", "accepted values: 0 to 100");
    assertFails(Map.of("switchback.messaging.migration.canary-percent", "-1"),
        "switchback.messaging.migration.canary-percent=-1", "accepted values: 0 to 100");
  }

  @Test
  void canaryThatIsNotANumberNamesTheKey() {
    assertFails(Map.of("switchback.cache.migration.canary-percent", "half"),
        "switchback.cache.migration.canary-percent");
  }

  @Test
  void ratesOutOfRangeNameTheKeyAndTheRange() {
    assertFails(Map.of("switchback.cache.migration.guard.max-error-rate", "1.5"),
        "switchback.cache.migration.guard.max-error-rate=1.5", "accepted values: 0 to 1");
    assertFails(Map.of("switchback.database.migration.guard.max-mismatch-rate", "-0.1"),
        "switchback.database.migration.guard.max-mismatch-rate=-0.1", "accepted values: 0 to 1");
  }

  @Test
  void minOperationsBelowOneIsRefused() {
    assertFails(Map.of("switchback.cache.migration.guard.min-operations", "0"),
        "switchback.cache.migration.guard.min-operations=0", "accepted values: 1 or more");
  }

  @Test
  void badDurationNamesTheKeyAndTheAcceptedForms() {
    assertFails(Map.of("switchback.cache.migration.shadow-timeout", "soon"),
        "switchback.cache.migration.shadow-timeout", "'soon' is not a duration",
        "500ms", "PT1S");
  }

  @Test
  void zeroOrNegativeDurationNamesTheKey() {
    assertFails(Map.of("switchback.cache.migration.guard.window", "0s"),
        "switchback.cache.migration.guard.window", "must be positive");
    assertFails(Map.of("switchback.control.poll-interval", "-2s"),
        "switchback.control.poll-interval", "must be positive");
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    assertFails(Map.of(
            "switchback.cache.migration.canary-percent", "500",
            "switchback.sessions.migration.guard.max-error-rate", "2"),
        "switchback.cache.migration.canary-percent", "switchback.sessions.migration.guard.max-error-rate");
  }

  @Test
  void unknownKeyUnderACapabilityNamesTheKeyAndTheAcceptedKeys() {
    assertFails(Map.of("switchback.cache.bakend", "testmemory"),
        "Unknown configuration key switchback.cache.bakend",
        "accepted keys under switchback.cache.*: backend, migration.*, testmemory.*");
  }

  @Test
  void unknownMigrationKeyListsTheMigrationKeys() {
    assertFails(Map.of("switchback.cache.migration.canary", "5"),
        "switchback.cache.migration.canary", "canary-percent", "guard.rollback-to");
  }

  @Test
  void aTargetNamingTheBackendItselfIsRefusedWhenBothWouldBeOneStore() {
    assertFails(Map.of("switchback.cache.backend", "testplain",
            "switchback.cache.migration.target", "testplain"),
        "switchback.cache.migration.target=testplain names the backend the capability already"
            + " uses: both sides would read switchback.cache.testplain.* and be the same store",
        "accepted values: memory, redis, elasticache, dynamodb, testhang, testmemory");
  }

  @Test
  void aTargetNamingTheBackendItselfIsAcceptedWhenItsInstancesAreSeparateStores() {
    ReadConfiguration read = read(Map.of("switchback.cache.backend", "testmemory",
        "switchback.cache.migration.target", "testmemory"));
    assertThat(read.choice(Capability.CACHE).target()).map(p -> p.name()).contains("testmemory");
  }

  @Test
  void unknownDedupStoreNamesTheKeyAndTheAcceptedValues() {
    assertFails(Map.of("switchback.messaging.migration.dedup.store", "redis"),
        "Unrecognized value for switchback.messaging.migration.dedup.store: redis",
        "accepted values: memory, cache");
  }

  @Test
  void dedupBoundsOutOfRangeNameTheirKeys() {
    assertFails(Map.of(
            "switchback.messaging.migration.dedup.window", "0s",
            "switchback.messaging.migration.dedup.max-entries", "0",
            "switchback.messaging.migration.dedup.claim-timeout", "-5s",
            "switchback.messaging.migration.shadow-grace", "0"),
        "switchback.messaging.migration.dedup.window=PT0S must be positive",
        "switchback.messaging.migration.dedup.max-entries=0 is out of range; accepted values: 1 or more",
        "switchback.messaging.migration.dedup.claim-timeout=PT-5S must be positive",
        "switchback.messaging.migration.shadow-grace=PT0S must be positive");
  }

  @Test
  void badDedupWindowNamesTheKeyAndTheAcceptedForms() {
    assertFails(Map.of("switchback.messaging.migration.dedup.window", "ten minutes"),
        "switchback.messaging.migration.dedup.window", "accepted forms");
  }

  @Test
  void unknownDedupKeyListsTheMessagingMigrationKeys() {
    assertFails(Map.of("switchback.messaging.migration.dedup.size", "5"),
        "switchback.messaging.migration.dedup.size", "dedup.max-entries", "shadow-grace");
    assertFails(Map.of("switchback.cache.migration.dedup.store", "memory"),
        "switchback.cache.migration.dedup.store", "guard.rollback-to");
  }

  @Test
  void unknownTopLevelKeyListsTheAreas() {
    assertFails(Map.of("switchback.caches.backend", "testmemory"),
        "switchback.caches.backend", "cache.*", "control.*", "test.*");
  }

  @Test
  void unknownControlKeyListsTheControlKeys() {
    assertFails(Map.of("switchback.control.interval", "1s"),
        "switchback.control.interval", "source, poll-interval");
  }

  @Test
  void settingsOfTheChosenBackendAreReadThroughItsMapping() {
    ReadConfiguration read = read(Map.of(
        "switchback.cache.backend", "testmemory",
        "switchback.cache.testmemory.max-entries", "5"));
    TestMemorySettings settings =
        read.config().getConfigMapping(TestMemorySettings.class, "switchback.cache.testmemory");
    assertThat(settings.maxEntries()).isEqualTo(5);
  }

  @Test
  void unknownSettingOfTheChosenBackendFails() {
    assertFails(Map.of(
            "switchback.cache.backend", "testmemory",
            "switchback.cache.testmemory.max-entrys", "5"),
        "switchback.cache.testmemory.max-entrys", "not a setting of the testmemory backend");
  }

  @Test
  void badSettingOfTheChosenBackendFails() {
    assertFails(Map.of(
            "switchback.cache.backend", "testmemory",
            "switchback.cache.testmemory.max-entries", "many"),
        "switchback.cache.testmemory.max-entries");
  }

  @Test
  void settingsOfAPresentButUnchosenBackendAreKeptAndNotChecked() {
    ReadConfiguration read = read(Map.of(
        "switchback.cache.backend", "testplain",
        "switchback.cache.testmemory.max-entries", "many"));
    assertThat(read.choice(Capability.CACHE).backend()).get()
        .extracting(p -> p.name()).isEqualTo("testplain");
  }

  @Test
  void settingsForABackendWithoutSettingsFail() {
    assertFails(Map.of(
            "switchback.cache.backend", "testplain",
            "switchback.cache.testplain.size", "5"),
        "switchback.cache.testplain.size", "the testplain backend takes no settings");
  }

  @Test
  void settingsForAKnownBackendWhoseModuleIsMissingNameTheModule() {
    assertFails(Map.of("switchback.cache.redis.uri", "redis://127.0.0.1:6379"),
        "switchback.cache.redis.uri", "dev.switchback:switchback-redis");
  }

  @Test
  void sharedGroupKeysAreAccepted() {
    ReadConfiguration read = read(Map.of("switchback.test.journal", "j1"));
    assertThat(read.groupPrefixes()).containsValue("switchback.test");
  }

  @Test
  void unknownBackendNameListsTheAcceptedValues() {
    assertFails(Map.of("switchback.cache.backend", "nosuch"),
        "Unrecognized value for switchback.cache.backend: nosuch; accepted values: memory, redis,"
            + " elasticache, dynamodb, testhang, testmemory, testplain");
  }

  @Test
  void knownBackendWhoseModuleIsMissingNamesTheArtifact() {
    assertFails(Map.of("switchback.cache.backend", "redis"),
        "switchback.cache.backend=redis needs the module dev.switchback:switchback-redis on the"
            + " classpath");
    assertFails(Map.of("switchback.auth.backend", "file-auth"),
        "switchback.auth.backend=file-auth needs the module dev.switchback:switchback-file-auth");
  }

  @Test
  void unknownMigrationTargetNamesTheTargetKey() {
    assertFails(Map.of(
            "switchback.cache.backend", "testmemory",
            "switchback.cache.migration.target", "nosuch"),
        "Unrecognized value for switchback.cache.migration.target: nosuch", "accepted values:");
    assertFails(Map.of(
            "switchback.messaging.backend", "testmemory",
            "switchback.messaging.migration.target", "msk"),
        "switchback.messaging.migration.target=msk needs the module dev.switchback:switchback-msk");
  }

  @Test
  void backendNamesAreCaseInsensitive() {
    ReadConfiguration read = read(Map.of("switchback.cache.backend", " TestMemory "));
    assertThat(read.choice(Capability.CACHE).backend()).get()
        .extracting(p -> p.name()).isEqualTo("testmemory");
  }

  @Test
  void controlSourceWithAnUnknownSchemeListsTheAcceptedForms() {
    assertFails(Map.of("switchback.control.source", "http://config.local/stages"),
        "Unrecognized value for switchback.control.source: http://config.local/stages",
        "accepted forms: none, file:<path>, ssm:<path>");
  }

  @Test
  void controlSourceWithoutAPathIsRefused() {
    assertFails(Map.of("switchback.control.source", "file:"),
        "switchback.control.source", "accepted forms: none, file:<path>, ssm:<path>");
  }

  @Test
  void controlSourcesWithKnownSchemesAreKept() {
    assertThat(read(Map.of("switchback.control.source", "file:/etc/switchback/stages.properties"))
        .switchback().control().source()).isEqualTo("file:/etc/switchback/stages.properties");
    assertThat(read(Map.of("switchback.control.source", "SSM:/service/stages"))
        .switchback().control().source()).isEqualTo("SSM:/service/stages");
  }

  @Test
  void environmentVariablesSetBackendsMigrationsAndBackendSettings() {
    ReadConfiguration read = read(new EnvConfigSource(Map.of(
        "SWITCHBACK_CACHE_BACKEND", "testmemory",
        "SWITCHBACK_CACHE_MIGRATION_TARGET", "testplain",
        "SWITCHBACK_CACHE_MIGRATION_CANARY_PERCENT", "10",
        "SWITCHBACK_CACHE_MIGRATION_SHADOW_TIMEOUT", "50ms",
        "SWITCHBACK_CACHE_TESTMEMORY_MAX_ENTRIES", "7"), 300));
    BackendChoice cache = read.choice(Capability.CACHE);
    assertThat(cache.backend()).get().extracting(p -> p.name()).isEqualTo("testmemory");
    assertThat(cache.target()).get().extracting(p -> p.name()).isEqualTo("testplain");
    MigrationConfig m = read.switchback().cache().migration();
    assertThat(m.canaryPercent()).isEqualTo(10);
    assertThat(m.shadowTimeout()).isEqualTo(Duration.ofMillis(50));
    assertThat(read.config().getConfigMapping(TestMemorySettings.class,
        "switchback.cache.testmemory").maxEntries()).isEqualTo(7);
  }

  @Test
  void aMisspeltEnvironmentVariableIsRefusedNamingIt() {
    assertThatThrownBy(() -> read(new EnvConfigSource(Map.of(
            "SWITCHBACK_CACHE_BACKEND", "testmemory",
            "SWITCHBACK_CACHE_TESTMEMORY_MAX_ENTRIEZ", "7",
            "SWITCHBACK_CACHE_MIGRATION_CANARY_PERCNT", "10",
            "SWITCHBACK_ADMIN_TOKEN", "a service's own variable"), 300)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContainingAll(
            "Unknown environment variable SWITCHBACK_CACHE_MIGRATION_CANARY_PERCNT",
            "Unknown environment variable SWITCHBACK_CACHE_TESTMEMORY_MAX_ENTRIEZ",
            "SWITCHBACK_CACHE_REDIS_URI for switchback.cache.redis.uri")
        .hasMessageNotContaining("SWITCHBACK_ADMIN_TOKEN");
  }

  @Test
  void environmentVariablesOfABackendNotChosenAreIgnoredAsItsPropertiesAre() {
    ReadConfiguration read = read(new EnvConfigSource(Map.of(
        "SWITCHBACK_CACHE_BACKEND", "testplain",
        "SWITCHBACK_CACHE_TESTMEMORY_ANYTHING", "x",
        "SWITCHBACK_CONTROL_POLL_INTERVAL", "2s"), 300));
    assertThat(read.switchback().control().pollInterval()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void badEnvironmentVariableValueNamesTheKey() {
    assertThatThrownBy(() -> read(new EnvConfigSource(
            Map.of("SWITCHBACK_CACHE_MIGRATION_STAGE", "nope"), 300)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("switchback.cache.migration.stage")
        .hasMessageContaining(STAGES);
  }

  @Test
  void higherOrdinalSourceWins() {
    ReadConfiguration read = read(
        new EnvConfigSource(Map.of("SWITCHBACK_CACHE_BACKEND", "testplain"), 300),
        new PropertiesConfigSource(Map.of("switchback.cache.backend", "testmemory"), "p", 500));
    assertThat(read.choice(Capability.CACHE).backend()).get()
        .extracting(p -> p.name()).isEqualTo("testmemory");
  }

  @Test
  void profilesSelectTheirOwnValues() {
    ReadConfiguration read = read(Map.of(
        "smallrye.config.profile", "dev",
        "switchback.cache.backend", "testplain",
        "%dev.switchback.cache.backend", "testmemory"));
    assertThat(read.choice(Capability.CACHE).backend()).get()
        .extracting(p -> p.name()).isEqualTo("testmemory");
  }

  @Test
  void aProviderWhoseSettingsTypeCannotBeMappedFailsAsConfiguration() {
    CacheProvider odd = new CacheProvider() {
      @Override
      public String name() {
        return "odd";
      }

      @Override
      public Optional<Class<?>> configMapping() {
        return Optional.of(String.class);
      }

      @Override
      public Cache create(ProviderContext context) {
        throw new UnsupportedOperationException("never created");
      }
    };
    ClassLoader loader = ConfigReaderTest.class.getClassLoader();
    ConfigReader reader = new ConfigReader(
        BackendCatalog.of(Map.of(Capability.CACHE, List.of(odd))), List.of(), Set.of());
    assertThatThrownBy(() -> reader.read(List.of(new PropertiesConfigSource(
            Map.of("switchback.cache.backend", "odd"), "test", 500)), false, loader))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("Invalid configuration");
  }

  @Test
  void serviceNameFallsBackToTheApplicationName() {
    assertThat(read(Map.of("quarkus.application.name", "orders")).switchback().tracing()
        .serviceName()).isEqualTo("orders");
    assertThat(read(Map.of("quarkus.application.name", "orders",
        "switchback.tracing.service-name", "orders-api")).switchback().tracing().serviceName())
        .isEqualTo("orders-api");
  }

  @Test
  void mappingInterfacesAreTheRootThoseOfEveryProviderAndTheGroups() {
    ClassLoader loader = ConfigReaderTest.class.getClassLoader();
    Set<Class<?>> mappings = ConfigReader.mappingInterfaces(BackendCatalog.discover(loader),
        ConfigReader.discoverGroups(loader));

    assertThat(mappings).contains(SwitchbackConfig.class, TestMemorySettings.class,
        TestGroupSettings.class);
    // TestPlainCacheProvider has no settings, so it adds nothing.
    assertThat(mappings).allSatisfy(m -> assertThat(m.isInterface()).as(m.getName()).isTrue());
  }
}
