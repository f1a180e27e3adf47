package dev.switchback.memory.migration;

import static dev.switchback.memory.migration.CacheMigrationReliabilityTest.bytes;
import static dev.switchback.memory.migration.CacheMigrationReliabilityTest.join;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchback.Capability;
import dev.switchback.InvalidInputException;
import dev.switchback.migration.MigrationEvent;
import dev.switchback.migration.Stage;
import dev.switchback.migration.StageChangeRejectedException;
import dev.switchback.migration.internal.FileStageSource;
import dev.switchback.migration.internal.MigrationSettings.GuardSettings;
import dev.switchback.migration.internal.StageCommands;
import dev.switchback.testkit.Eventually;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stage rules, control sources and the guard. */
class StageControlTest {

  @Test
  void forwardMovesGoOneStageAtATime() {
    try (MigrationFixture f = MigrationFixture.cache(Stage.OFF)) {
      assertThatThrownBy(() -> f.controller.moveTo(Stage.SHADOW))
          .isInstanceOf(StageChangeRejectedException.class)
          .hasMessageContaining("one stage at a time")
          .hasMessageContaining("dualwrite");
      assertThat(f.controller.stage()).isEqualTo(Stage.OFF);
      for (Stage s : List.of(Stage.DUALWRITE, Stage.SHADOW, Stage.LIVE, Stage.RAMPDOWN, Stage.COMPLETE)) {
        f.controller.moveTo(s);
        assertThat(f.controller.stage()).isEqualTo(s);
      }
    }
  }

  @Test
  void backwardMovesMayJumpWhileOldIsWritten() {
    try (MigrationFixture f = MigrationFixture.cache(Stage.RAMPDOWN)) {
      f.controller.moveTo(Stage.DUALWRITE);
      assertThat(f.controller.stage()).isEqualTo(Stage.DUALWRITE);
      f.controller.moveTo(Stage.OFF);
      assertThat(f.controller.stage()).isEqualTo(Stage.OFF);
    }
  }

  @Test
  void leavingCompleteNeedsForceAndSaysWhy() {
    try (MigrationFixture f = MigrationFixture.cache(Stage.COMPLETE)) {
      List<MigrationEvent> events = new CopyOnWriteArrayList<>();
      f.controller.addListener(events::add);
      assertThatThrownBy(() -> f.controller.moveTo(Stage.RAMPDOWN))
          .isInstanceOf(StageChangeRejectedException.class)
          .hasMessageContaining("force")
          .hasMessageContaining("backfill");
      assertThat(events).singleElement().extracting(MigrationEvent::kind)
          .isEqualTo(MigrationEvent.Kind.CHANGE_REJECTED);
      f.controller.moveTo(Stage.RAMPDOWN, true, "operator backfilled old");
      assertThat(f.controller.stage()).isEqualTo(Stage.RAMPDOWN);
    }
  }

  @Test
  void canaryShareOutsideZeroToHundredIsRefused() {
    try (MigrationFixture f = MigrationFixture.cache(Stage.LIVE)) {
      assertThatThrownBy(() -> f.controller.setCanaryPercent(101)).isInstanceOf(InvalidInputException.class);
      assertThatThrownBy(() -> f.controller.setCanaryPercent(-1)).isInstanceOf(InvalidInputException.class);
      assertThat(f.controller.canaryPercent()).isEqualTo(100);
    }
  }

  @Test
  void watchedFileMovesTheStageAndBadValuesKeepTheCurrentOne(@TempDir Path dir) throws Exception {
    try (MigrationFixture f = MigrationFixture.cache(Stage.OFF)) {
      Path file = dir.resolve("stages.properties");
      Files.writeString(file, "switchback.cache.migration.stage=dualwrite\n");
      StageCommands commands = new StageCommands(Map.of(Capability.CACHE, f.controller));
      try (FileStageSource source = new FileStageSource(file, Duration.ofMillis(20), f.scheduler)) {
        source.start(commands::apply);
        commands.started();
        Eventually.await(Duration.ofSeconds(5), () -> assertThat(f.controller.stage()).isEqualTo(Stage.DUALWRITE));

        Files.writeString(file, "switchback.cache.migration.stage=sideways\n");
        Thread.sleep(200);
        assertThat(f.controller.stage()).isEqualTo(Stage.DUALWRITE);

        Files.writeString(file, "switchback.cache.migration.stage=live\n"); // skips shadow
        Thread.sleep(200);
        assertThat(f.controller.stage()).isEqualTo(Stage.DUALWRITE);

        Files.writeString(file, "switchback.cache.migration.stage=shadow\nswitchback.cache.migration.canary-percent=25\n");
        Eventually.await(Duration.ofSeconds(5), () -> {
          assertThat(f.controller.stage()).isEqualTo(Stage.SHADOW);
          assertThat(f.controller.canaryPercent()).isEqualTo(25);
        });

        Files.delete(file); // a missing file keeps the last good state
        Thread.sleep(200);
        assertThat(f.controller.stage()).isEqualTo(Stage.SHADOW);
      }
    }
  }

