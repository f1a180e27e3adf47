package dev.switchback.quarkus.deployment;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A cache migrating from memory to a real Redis of its own, which one test pauses and the last
 * stops.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReadinessTest {

  @RegisterExtension
  static final QuarkusUnitTest APP = new QuarkusUnitTest()
      .withApplicationRoot(jar -> jar.addClass(DedicatedRedis.class))
      .overrideConfigKey("switchback.cache.backend", "memory")
      .overrideConfigKey("switchback.cache.migration.target", "redis")
      .overrideConfigKey("switchback.cache.redis.uri", DedicatedRedis.uri())
      // Longer than the check waits, so a silent Redis is reported by the check's own timeout.
      .overrideConfigKey("switchback.cache.redis.command-timeout", "5s")
      .overrideConfigKey("quarkus.switchback.health.timeout", "500ms")
      .overrideConfigKey("switchback.messaging.backend", "memory");

  @Test
  @Order(1)
  void readyWhenEveryBackendAnswers() {
    given().when().get("/q/health/ready").then()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body("checks.find { it.name == 'Switchback backends' }.data.'cache memory (old)'",
            equalTo("up"))
        .body("checks.find { it.name == 'Switchback backends' }.data.'cache redis (new)'",
            equalTo("up"))
        .body("checks.find { it.name == 'Switchback backends' }.data.'messaging memory'",
            equalTo("up"));
  }

  @Test
  @Order(2)
  void aBackendSilentPastTheTimeoutIsDownAndTheCheckAnswersWithoutWaitingForIt() {
    DedicatedRedis.pause(3_000);

    given().when().get("/q/health/ready").then()
        .statusCode(503)
        .body("checks.find { it.name == 'Switchback backends' }.data.'cache redis (new)'",
            equalTo("down: no answer within 500 ms (quarkus.switchback.health.timeout)"))
        .body("checks.find { it.name == 'Switchback backends' }.data.'cache memory (old)'",
            equalTo("up"));
  }

  @Test
  @Order(3)
  void notReadyOnceRedisIsGone() {
    DedicatedRedis.shutDown();

    given().when().get("/q/health/ready").then()
        .statusCode(503)
        .body("status", equalTo("DOWN"))
        .body("checks.find { it.name == 'Switchback backends' }.data.'cache redis (new)'",
            startsWith("down: "))
        .body("checks.find { it.name == 'Switchback backends' }.data.'cache memory (old)'",
            equalTo("up"));
  }
}
