package dev.switchback.testkit.migration;

import static java.util.Objects.requireNonNull;

import dev.switchback.Capability;
import dev.switchback.MigrationBackends;
import dev.switchback.Switchback;
import dev.switchback.migration.Migration;
import dev.switchback.migration.Side;
import dev.switchback.migration.Stage;
import dev.switchback.testkit.Stages;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * What the fault suites of every capability share: the pair under test and its faults ({@link
 * FaultyPair}), a routed {@code Switchback} per test in the stage the test needs, and direct views
 * of both stores through {@link MigrationBackends}. Every test ends with both sides healed.
 *
 * @param <T> the capability's store type, as the direct views give it
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class MigrationFaultSuite<T> {
  /** How long a background effect (repair, reconnect) may take before a test fails. */
  static final Duration DEADLINE = Duration.ofSeconds(30);

  /** How long one operation may take before a test fails instead of hanging. */
  static final Duration OPERATION_TIMEOUT = Duration.ofSeconds(10);

  /** A random id of this run, in every key the suite writes. */
  final String run = UUID.randomUUID().toString();

  private final Capability capability;
  private final Class<T> storeType;
  private @Nullable MigrationBackends direct;
  private @Nullable Switchback routed;

  MigrationFaultSuite(Capability capability, Class<T> storeType) {
    this.capability = requireNonNull(capability, "capability");
    this.storeType = requireNonNull(storeType, "storeType");
  }

  /** The pair under test and its faults; the same instance on every call. */
  protected abstract FaultyPair pair();

  final void breakOld() {
    pair().breakOld();
  }

  final void breakNew() {
    pair().breakNew();
  }

  final void healOld() {
    pair().healOld();
  }

  final void healNew() {
    pair().healNew();
  }

  /**
   * Removes what the suite wrote from both stores, best effort; called once, after the last test.
   */
  abstract void cleanUp(T oldStore, T newStore);

  @BeforeAll
  final void openDirectViews() {
    direct = MigrationBackends.fromConfig(capability, pair().directConfig());
  }

  @AfterEach
  final void closeRoutedAndHeal() {
    healOld();
    healNew();
    if (routed != null) {
      routed.close();
      routed = null;
    }
  }

  @AfterAll
  final void cleanUpAndCloseDirectViews() {
    if (direct != null) {
      cleanUp(oldStore(), newStore());
      direct.close();
    }
  }

  /** A new {@code Switchback} whose migration starts in {@code stage}; closed after the test. */
  final Switchback routedIn(Stage stage) {
    Map<String, String> config = new HashMap<>();
    // Mirrors give up quickly, so a broken store's writes reach the journal within a test.
    config.put(capability.prefix() + ".migration.mirror-timeout", "2s");
    config.putAll(pair().migrationConfig());
    Switchback started = StagedSwitchback.start(capability, config, stage);
    routed = started;
    return started;
  }

  /** The migration of the routed {@code Switchback} of this test. */
  final Migration migration() {
    return requireNonNull(routed, "routedIn was not called").migration(capability).orElseThrow();
  }

  final T oldStore() {
    return requireNonNull(direct, "direct").backend(Side.OLD, storeType);
  }

  final T newStore() {
    return requireNonNull(direct, "direct").backend(Side.NEW, storeType);
  }

  static <R> R join(CompletionStage<R> stage) {
    return Stages.join(stage, OPERATION_TIMEOUT);
  }
}
