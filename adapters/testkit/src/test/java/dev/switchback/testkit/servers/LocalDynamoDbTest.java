package dev.switchback.testkit.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchback.testkit.proxy.HttpFaultProxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LocalDynamoDbTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void sharedIsOneLiveServerPerJvmSpeakingTheDynamoDbApi() throws Exception {
    LocalDynamoDb dynamo = LocalDynamoDb.shared();
    String table = "testkit-" + UUID.randomUUID();

    assertThat(LocalDynamoDb.shared()).isSameAs(dynamo);
    assertThat(dynamo.uri().toString()).isEqualTo("http://127.0.0.1:" + dynamo.port());
    assertThat(call(dynamo.uri(), "CreateTable", createTable(table)).statusCode()).isEqualTo(200);
    assertThat(call(dynamo.uri(), "ListTables", "{}").body()).contains(table);
  }

  @Test
  void theSharedServerCannotBeStoppedByOneTest() {
    LocalDynamoDb dynamo = LocalDynamoDb.shared();

    assertThatThrownBy(dynamo::stop).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("LocalDynamoDb.start()");
    assertThatThrownBy(dynamo::kill).isInstanceOf(IllegalStateException.class);
    dynamo.close();
    assertThat(dynamo.isRunning()).isTrue();
  }

  @Test
  void aDedicatedServerStopsAndRestartsEmptyOnItsPort() throws Exception {
    try (LocalDynamoDb dynamo = LocalDynamoDb.start()) {
      int port = dynamo.port();
      call(dynamo.uri(), "CreateTable", createTable("kept-until-restart"));

      dynamo.kill();
      assertThat(dynamo.isRunning()).isFalse();
      dynamo.restart();

      assertThat(dynamo.port()).isEqualTo(port);
      assertThat(dynamo.isRunning()).isTrue();
      assertThat(call(dynamo.uri(), "ListTables", "{}").body())
          .doesNotContain("kept-until-restart");
    }
  }

  @Test
  void httpFaultProxyAnswersChosenRequestsAndForwardsTheRest() throws Exception {
    try (HttpFaultProxy proxy = HttpFaultProxy.start(LocalDynamoDb.shared().uri())) {
      proxy.answerNext(1, r -> r.header("X-Amz-Target").endsWith("ListTables"),
          HttpFaultProxy.Answer.json(400, "{\"__type\":\"x#ThrottlingException\"}"));

      HttpResponse<String> answered = call(proxy.uri(), "ListTables", "{}");
      HttpResponse<String> forwarded = call(proxy.uri(), "ListTables", "{}");

      assertThat(answered.statusCode()).isEqualTo(400);
      assertThat(answered.body()).contains("ThrottlingException");
      assertThat(forwarded.statusCode()).isEqualTo(200);
      assertThat(forwarded.body()).contains("TableNames");
      assertThat(proxy.requests()).extracting(HttpFaultProxy.Request::answered)
          .containsExactly(true, false);
      assertThat(proxy.requests().get(1).body()).isEqualTo("{}");
    }
  }

  private static String createTable(String name) {
    return "{\"TableName\":\"" + name + "\",\"BillingMode\":\"PAY_PER_REQUEST\","
        + "\"KeySchema\":[{\"AttributeName\":\"id\",\"KeyType\":\"HASH\"}],"
        + "\"AttributeDefinitions\":[{\"AttributeName\":\"id\",\"AttributeType\":\"S\"}]}";
  }

  private static HttpResponse<String> call(URI endpoint, String operation, String body)
      throws Exception {
    HttpRequest request = HttpRequest.newBuilder(endpoint)
        .header("Content-Type", "application/x-amz-json-1.0")
        .header("X-Amz-Target", "DynamoDB_20120810." + operation)
        .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240101/us-east-1/"
            + "dynamodb/aws4_request, SignedHeaders=host, Signature=00")
        .header("X-Amz-Date", "20240101T000000Z")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
