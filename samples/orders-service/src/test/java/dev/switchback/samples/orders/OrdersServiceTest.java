package dev.switchback.samples.orders;

import static dev.switchback.samples.orders.OrdersApi.DEMO_PASSWORD;
import static dev.switchback.samples.orders.OrdersApi.DEMO_USER;
import static dev.switchback.samples.orders.OrdersApi.demoSession;
import static dev.switchback.samples.orders.OrdersApi.login;
import static dev.switchback.samples.orders.OrdersApi.placeOrder;
import static io.restassured.RestAssured.given;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

import dev.switchback.auth.Auth;
import dev.switchback.auth.UserDirectory;
import dev.switchback.cache.Cache;
import dev.switchback.messaging.Messaging;
import dev.switchback.messaging.MessagingLag;
import dev.switchback.sessions.Sessions;
import dev.switchback.testkit.Eventually;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The service on its embedded default (every capability in memory), over HTTP. */
@QuarkusTest
class OrdersServiceTest {
  /** A group that never subscribes: its lag counts every order-created message published. */
  private static final String NEVER_CONSUMES = "orders-service-test-audit";

  @Inject Cache cache;
  @Inject Sessions sessions;
  @Inject Messaging messaging;
  @Inject Auth auth;

  @Test
  void loginWithTheDemoPasswordOpensASessionForItsSubject() {
    var response = login(DEMO_USER, DEMO_PASSWORD).statusCode(200)
        .body("username", equalTo(DEMO_USER))
        .extract();
    String cookie = response.cookie("session");

    assertThat(cookie).isEqualTo(response.path("session"));
    var session = sessions.get(cookie).toCompletableFuture().join();
    assertThat(session).hasValueSatisfying(s ->
        assertThat(s.attributes()).containsEntry("username", DEMO_USER));
  }

  @Test
  void loginWithAWrongPasswordIsRefusedWithoutASession() {
    var response = login(DEMO_USER, "not-the-password").statusCode(401)
        .body("error", equalTo("wrong user name or password"))
        .extract();

    assertThat(response.cookies()).doesNotContainKey("session");
  }

  @Test
  void loginWithoutAPasswordIs400() {
    given().contentType(ContentType.JSON).body(Map.of("username", DEMO_USER))
        .when().post("/login").then()
        .statusCode(400).body("error", containsString("password"));
  }

  @Test
  void anOrderWithoutAValidSessionIs401AndPublishesNothing() {
    long before = publishedOrders();

    given().contentType(ContentType.JSON).body(Map.of("item", "tea", "quantity", 1))
        .when().post("/orders").then()
        .statusCode(401).body("error", containsString("log in"));
    placeOrder("no-such-session", Map.of("item", "tea", "quantity", 1))
        .statusCode(401).body("error", containsString("expired or does not exist"));

    assertThat(publishedOrders()).isEqualTo(before);
  }

  @Test
  void aPlacedOrderIsStoredInTheCacheAndReadBack() {
    String session = demoSession();

    var placed = placeOrder(session, Map.of("item", "  green tea ", "quantity", 3))
        .statusCode(201)
        .header("Location", containsString("/orders/"))
        .body("item", equalTo("green tea"), "quantity", equalTo(3))
        .extract();
    String id = placed.path("id");

    given().cookie("session", session).when().get("/orders/" + id).then()
        .statusCode(200)
        .body("id", equalTo(id), "item", equalTo("green tea"), "quantity", equalTo(3),
            "customer", equalTo(placed.path("customer")), "createdAt", notNullValue());
    byte[] stored = cache.get("order:" + id).toCompletableFuture().join().orElseThrow();
    assertThat(new String(stored, UTF_8)).contains("\"item\":\"green tea\"", "\"quantity\":3");
  }

  @Test
  void badOrdersAre400NamingTheFieldAndWriteNothing() {
    String session = demoSession();
    long before = publishedOrders();

    placeOrder(session, Map.of("item", " ", "quantity", 1))
        .statusCode(400).body("error", equalTo("item is required"));
    placeOrder(session, Map.of("item", "tea", "quantity", 0))
        .statusCode(400).body("error", equalTo("quantity must be from 1 to 1000, was 0"));
    placeOrder(session, Map.of("item", "x".repeat(101)))
        .statusCode(400).body("error",
            equalTo("item has 101 characters, at most 100 are allowed; quantity is required"));
    placeOrder(session, "{not json").statusCode(400);

    assertThat(publishedOrders()).isEqualTo(before);
  }

  @Test
  void theOrderCreatedEventIsConsumedByTheNotificationsGroup() {
    String session = demoSession();
    String id = placeOrder(session, "coffee", 2);

    Eventually.await(Duration.ofSeconds(10), () ->
        given().cookie("session", session).when().get("/orders/" + id + "/notified").then()
            .statusCode(200).body("orderId", equalTo(id), "notifiedAt", notNullValue()));
  }

  @Test
  void anUnknownOrderOrAnotherCustomersOrderIs404() {
    String session = demoSession();
    String id = placeOrder(session, "coffee", 1);
    UserDirectory users = auth.ability(UserDirectory.class).orElseThrow();
    users.upsert("other", "other-password".toCharArray(), Set.of()).toCompletableFuture().join();
    String other = login("other", "other-password").statusCode(200).extract().cookie("session");

    given().cookie("session", session).when().get("/orders/no-such-order").then()
        .statusCode(404).body("error", equalTo("no order no-such-order"));
    given().cookie("session", other).when().get("/orders/" + id).then().statusCode(404);
    given().when().get("/orders/" + id).then().statusCode(401);
  }

  @Test
  void readinessIsUpWithEveryBackend() {
    given().when().get("/q/health/ready").then()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body("checks.find { it.name == 'Switchback backends' }.data.'cache memory'", equalTo("up"))
        .body("checks.find { it.name == 'Switchback backends' }.data.'messaging memory'",
            equalTo("up"));
  }

  @Test
  void adminStatusListsTheCapabilities() {
    given().when().get("/q/switchback/status").then()
        .statusCode(200)
        .body("capabilities.capability", hasItems("cache", "sessions", "messaging", "auth"))
        .body("capabilities.find { it.capability == 'cache' }.backend", equalTo("memory"));
  }

  @Test
  void theDashboardAsksForTheOperatorsLoginSoTheBrowserSendsItWithMoves() {
    given().when().get("/q/switchback/ui").then()
        .statusCode(401).header("WWW-Authenticate", containsString("basic"));
    given().auth().preemptive().basic("operator", "local-operator-password")
        .when().get("/q/switchback/ui").then()
        .statusCode(200).contentType(containsString("text/html"));
  }

  private long publishedOrders() {
    MessagingLag lag = messaging.ability(MessagingLag.class).orElseThrow();
    return lag.lag(OrderNotifications.TOPIC, NEVER_CONSUMES).toCompletableFuture().join()
        .values().stream().mapToLong(Long::longValue).sum();
  }
}
