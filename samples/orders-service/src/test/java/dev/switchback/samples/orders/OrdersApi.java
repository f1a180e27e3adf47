package dev.switchback.samples.orders;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.Map;

/** The service's HTTP API as the tests call it. */
final class OrdersApi {
  static final String DEMO_USER = "demo";
  static final String DEMO_PASSWORD = "demo-password";

  private OrdersApi() {}

  static ValidatableResponse login(String username, String password) {
    return given().contentType(ContentType.JSON)
        .body(Map.of("username", username, "password", password))
        .when().post("/login").then();
  }

  /** Logs the demo user in and returns the session id. */
  static String demoSession() {
    return login(DEMO_USER, DEMO_PASSWORD).statusCode(200).extract().cookie("session");
  }

  static ValidatableResponse placeOrder(String session, Object body) {
    return given().cookie("session", session).contentType(ContentType.JSON).body(body)
        .when().post("/orders").then();
  }

  /** Places a valid order and returns its id. */
  static String placeOrder(String session, String item, int quantity) {
    return placeOrder(session, Map.of("item", item, "quantity", quantity))
        .statusCode(201).extract().path("id");
  }
}
