package dev.switchback.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchback.Capability;
import dev.switchback.Switchback;
import dev.switchback.migration.Migration;
import dev.switchback.migration.MigrationStatus;
import dev.switchback.migration.MigrationStatus.BackendStats;
import dev.switchback.migration.MigrationStatus.GuardStatus;
import dev.switchback.migration.Stage;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Writes the status document whose shape the module README documents. */
final class StatusDocument {
  private StatusDocument() {}

  /** Every capability created so far, with its migration's status where it has one. */
  static ObjectNode of(Switchback switchback) {
    ObjectNode document = AdminResponse.MAPPER.createObjectNode();
    document.put("time", Instant.now().toString());
    ArrayNode stages = document.putArray("stages");
    for (Stage stage : Stage.values()) {
      stages.add(stage.configName());
    }
    ArrayNode capabilities = document.putArray("capabilities");
    for (Map.Entry<Capability, String> entry : BackendNames.of(switchback).entrySet()) {
      capabilities.add(capability(
          entry.getKey(), entry.getValue(), switchback.migration(entry.getKey())));
    }
    return document;
  }

  /** One element of {@code capabilities}. */
  static ObjectNode capability(
      Capability capability, String backend, Optional<Migration> migration) {
    ObjectNode node = AdminResponse.MAPPER.createObjectNode();
    node.put("capability", capability.key());
    node.put("backend", backend);
    if (migration.isPresent()) {
      node.set("migration", migration(migration.get().status()));
    } else {
      node.putNull("migration");
    }
    return node;
  }

  private static ObjectNode migration(MigrationStatus status) {
    ObjectNode node = AdminResponse.MAPPER.createObjectNode();
    Stage stage = status.stage();
    node.put("oldBackend", status.oldBackend());
    node.put("newBackend", status.newBackend());
    node.put("stage", stage.configName());
    node.put("nextStage", stage == Stage.COMPLETE ? null : stage.next().configName());
    node.put("previousStage",
        stage == Stage.OFF ? null : Stage.values()[stage.ordinal() - 1].configName());
    node.put("canaryPercent", status.canaryPercent());
    node.set("old", backend(status.oldStats()));
    node.set("new", backend(status.newStats()));
    node.put("comparisons", status.comparisons());
    node.put("mismatches", status.mismatches());
    node.put("missing", status.missing());
    node.put("extra", status.extra());
    node.put("shadowTimeouts", status.shadowTimeouts());
    node.put("divergenceBacklog", status.divergenceBacklog());
    node.set("guard", guard(status.guard()));
    ObjectNode verdict = node.putObject("verdict");
    verdict.put("safeToAdvance", status.verdict().safeToAdvance());
    ArrayNode reasons = verdict.putArray("reasons");
    status.verdict().reasons().forEach(reasons::add);
    return node;
  }

  private static ObjectNode backend(BackendStats stats) {
    ObjectNode node = AdminResponse.MAPPER.createObjectNode();
    node.put("operations", stats.operations());
    node.put("errors", stats.errors());
    node.put("recentErrorRate", stats.recentErrorRate());
    node.put("p50Millis", millis(stats.p50()));
    node.put("p99Millis", millis(stats.p99()));
    return node;
  }

  private static ObjectNode guard(GuardStatus guard) {
    ObjectNode node = AdminResponse.MAPPER.createObjectNode();
    node.put("enabled", guard.enabled());
    node.put("tripped", guard.tripped());
    node.put("reason", guard.reason());
    Instant trippedAt = guard.trippedAt();
    node.put("trippedAt", trippedAt == null ? null : trippedAt.toString());
    node.put("errorRate", guard.errorRate());
    node.put("mismatchRate", guard.mismatchRate());
    return node;
  }

  private static double millis(Duration duration) {
    return duration.toNanos() / 1_000_000.0;
  }
}
