package dev.switchback.samples.plain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchback.Capability;
import dev.switchback.migration.Stage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The sample end to end over HTTP, with its migration moved by editing the stages file. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SampleServiceTest {
  private Path stages;
  private SampleService service;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    stages = dir.resolve("stages.properties");
    Files.writeString(stages, "switchback.cache.migration.stage=off\n");
    service = SampleService.start(0, Map.of(
        "switchback.control.source", "file:" + stages,
        "switchback.control.poll-interval", "50ms"));
  }

  @AfterAll
  void stop() {
    service.close();
  }

  @Test
  void loginGivesATokenThatVerifiesAndASession() throws Exception {
    var login = post("/login", "username=alice&password=wonderland");
    assertThat(login.statusCode()).isEqualTo(200);
    String token = field(login.body(), "access_token");
    var me = http.send(HttpRequest.newBuilder(uri("/me")).header("Authorization", "Bearer " + token).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(me.body()).contains("\"username\":\"alice\"").contains("readers");
    var session = get("/sessions/" + field(login.body(), "session"));
    assertThat(session.statusCode()).isEqualTo(200);
    assertThat(session.body()).contains("\"version\":1");
  }

  @Test
  void wrongPasswordIsUnauthorizedAndSaysNothingAboutTheUser() throws Exception {
    var wrong = post("/login", "username=alice&password=nope");
    var unknown = post("/login", "username=nobody&password=nope");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(unknown.statusCode()).isEqualTo(401);
    assertThat(wrong.body()).isEqualTo(unknown.body());
  }

  @Test
  void cacheValuesSurviveAMigrationMovedByTheStagesFile() throws Exception {
    assertThat(put("/cache/greeting", "hello").statusCode()).isEqualTo(204);
    move("dualwrite");
    assertThat(put("/cache/greeting", "hello again").statusCode()).isEqualTo(204);
    move("shadow");
    move("live");
    var read = get("/cache/greeting");
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.body()).isEqualTo("hello again");
    assertThat(get("/status").body()).contains("\"stage\":\"live\"");
    move("shadow"); // back again: nothing written in live is lost
    assertThat(get("/cache/greeting").body()).isEqualTo("hello again");
  }

  @Test
  void eventsPublishedAreHandled() throws Exception {
    long before = Long.parseLong(field(get("/events").body(), "handled"));
    for (int i = 0; i < 5; i++) {
      assertThat(post("/events", "e" + i).statusCode()).isEqualTo(202);
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (Long.parseLong(field(get("/events").body(), "handled")) < before + 5 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(Long.parseLong(field(get("/events").body(), "handled"))).isGreaterThanOrEqualTo(before + 5);
  }

  @Test
  void badInputIsABadRequest() throws Exception {
    assertThat(put("/cache/k?ttl=-5", "v").statusCode()).isEqualTo(400);
  }

  private void move(String stage) throws Exception {
    Files.writeString(stages, "switchback.cache.migration.stage=" + stage + "\n");
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    Stage want = Stage.parse(stage);
    while (service.switchback().migration(Capability.CACHE).orElseThrow().stage() != want) {
      assertThat(System.nanoTime()).as("stage %s applied in time", stage).isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + service.port() + path);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> put(String path, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(uri(path)).PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The value of a top-level string or number field of a flat JSON answer. */
  private static String field(String json, String name) {
    int at = json.indexOf("\"" + name + "\":");
    assertThat(at).as("field %s in %s", name, json).isGreaterThanOrEqualTo(0);
    int start = at + name.length() + 3;
    if (json.charAt(start) == '"') {
      return json.substring(start + 1, json.indexOf('"', start + 1));
    }
    int end = start;
    while (end < json.length() && (Character.isDigit(json.charAt(end)) || json.charAt(end) == '-')) {
      end++;
    }
    return json.substring(start, end);
  }
}
