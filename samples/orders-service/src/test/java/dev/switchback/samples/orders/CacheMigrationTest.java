package dev.switchback.samples.orders;

import static dev.switchback.samples.orders.OrdersApi.demoSession;
import static dev.switchback.samples.orders.OrdersApi.placeOrder;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.switchback.Capability;
import dev.switchback.Switchback;
import dev.switchback.migration.Stage;
import dev.switchback.testkit.Eventually;
import dev.switchback.testkit.servers.LocalRedis;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The cache migration redis → elasticache on two real Redis servers, moved over the admin
 * endpoint with basic authentication: orders placed in {@code off} live only in the old server,
 * orders placed after the move to {@code dualwrite} in both. The servers are read directly, with no client library.
 */
@QuarkusTest
@TestProfile(TwoRedisServers.class)
class CacheMigrationTest {
  private static final String MOVE_TO_DUALWRITE = "{\"capability\":\"cache\",\"stage\":\"dualwrite\"}";

  @Inject Switchback switchback;

  @ConfigProperty(name = "switchback.cache.redis.uri")
  String oldUri;

  @ConfigProperty(name = "switchback.cache.elasticache.endpoint")
  String newEndpoint;

  @BeforeEach
  void startOff() {
    switchback.migration(Capability.CACHE).orElseThrow().moveTo(Stage.OFF);
  }

  @Test
  void anOrderPlacedInOffIsOnlyInTheOldRedis() {
    String id = placeOrder(demoSession(), "tea", 1);

    assertThat(raw(oldUri, id)).contains("\"item\":\"tea\"");
    assertThat(raw("redis://" + newEndpoint, id)).isNull();
  }

  @Test
  void afterTheMoveToDualwriteANewOrderIsInBothRedisServers() {
    given().auth().preemptive().basic("operator", "local-operator-password")
        .contentType(ContentType.JSON).body(MOVE_TO_DUALWRITE)
        .when().post("/q/switchback/stage").then()
        .statusCode(200).body("migration.stage", equalTo("dualwrite"));

    String id = placeOrder(demoSession(), "coffee", 2);

    assertThat(raw(oldUri, id)).contains("\"item\":\"coffee\"");
    Eventually.await(Duration.ofSeconds(10), () ->
        assertThat(raw("redis://" + newEndpoint, id)).contains("\"item\":\"coffee\""));
  }

  @Test
  void aMoveWithoutTheOperatorsLoginIsRefusedAndTheStageStays() {
    given().auth().preemptive().basic("operator", "wrong")
        .contentType(ContentType.JSON).body(MOVE_TO_DUALWRITE)
        .when().post("/q/switchback/stage").then()
        .statusCode(401);

    assertThat(switchback.migration(Capability.CACHE).orElseThrow().stage()).isEqualTo(Stage.OFF);
  }

  /** The order's JSON as the Redis server at {@code uri} holds it, or null. */
  private static String raw(String uri, String orderId) {
    URI redis = URI.create(uri);
    return LocalRedis.valueAt(redis.getHost(), redis.getPort(), OrderStore.orderKey(orderId));
  }
}
