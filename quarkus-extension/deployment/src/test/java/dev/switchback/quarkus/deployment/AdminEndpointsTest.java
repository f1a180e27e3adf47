package dev.switchback.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchback.Capability;
import dev.switchback.Switchback;
import dev.switchback.migration.Stage;
import dev.switchback.testkit.servers.HeadlessChromium;
import io.quarkus.test.QuarkusUnitTest;
import io.quarkus.test.common.http.TestHTTPResource;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The admin endpoints under {@code /q/switchback} in a Quarkus application with basic
 * authentication: status for anyone, stage moves for the admin role only, and the dashboard in a
 * real headless Chromium moving a stage.
 */
class AdminEndpointsTest {
  private static final String MOVE_TO_DUALWRITE =
      "{\"capability\":\"cache\",\"stage\":\"dualwrite\"}";
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  static final QuarkusUnitTest APP = new QuarkusUnitTest()
      .overrideConfigKey("switchback.cache.backend", "memory")
      .overrideConfigKey("switchback.cache.migration.target", "memory")
      .overrideConfigKey("quarkus.http.auth.basic", "true")
      .overrideConfigKey("quarkus.security.users.embedded.enabled", "true")
      .overrideConfigKey("quarkus.security.users.embedded.plain-text", "true")
      .overrideConfigKey("quarkus.security.users.embedded.users.operator", "operator-password")
      .overrideConfigKey("quarkus.security.users.embedded.roles.operator", "switchback-admin")
      .overrideConfigKey("quarkus.security.users.embedded.users.viewer", "viewer-password")
      .overrideConfigKey("quarkus.security.users.embedded.roles.viewer", "user");

  @Inject Switchback switchback;

  @TestHTTPResource("/q/switchback/")
  URI base;

  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void backToOff() {
    switchback.migration(Capability.CACHE).orElseThrow().moveTo(Stage.OFF);
  }

  @Test
  void statusNeedsNoLoginAndShowsEveryCapabilityWithItsMigration() throws Exception {
    HttpResponse<String> status = send(HttpRequest.newBuilder(base.resolve("status")).GET(), null);

    assertThat(status.statusCode()).isEqualTo(200);
    assertThat(status.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/json"));
    JsonNode cache = capability(JSON.readTree(status.body()), "cache");
    assertThat(cache.path("backend").asText()).isEqualTo("memory");
    assertThat(cache.path("migration").path("stage").asText()).isEqualTo("off");
  }

  @Test
  void aMoveWithoutLoginIsRefusedWith401AndMovesNothing() throws Exception {
    HttpResponse<String> refused = send(move(), null);

    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.body()).contains("switchback-admin", "quarkus.switchback.admin.role");
    // The application's challenge, so a browser asks for the basic login.
    assertThat(refused.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(challenge -> assertThat(challenge).startsWithIgnoringCase("basic"));
    assertThat(refused.headers().allValues("WWW-Authenticate")).hasSize(1);
    assertThat(stage()).isEqualTo(Stage.OFF);
  }

  @Test
  void aMoveByAUserWithoutTheRoleIsRefusedWith403AndMovesNothing() throws Exception {
    HttpResponse<String> refused = send(move(), basic("viewer", "viewer-password"));

    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains("viewer lacks the role switchback-admin");
    assertThat(stage()).isEqualTo(Stage.OFF);
  }

  @Test
  void aMoveByTheAdminRoleMovesTheMigration() throws Exception {
    HttpResponse<String> moved = send(move(), basic("operator", "operator-password"));

    assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
    assertThat(stage()).isEqualTo(Stage.DUALWRITE);
  }

  @Test
  void aJumpIsRefusedWith409NamingTheNextStage() throws Exception {
    HttpResponse<String> refused = send(HttpRequest.newBuilder(base.resolve("stage"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(
                "{\"capability\":\"cache\",\"stage\":\"live\"}")),
        basic("operator", "operator-password"));

    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(refused.body()).contains("next is dualwrite");
    assertThat(stage()).isEqualTo(Stage.OFF);
  }

  @Test
  void theDashboardAdvancesAStageInARealBrowser() {
    JsonNode seen = HeadlessChromium.run("""
        await page.setExtraHTTPHeaders({ Authorization: args.authorization });
        await page.goto(args.url);
        const stage = page.locator('[data-capability="cache"] [data-field="stage"]');
        await page.waitForFunction(() => {
          const s = document.querySelector('[data-capability="cache"] [data-field="stage"]');
          return s && s.textContent !== '';
        });
        const before = await stage.textContent();
        page.on('dialog', dialog => dialog.accept());
        await page.click('[data-capability="cache"] [data-action="advance"]');
        await page.waitForFunction(() => document.querySelector(
            '[data-capability="cache"] [data-field="stage"]').textContent === 'dualwrite');
        return { before, after: await stage.textContent() };
        """,
        Map.of("url", base.resolve("ui").toString(),
            "authorization", basic("operator", "operator-password")),
        Duration.ofMinutes(2));

    assertThat(seen.get("before").asText()).isEqualTo("off");
    assertThat(seen.get("after").asText()).isEqualTo("dualwrite");
    assertThat(stage()).isEqualTo(Stage.DUALWRITE);
  }

  private HttpRequest.Builder move() {
    return HttpRequest.newBuilder(base.resolve("stage"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(MOVE_TO_DUALWRITE));
  }

  private HttpResponse<String> send(HttpRequest.Builder request, String authorization)
      throws Exception {
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString(
        (user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private Stage stage() {
    return switchback.migration(Capability.CACHE).orElseThrow().stage();
  }

  private static JsonNode capability(JsonNode status, String name) {
    for (JsonNode capability : status.path("capabilities")) {
      if (capability.path("capability").asText().equals(name)) {
        return capability;
      }
    }
    throw new AssertionError("no capability " + name + " in " + status);
  }
}
