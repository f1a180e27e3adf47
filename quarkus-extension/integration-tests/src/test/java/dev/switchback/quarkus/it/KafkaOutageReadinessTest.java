package dev.switchback.quarkus.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.switchback.testkit.Eventually;
import dev.switchback.testkit.servers.LocalKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Readiness while the application's Kafka cluster goes away and comes back, on a cluster of its
 * own: stopping the broker refuses connections, so the admin client that already holds the
 * cluster's metadata cannot answer from it and the ping fails within its request timeout.
 */
@QuarkusTest
@WithTestResource(DedicatedKafka.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaOutageReadinessTest {
  private static final String CHECK = "checks.find { it.name == 'Switchback backends' }";

  /** Set by {@link DedicatedKafka}. */
  LocalKafka kafka;

  private static ValidatableResponse ready() {
    return given().when().get("/q/health/ready").then();
  }

  @Test
  @Order(1)
  void readyWhileKafkaAnswers() {
    ready().statusCode(200)
        .body(CHECK + ".data.'messaging kafka'", equalTo("up"))
        .body(CHECK + ".data.'cache redis'", equalTo("up"));
  }

  @Test
  @Order(2)
  void notReadyWhileKafkaIsDownThoughRedisStaysUp() {
    kafka.stop();

    ready().statusCode(503)
        .body("status", equalTo("DOWN"))
        .body(CHECK + ".status", equalTo("DOWN"))
        .body(CHECK + ".data.'messaging kafka'", startsWith("down: "))
        .body(CHECK + ".data.'messaging kafka'", containsString("did not answer within "
            + DedicatedKafka.REQUEST_TIMEOUT.toMillis() + " ms (request-timeout)"))
        .body(CHECK + ".data.'cache redis'", equalTo("up"));
  }

  @Test
  @Order(3)
  void readyAgainOnceKafkaIsBack() {
    kafka.restart();

    // The client reconnects after a back-off of its own, so the first checks may still fail.
    Eventually.await(Duration.ofSeconds(30), () -> ready().statusCode(200)
        .body(CHECK + ".status", equalTo("UP"))
        .body(CHECK + ".data.'messaging kafka'", equalTo("up")));
  }
}
