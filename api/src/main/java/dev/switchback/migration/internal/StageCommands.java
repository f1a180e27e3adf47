package dev.switchback.migration.internal;

import dev.switchback.Capability;
import dev.switchback.migration.Migration;
import dev.switchback.migration.Stage;
import dev.switchback.migration.StageChangeRejectedException;
import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Applies snapshots from a {@link dev.switchback.migration.spi.StageSource} to migrations. Only
 * values that changed since the previous snapshot are acted on, so a guard rollback is not undone
 * by a file that still says {@code live}: the operator has to change the value again. Bad values
 * are logged and ignored; the current stage is kept.
 *
 * <p>A snapshot applied before {@link #started()} gives the starting stages: a migration is
 * placed at the stage it names whatever the configured one, since that is where the other
 * instances already are (a replica scaled up while the file says {@code shadow} must not stay in
 * {@code off}, refused a jump of two stages). Later snapshots move stages by the usual rules.
 */
public final class StageCommands {
  private static final System.Logger LOG = System.getLogger(StageCommands.class.getName());

  private final Map<Capability, Migration> migrations;
  private final Map<String, String> previous = new HashMap<>();
  private final ReentrantLock lock = new ReentrantLock();
  private boolean starting = true;

  public StageCommands(Map<Capability, Migration> migrations) {
    this.migrations = Map.copyOf(migrations);
  }

  /** Ends the start: snapshots applied from now on move stages one at a time. */
  public void started() {
    lock.lock();
    try {
      starting = false;
    } finally {
      lock.unlock();
    }
  }

  /** Applies one snapshot. */
  public void apply(Map<String, String> snapshot) {
    lock.lock();
    try {
      applyLocked(snapshot);
    } finally {
      lock.unlock();
    }
  }

  private void applyLocked(Map<String, String> snapshot) {
    for (var entry : migrations.entrySet()) {
      String prefix = entry.getKey().prefix() + ".migration.";
      Migration m = entry.getValue();
      String canaryKey = prefix + "canary-percent";
      String canary = changed(snapshot, canaryKey);
      if (canary != null) {
        try {
          m.setCanaryPercent(Integer.parseInt(canary.trim()));
        } catch (RuntimeException e) {
          LOG.log(
              Level.WARNING,
              "ignored {0}={1}: accepted values are whole numbers 0 to 100; keeping {2}%",
              canaryKey,
              canary,
              m.canaryPercent());
        }
      }
      String stageKey = prefix + "stage";
      String stage = changed(snapshot, stageKey);
      if (stage != null) {
        boolean force = Boolean.parseBoolean(snapshot.getOrDefault(prefix + "force", "false").trim());
        try {
          Stage target = Stage.parse(stage);
          String reason = "control source set " + stageKey + "=" + stage;
          if (starting && m instanceof StageController controller) {
            controller.startAt(target, reason + " (the starting stage)");
          } else {
            m.moveTo(target, force, reason);
          }
        } catch (IllegalArgumentException e) {
          LOG.log(
              Level.WARNING,
              "ignored {0}={1}: accepted values: {2}; keeping {3}",
              stageKey,
              stage,
              Stage.acceptedValues(),
              m.stage());
        } catch (StageChangeRejectedException e) {
          LOG.log(Level.WARNING, "ignored {0}={1}: {2}", stageKey, stage, e.getMessage());
        }
      }
    }
    previous.clear();
    previous.putAll(snapshot);
  }

  private String changed(Map<String, String> snapshot, String key) {
    String now = snapshot.get(key);
    return now != null && !Objects.equals(now, previous.get(key)) ? now : null;
  }
}
