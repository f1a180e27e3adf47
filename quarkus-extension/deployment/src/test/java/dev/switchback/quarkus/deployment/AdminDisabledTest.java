package dev.switchback.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.QuarkusUnitTest;
import io.quarkus.test.common.http.TestHTTPResource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code quarkus.switchback.admin.enabled=false}: nothing answers under /q/switchback. */
class AdminDisabledTest {

  @RegisterExtension
  static final QuarkusUnitTest APP = new QuarkusUnitTest()
      .overrideConfigKey("switchback.cache.backend", "memory")
      .overrideConfigKey("switchback.cache.migration.target", "memory")
      .overrideConfigKey("quarkus.switchback.admin.enabled", "false");

  @TestHTTPResource("/q/switchback/")
  URI base;

  @Test
  void everyAdminPathIsNotFound() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    for (String path : new String[] {"status", "ui"}) {
      HttpResponse<String> response = http.send(
          HttpRequest.newBuilder(base.resolve(path)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(path).isEqualTo(404);
      assertThat(response.body()).doesNotContain("\"capabilities\"");
    }
    HttpResponse<String> move = http.send(HttpRequest.newBuilder(base.resolve("stage"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(
                "{\"capability\":\"cache\",\"stage\":\"dualwrite\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(move.statusCode()).isEqualTo(404);
  }
}
