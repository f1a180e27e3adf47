package dev.switchback.admin;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchback.Capability;
import dev.switchback.Switchback;
import dev.switchback.migration.Stage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusDocumentTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode status(SwitchbackAdmin admin) throws Exception {
    AdminResponse response = admin.status();
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.contentType()).isEqualTo("application/json");
    assertThat(response.headers()).containsEntry("Cache-Control", "no-store");
    return JSON.readTree(response.body());
  }

  private static List<String> names(JsonNode array) {
    List<String> names = new ArrayList<>();
    array.forEach(n -> names.add(n.isTextual() ? n.asText() : n.get("capability").asText()));
    return names;
  }

  @Test
  void listsEveryCreatedCapabilityWithItsBackendAndMigration() throws Exception {
    try (Switchback switchback = AdminFixture.switchback()) {
      JsonNode doc = status(new SwitchbackAdmin(switchback));

      assertThat(names(doc.get("stages")))
          .containsExactly("off", "dualwrite", "shadow", "live", "rampdown", "complete");
      assertThat(names(doc.get("capabilities"))).containsExactly("cache", "sessions");
      JsonNode sessions = doc.get("capabilities").get(1);
      assertThat(sessions.get("backend").asText()).isEqualTo("memory");
      assertThat(sessions.get("migration").isNull()).isTrue();
      assertThat(doc.get("time").asText()).isNotBlank();

      switchback.auth(); // created on first request, so listed from now on
      assertThat(names(status(new SwitchbackAdmin(switchback)).get("capabilities")))
          .containsExactly("cache", "auth", "sessions");
    }
  }

  @Test
  void aMigrationShowsEveryStatusField() throws Exception {
    try (Switchback switchback = AdminFixture.switchback()) {
      var migration = switchback.migration(Capability.CACHE).orElseThrow();
      migration.moveTo(Stage.DUALWRITE);
      migration.moveTo(Stage.SHADOW);
      migration.moveTo(Stage.LIVE);
      migration.setCanaryPercent(40);
      for (int i = 0; i < 5; i++) {
        switchback.cache().put("k" + i, "v".getBytes(UTF_8), Duration.ofMinutes(1))
            .toCompletableFuture().join();
        switchback.cache().get("k" + i).toCompletableFuture().join();
      }
      var expected = migration.status();

      JsonNode m = status(new SwitchbackAdmin(switchback)).get("capabilities").get(0)
          .get("migration");

      assertThat(m.get("oldBackend").asText()).isEqualTo("memory");
      assertThat(m.get("newBackend").asText()).isEqualTo("memory");
      assertThat(m.get("stage").asText()).isEqualTo("live");
      assertThat(m.get("nextStage").asText()).isEqualTo("rampdown");
      assertThat(m.get("previousStage").asText()).isEqualTo("shadow");
      assertThat(m.get("canaryPercent").asInt()).isEqualTo(40);
      assertThat(m.get("old").get("operations").asLong())
          .isGreaterThanOrEqualTo(expected.oldStats().operations()).isPositive();
      assertThat(m.get("new").get("operations").asLong()).isPositive();
      for (String side : List.of("old", "new")) {
        assertThat(m.get(side).fieldNames()).toIterable().containsExactly(
            "operations", "errors", "recentErrorRate", "p50Millis", "p99Millis");
        assertThat(m.get(side).get("errors").asLong()).isZero();
        assertThat(m.get(side).get("p99Millis").asDouble())
            .isGreaterThanOrEqualTo(m.get(side).get("p50Millis").asDouble());
      }
      assertThat(m.fieldNames()).toIterable().containsExactly("oldBackend", "newBackend", "stage",
          "nextStage", "previousStage", "canaryPercent", "old", "new", "comparisons",
          "mismatches", "missing", "extra", "shadowTimeouts", "divergenceBacklog", "guard",
          "verdict");
      assertThat(m.get("mismatches").asLong()).isZero();
      assertThat(m.get("divergenceBacklog").isIntegralNumber()).isTrue();
      JsonNode guard = m.get("guard");
      assertThat(guard.get("enabled").asBoolean()).isEqualTo(expected.guard().enabled());
      assertThat(guard.get("tripped").asBoolean()).isFalse();
      assertThat(guard.get("reason").isNull()).isTrue();
      assertThat(guard.get("trippedAt").isNull()).isTrue();
      assertThat(guard.has("errorRate")).isTrue();
      assertThat(guard.has("mismatchRate")).isTrue();
      assertThat(m.get("verdict").get("safeToAdvance").isBoolean()).isTrue();
      assertThat(m.get("verdict").get("reasons").isArray()).isTrue();
    }
  }

  @Test
  void theEndsOfTheStagesHaveNoNextOrPreviousStage() throws Exception {
    try (Switchback switchback = AdminFixture.switchback()) {
      SwitchbackAdmin admin = new SwitchbackAdmin(switchback);
      JsonNode atOff = status(admin).get("capabilities").get(0).get("migration");
      assertThat(atOff.get("previousStage").isNull()).isTrue();
      assertThat(atOff.get("nextStage").asText()).isEqualTo("dualwrite");

      var migration = switchback.migration(Capability.CACHE).orElseThrow();
      for (Stage stage = Stage.OFF; stage != Stage.COMPLETE; ) {
        stage = stage.next();
        migration.moveTo(stage);
      }
      JsonNode atComplete = status(admin).get("capabilities").get(0).get("migration");
      assertThat(atComplete.get("nextStage").isNull()).isTrue();
      assertThat(atComplete.get("previousStage").asText()).isEqualTo("rampdown");
    }
  }

  @Test
  void aClosedSwitchbackAnswers503() throws Exception {
    Switchback switchback = AdminFixture.switchback();
    SwitchbackAdmin admin = new SwitchbackAdmin(switchback);
    switchback.close();

    AdminResponse response = admin.status();

    assertThat(response.status()).isEqualTo(503);
    assertThat(JSON.readTree(response.body()).get("error").asText()).isEqualTo("unavailable");
  }
}
