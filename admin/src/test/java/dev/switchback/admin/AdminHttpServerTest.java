package dev.switchback.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchback.migration.Stage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AdminHttpServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DUALWRITE = "{\"capability\": \"cache\", \"stage\": \"dualwrite\"}";

  @RegisterExtension
  final AdminFixture.Served admin = new AdminFixture.Served();

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return client.send(request.timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(admin.baseUri().resolve(path));
  }

  private HttpResponse<String> post(String body, String... headers) throws Exception {
    HttpRequest.Builder request = request("stage")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return send(request);
  }

  @Test
  void servesTheStatusDocumentUnderTheBasePath() throws Exception {
    HttpResponse<String> response = send(request("status").GET());

    assertThat(admin.baseUri().getPath()).isEqualTo("/q/switchback/");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
    JsonNode cache = JSON.readTree(response.body()).get("capabilities").get(0);
    assertThat(cache.get("migration").get("stage").asText()).isEqualTo("off");
  }

  @Test
  void movesTheStageWithTheAdminToken() throws Exception {
    HttpResponse<String> response = post(DUALWRITE, "Content-Type", "application/json",
        "Authorization", "Bearer " + admin.token());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(response.body()).get("migration").get("stage").asText())
        .isEqualTo("dualwrite");
    assertThat(admin.cacheStage()).isEqualTo(Stage.DUALWRITE);
  }

  @Test
  void refusesAMoveWithoutTheRightTokenAndNeverEchoesIt() throws Exception {
    HttpResponse<String> none = post(DUALWRITE, "Content-Type", "application/json");
    HttpResponse<String> wrong = post(DUALWRITE, "Content-Type", "application/json",
        "Authorization", "Bearer " + admin.token() + "x");
    HttpResponse<String> basic = post(DUALWRITE, "Content-Type", "application/json",
        "Authorization", "Basic " + admin.token());

    for (HttpResponse<String> response : java.util.List.of(none, wrong, basic)) {
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.headers().firstValue("WWW-Authenticate")).contains(
          "Bearer realm=\"switchback\"");
      assertThat(JSON.readTree(response.body()).get("error").asText()).isEqualTo("unauthorized");
      assertThat(response.body()).doesNotContain(admin.token());
    }
    assertThat(admin.cacheStage()).isEqualTo(Stage.OFF);
  }

  @Test
  void badInputIs400WithAMessage() throws Exception {
    HttpResponse<String> response = post("{\"capability\": \"cache\", \"stage\": \"sideways\"}",
        "Content-Type", "application/json", "Authorization", "Bearer " + admin.token());

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("error").asText()).isEqualTo("unknown-stage");
    assertThat(body.get("message").asText()).contains("sideways")
        .contains("off, dualwrite, shadow, live, rampdown, complete");
    assertThat(admin.cacheStage()).isEqualTo(Stage.OFF);
  }

  @Test
  void servesTheDashboardThatLoadsNothingFromElsewhere() throws Exception {
    HttpResponse<String> response = send(request("ui").GET());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
    assertThat(response.headers().firstValue("Content-Security-Policy"))
        .contains(SwitchbackAdmin.DASHBOARD_POLICY);
    assertThat(response.body()).contains("<title>Switchback migrations</title>")
        .contains("fetch('status'").doesNotContain("http://").doesNotContain("https://");
  }

  @Test
  void unknownPathsAre404AndWrongMethods405() throws Exception {
    assertThat(send(request("nothing").GET()).statusCode()).isEqualTo(404);
    assertThat(send(HttpRequest.newBuilder(admin.baseUri().resolve("/q/other"))).statusCode())
        .isEqualTo(404);
    HttpResponse<String> wrongMethod = send(request("stage").GET());
    assertThat(wrongMethod.statusCode()).isEqualTo(405);
    assertThat(JSON.readTree(wrongMethod.body()).get("message").asText()).contains("POST");
  }

  @Test
  void startingWithoutAGoodAdminTokenFails() {
    assertThatThrownBy(() -> AdminHttpServer.builder(admin.switchback()).start())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("admin token");
    assertThatThrownBy(
        () -> AdminHttpServer.builder(admin.switchback()).adminToken("short-secret").start())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 16 characters")
        .hasMessageNotContaining("short-secret");
  }

  @Test
  void aCustomBasePathIsHonoured() throws Exception {
    try (AdminHttpServer other = AdminHttpServer.builder(admin.switchback())
        .basePath("/ops/migrations/").adminToken(admin.token()).start()) {
      URI status = other.baseUri().resolve("status");
      assertThat(status.getPath()).isEqualTo("/ops/migrations/status");
      assertThat(send(HttpRequest.newBuilder(status)).statusCode()).isEqualTo(200);
    }
  }
}