  @Test
  void theSnapshotReadAtStartIsTheStartingStageAndLaterOnesMoveOneStageAtATime() {
    try (MigrationFixture f = MigrationFixture.cache(Stage.OFF)) {
      List<MigrationEvent> events = new CopyOnWriteArrayList<>();
      f.controller.addListener(events::add);
      StageCommands commands = new StageCommands(Map.of(Capability.CACHE, f.controller));
      // A replica added while the others are in shadow starts in shadow, not off.
      commands.apply(Map.of("switchback.cache.migration.stage", "shadow"));
      assertThat(f.controller.stage()).isEqualTo(Stage.SHADOW);
      assertThat(events).singleElement().satisfies(e -> {
        assertThat(e.kind()).isEqualTo(MigrationEvent.Kind.STAGE_CHANGED);
        assertThat(e.reason()).contains("the starting stage");
      });
      commands.started();

      commands.apply(Map.of("switchback.cache.migration.stage", "complete")); // skips two
      assertThat(f.controller.stage()).isEqualTo(Stage.SHADOW);
      commands.apply(Map.of("switchback.cache.migration.stage", "live"));
      assertThat(f.controller.stage()).isEqualTo(Stage.LIVE);
    }
  }

  @Test
  void guardStepsBackOnNewBackendErrorsSaysWhyAndStays() throws Exception {
    var settings = MigrationFixture.FAST
        .withGuard(new GuardSettings(true, 0.05, 0.01, Duration.ofSeconds(10), 20, Stage.DUALWRITE))
        .withInitialStage(Stage.LIVE);
    try (MigrationFixture f = new MigrationFixture(settings)) {
      List<MigrationEvent> events = new CopyOnWriteArrayList<>();
      f.controller.addListener(events::add);
      StageCommands commands = new StageCommands(Map.of(Capability.CACHE, f.controller));
      commands.apply(Map.of("switchback.cache.migration.stage", "live"));
      commands.started();

      f.newFault.fail();
      for (int i = 0; i < 40; i++) {
        try {
          join(f.cache.put("g" + i, bytes("v")));
        } catch (RuntimeException expected) {
          // new is authoritative in live: its failures reach the caller
        }
      }
      // The event follows the stage change: wait for the event, not just the stage.
      Eventually.await(Duration.ofSeconds(5), () -> assertThat(events)
          .anyMatch(e -> e.kind() == MigrationEvent.Kind.GUARD_TRIPPED));
      assertThat(f.controller.stage()).isEqualTo(Stage.DUALWRITE);
      MigrationEvent trip = events.stream()
          .filter(e -> e.kind() == MigrationEvent.Kind.GUARD_TRIPPED).findFirst().orElseThrow();
      assertThat(trip.from()).isEqualTo(Stage.LIVE);
      assertThat(trip.reason()).contains("error rate");
      var status = f.controller.status();
      assertThat(status.guard().tripped()).isTrue();
      assertThat(status.verdict().safeToAdvance()).isFalse();
      assertThat(status.verdict().reasons()).anyMatch(r -> r.contains("guard tripped"));

      // The control source still says live: unchanged values are not re-applied.
      f.newFault.heal();
      commands.apply(Map.of("switchback.cache.migration.stage", "live"));
      assertThat(f.controller.stage()).isEqualTo(Stage.DUALWRITE);
      // An operator's explicit move clears the trip.
      f.controller.moveTo(Stage.SHADOW);
      assertThat(f.controller.status().guard().tripped()).isFalse();
    }
  }

  @Test
  void guardStepsBackOnMismatches() {
    var settings = MigrationFixture.FAST
        .withGuard(new GuardSettings(true, 0.5, 0.01, Duration.ofSeconds(10), 20, Stage.DUALWRITE))
        .withInitialStage(Stage.SHADOW);
    try (MigrationFixture f = new MigrationFixture(settings)) {
      for (int i = 0; i < 40; i++) {
        join(f.oldCache.put("m" + i, bytes("old")));
        join(f.newCache.put("m" + i, bytes("different")));
      }
      for (int i = 0; i < 40; i++) {
        join(f.cache.get("m" + i));
      }
      Eventually.await(Duration.ofSeconds(5), () -> assertThat(f.controller.stage()).isEqualTo(Stage.DUALWRITE));
      assertThat(f.controller.status().guard().reason()).contains("mismatch rate");
    }
  }
}
