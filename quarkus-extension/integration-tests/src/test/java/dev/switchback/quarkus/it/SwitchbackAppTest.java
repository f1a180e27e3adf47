package dev.switchback.quarkus.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.containsString;

import dev.switchback.Switchback;
import dev.switchback.tracing.Tracing;
import dev.switchback.testkit.Eventually;
import io.netty.util.Version;
import io.opentelemetry.api.OpenTelemetry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The application over HTTP, on a real Redis and a real Kafka broker. */
@QuarkusTest
@WithTestResource(RealServers.class)
class SwitchbackAppTest {

  @Inject Switchback switchback;
  @Inject Tracing tracing;
  @Inject OpenTelemetry openTelemetry;

  @ConfigProperty(name = "switchback.cache.redis.uri")
  String redisUri;

  @Test
  void cachedValueIsServedOverHttpAndStoredInRedis() {
    String key = "greeting-" + UUID.randomUUID();

    given().body("hello").when().put("/cache/" + key).then().statusCode(204);

    given().when().get("/cache/" + key).then().statusCode(200).body(equalTo("hello"));
    assertThat(RawRedis.get(URI.create(redisUri), "it:" + key)).isEqualTo("hello");
  }

  @Test
  void missingKeyIsNotFound() {
    given().when().get("/cache/absent-" + UUID.randomUUID()).then().statusCode(404);
  }

  @Test
  void publishedOrderReachesTheSubscriberThroughKafka() {
    String order = "order-" + UUID.randomUUID();

    given().body(order).when().post("/orders").then().statusCode(202);

    Eventually.await(Duration.ofSeconds(30), () ->
        given().when().get("/orders").then().statusCode(200).body(containsString(order)));
  }

  @Test
  void readinessReportsRedisAndKafkaUp() {
    given().when().get("/q/health/ready").then()
        .statusCode(200)
        .body("checks.find { it.name == 'Switchback backends' }.status", equalTo("UP"))
        .body("checks.find { it.name == 'Switchback backends' }.data.'cache redis'",
            equalTo("up"))
        .body("checks.find { it.name == 'Switchback backends' }.data.'messaging kafka'",
            equalTo("up"));
  }

  @Test
  void tracingUsesTheApplicationsOpenTelemetry() {
    assertThat(tracing.openTelemetry()).isSameAs(openTelemetry);
    assertThat(switchback.backends()).noneMatch(b -> b.capability().key().equals("tracing"));
  }

  @Test
  void httpServerAndLettuceRunOnNetty42() {
    assertThat(Version.identify().get("netty-transport").artifactVersion()).startsWith("4.2.");
  }
}
