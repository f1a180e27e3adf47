package dev.switchback.admin;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchback.Capability;
import dev.switchback.Switchback;
import dev.switchback.migration.Migration;
import dev.switchback.migration.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MoveOperationTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Switchback switchback;
  private SwitchbackAdmin admin;
  private Migration migration;

  @BeforeEach
  void start() {
    switchback = AdminFixture.switchback();
    admin = new SwitchbackAdmin(switchback);
    migration = switchback.migration(Capability.CACHE).orElseThrow();
  }

  @AfterEach
  void stop() {
    switchback.close();
  }

  private AdminResponse move(String json) {
    return admin.move("application/json; charset=utf-8", json.getBytes(UTF_8));
  }

  private static JsonNode body(AdminResponse response) throws Exception {
    return JSON.readTree(response.body());
  }

  /** Asserts an error document and returns its message. */
  private static String error(AdminResponse response, int status, String code) throws Exception {
    JsonNode body = body(response);
    assertThat(response.status()).isEqualTo(status);
    assertThat(body.get("status").asInt()).isEqualTo(status);
    assertThat(body.get("error").asText()).isEqualTo(code);
    return body.get("message").asText();
  }

  @Test
  void movesTheStageAndAnswersTheNewStatus() throws Exception {
    AdminResponse response = move("""
        {"capability": "cache", "stage": "dualwrite", "reason": "start mirroring"}""");

    assertThat(response.status()).isEqualTo(200);
    JsonNode cache = body(response);
    assertThat(cache.get("capability").asText()).isEqualTo("cache");
    assertThat(cache.get("backend").asText()).isEqualTo("memory");
    assertThat(cache.get("migration").get("stage").asText()).isEqualTo("dualwrite");
    assertThat(migration.stage()).isEqualTo(Stage.DUALWRITE);
  }

  @Test
  void namesAreCaseInsensitiveAndTheCanaryShareMovesWithTheStage() throws Exception {
    migration.moveTo(Stage.DUALWRITE);
    migration.moveTo(Stage.SHADOW);

    AdminResponse response = move("""
        {"capability": "CACHE", "stage": "Live", "canaryPercent": 10}""");

    assertThat(response.status()).isEqualTo(200);
    assertThat(body(response).get("migration").get("canaryPercent").asInt()).isEqualTo(10);
    assertThat(migration.stage()).isEqualTo(Stage.LIVE);
    assertThat(migration.canaryPercent()).isEqualTo(10);
  }

  @Test
  void theCanaryShareAloneMovesWithoutAStage() throws Exception {
    assertThat(move("{\"capability\": \"cache\", \"canaryPercent\": 25}").status()).isEqualTo(200);
    assertThat(migration.canaryPercent()).isEqualTo(25);
    assertThat(migration.stage()).isEqualTo(Stage.OFF);
  }

  @Test
  void aMoveTheRulesRefuseIs409AndChangesNothing() throws Exception {
    String message = error(move("""
        {"capability": "cache", "stage": "live", "canaryPercent": 5}"""), 409, "move-rejected");

    assertThat(message).contains("live");
    assertThat(migration.stage()).isEqualTo(Stage.OFF);
    assertThat(migration.canaryPercent()).isEqualTo(100);
  }

  @Test
  void leavingCompleteNeedsForce() throws Exception {
    for (Stage stage = Stage.OFF; stage != Stage.COMPLETE; ) {
      stage = stage.next();
      migration.moveTo(stage);
    }
    error(move("{\"capability\": \"cache\", \"stage\": \"dualwrite\"}"), 409, "move-rejected");
    assertThat(migration.stage()).isEqualTo(Stage.COMPLETE);

    AdminResponse forced = move("""
        {"capability": "cache", "stage": "dualwrite", "force": true, "reason": "backfilled"}""");
    assertThat(forced.status()).isEqualTo(200);
    assertThat(migration.stage()).isEqualTo(Stage.DUALWRITE);
  }

  @Test
  void anUnknownStageIs400ListingTheAcceptedOnes() throws Exception {
    String message = error(move("{\"capability\": \"cache\", \"stage\": \"halfway\"}"),
        400, "unknown-stage");
    assertThat(message).contains("halfway")
        .contains("accepted values: off, dualwrite, shadow, live, rampdown, complete");
    assertThat(migration.stage()).isEqualTo(Stage.OFF);
  }

  @Test
  void anUnknownCapabilityIs404ListingTheAcceptedOnes() throws Exception {
    String message = error(move("{\"capability\": \"queue\", \"stage\": \"dualwrite\"}"),
        404, "unknown-capability");
    assertThat(message).contains("queue")
        .contains("accepted values: database, cache, messaging, auth, sessions, tracing");
  }

  @Test
  void aCapabilityWithoutMigrationIs404NamingTheKeyToSet() throws Exception {
    String message = error(move("{\"capability\": \"sessions\", \"stage\": \"dualwrite\"}"),
        404, "no-migration");
    assertThat(message).contains("switchback.sessions.migration.target");
  }

  @Test
  void aCanaryShareOutOfRangeIs400AndChangesNothing() throws Exception {
    error(move("{\"capability\": \"cache\", \"stage\": \"dualwrite\", \"canaryPercent\": 101}"),
        400, "invalid-canary-percent");
    error(move("{\"capability\": \"cache\", \"canaryPercent\": 2.5}"),
        400, "invalid-canary-percent");
    assertThat(migration.stage()).isEqualTo(Stage.OFF);
    assertThat(migration.canaryPercent()).isEqualTo(100);
  }

  @Test
  void malformedBodiesAre400SayingWhatIsWrong() throws Exception {
    assertThat(error(move("{\"capability\": "), 400, "malformed-request")).contains("not JSON");
    assertThat(error(move("[1]"), 400, "malformed-request")).contains("JSON object");
    assertThat(error(move("{\"stage\": \"dualwrite\"}"), 400, "malformed-request"))
        .contains("capability is required");
    assertThat(error(move("{\"capability\": \"cache\"}"), 400, "malformed-request"))
        .contains("stage, a canaryPercent or both");
    assertThat(error(move("{\"capability\": \"cache\", \"stage\": \"dualwrite\", \"force\":"
        + " \"yes\"}"), 400, "malformed-request")).contains("force must be true or false");
    assertThat(error(move("{\"capability\": \"cache\", \"stag\": \"dualwrite\"}"),
        400, "malformed-request")).contains("unknown field 'stag'");
    assertThat(migration.stage()).isEqualTo(Stage.OFF);
  }

  @Test
  void onlyJsonBodiesAreAccepted() throws Exception {
    byte[] body = "{\"capability\": \"cache\", \"stage\": \"dualwrite\"}".getBytes(UTF_8);
    error(admin.move("application/x-www-form-urlencoded", body), 415, "unsupported-media-type");
    error(admin.move(null, body), 415, "unsupported-media-type");
    error(admin.move("application/json", new byte[SwitchbackAdmin.MAX_BODY_BYTES + 1]),
        413, "payload-too-large");
    assertThat(migration.stage()).isEqualTo(Stage.OFF);
  }

  @Test
  void aReasonCannotForgeLogLines() {
    MoveRequest request = MoveRequest.parse("""
        {"capability": "cache", "stage": "dualwrite", "reason": "ok\\nINFO forged line"}"""
        .getBytes(UTF_8));
    assertThat(request.reason()).isEqualTo("ok INFO forged line");
    assertThat(MoveRequest.parse("{\"capability\": \"cache\", \"stage\": \"off\"}"
        .getBytes(UTF_8)).reason()).isEqualTo(MoveRequest.DEFAULT_REASON);
  }

  @Test
  void operationsRouteByPathAndMethod() throws Exception {
    assertThat(AdminOperation.route("GET", "/status")).isEqualTo(AdminOperation.STATUS);
    assertThat(AdminOperation.route("post", "stage")).isEqualTo(AdminOperation.MOVE);
    assertThat(AdminOperation.MOVE.requiresAdmin()).isTrue();
    assertThat(AdminOperation.STATUS.requiresAdmin()).isFalse();
    assertThat(AdminOperation.DASHBOARD.requiresAdmin()).isFalse();
    AdminException wrongMethod = org.assertj.core.api.Assertions.catchThrowableOfType(
        AdminException.class, () -> AdminOperation.route("GET", "stage"));
    assertThat(wrongMethod.error()).isEqualTo(AdminError.METHOD_NOT_ALLOWED);
    assertThat(wrongMethod).hasMessageContaining("accepts POST");
    AdminException unknown = org.assertj.core.api.Assertions.catchThrowableOfType(
        AdminException.class, () -> AdminOperation.route("GET", "nothing"));
    assertThat(unknown.error()).isEqualTo(AdminError.NOT_FOUND);
  }
}
