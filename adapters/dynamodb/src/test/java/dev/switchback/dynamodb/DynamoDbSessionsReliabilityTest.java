package dev.switchback.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchback.BackendUnavailableException;
import dev.switchback.ConflictException;
import dev.switchback.InvalidInputException;
import dev.switchback.OperationTimeoutException;
import dev.switchback.Switchback;
import dev.switchback.TooLargeException;
import dev.switchback.dynamodb.internal.EpochSeconds;
import dev.switchback.sessions.Session;
import dev.switchback.sessions.Sessions;
import dev.switchback.testkit.ManualClock;
import dev.switchback.testkit.Stages;
import dev.switchback.testkit.proxy.FaultProxy;
import dev.switchback.testkit.proxy.HttpFaultProxy;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** RELIABILITY.md's "DynamoDB sessions" list, against dynalite. */
final class DynamoDbSessionsReliabilityTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final Duration TTL = Duration.ofMinutes(5);
  private static final String THROTTLED = "{\"__type\":\"com.amazonaws.dynamodb.v20120810#"
      + "ProvisionedThroughputExceededException\",\"message\":\"The level of configured"
      + " provisioned throughput for the table was exceeded.\"}";

  private static final DynamoDbClient RAW = DynamoDbFixture.rawClient(DynamoDbFixture.endpoint());

  @AfterAll
  static void closeRawClient() {
    RAW.close();
  }

  @Test
  void itemPastItsTtlIsNotReturnedThoughDynamoDbStillHoldsIt() {
    ManualClock clock = new ManualClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    DynamoDbTable table = DynamoDbFixture.newTable("expired", clock);
    try (DynamoDbSessions sessions = DynamoDbSessions.on(table)) {
      Session created = join(sessions.create("user", Map.of("a", "1"), Duration.ofSeconds(30)));
      clock.advance(Duration.ofSeconds(30));

      assertThat(join(sessions.get(created.id()))).isEmpty();
      assertThat(join(sessions.touch(created.id()))).isEmpty();
      assertThat(join(sessions.update(created.id(), 1, Map.of("b", "2")))).isEmpty();
      Map<String, AttributeValue> raw = rawItem(table.name(), created.id());
      assertThat(raw).isNotEmpty();
      assertThat(raw.get("subject").s()).isEqualTo("user");
      assertThat(raw.get("version").n()).isEqualTo("1");
    }
  }

  @Test
  void ttlAttributeHoldsTheExpiryInEpochSecondsRoundedUp() {
    DynamoDbTable table = DynamoDbFixture.newTable("ttl-seconds", java.time.Clock.systemUTC());
    try (DynamoDbSessions sessions = DynamoDbSessions.on(table)) {
      Session created = join(sessions.create("user", Map.of(), TTL));

      Map<String, AttributeValue> raw = rawItem(table.name(), created.id());
      long seconds = Long.parseLong(raw.get(DynamoDbSettings.DEFAULT_TTL_ATTRIBUTE).n());
      long millis = created.expiresAt().toEpochMilli();
      assertThat(seconds).isEqualTo(Math.floorDiv(millis + 999, 1000));
      assertThat(Long.parseLong(raw.get("expires_ms").n())).isEqualTo(millis);
      assertThat(Instant.ofEpochSecond(seconds))
          .isBetween(Instant.now().plus(TTL).minusSeconds(5), Instant.now().plus(TTL).plusSeconds(5));
    }
  }

  @Test
  void expiryInMillisecondsWhereSecondsAreMeantIsRefusedAndNothingIsWritten() {
    DynamoDbTable table = DynamoDbFixture.newTable("ttl-millis", java.time.Clock.systemUTC());
    try (DynamoDbSessions sessions = DynamoDbSessions.on(table)) {
      Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
      // A copy tool that read an epoch-millisecond expiry as seconds hands over this instant.
      Instant millisAsSeconds = Instant.ofEpochSecond(now.plus(TTL).toEpochMilli());
      Session misread = new Session("misread-" + now.toEpochMilli(), "user", Map.of(), 1, now,
          millisAsSeconds, TTL);

      assertThat(failure(() -> sessions.replicate(misread)))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("epoch milliseconds");
      assertThat(failure(() -> sessions.create("user", Map.of(),
              Duration.ofSeconds(now.toEpochMilli()))))
          .isInstanceOf(InvalidInputException.class);
      assertThat(rawItem(table.name(), misread.id())).isEmpty();
      assertThat(RAW.scan(r -> r.tableName(table.name())).count()).isZero();
    }
  }

  @Test
  void twoWritersOnOneVersionGiveOneConflictAndTheLoserLosesNoFieldOnRetry() {
    DynamoDbTable table = DynamoDbFixture.newTable("writers", java.time.Clock.systemUTC());
    try (DynamoDbSessions sessions = DynamoDbSessions.on(table)) {
      Session created = join(sessions.create("user", Map.of("cart", "1"), TTL));

      CompletionStage<?> first = sessions.update(created.id(), 1, Map.of("cart", "1", "a", "x"));
      CompletionStage<?> second = sessions.update(created.id(), 1, Map.of("cart", "1", "b", "y"));
      List<Throwable> outcomes = new java.util.ArrayList<>();
      for (CompletionStage<?> stage : List.of(first, second)) {
        try {
          join(stage);
          outcomes.add(null);
        } catch (AssertionError e) {
          outcomes.add(e.getCause());
        }
      }
      assertThat(outcomes).filteredOn(o -> o == null).hasSize(1);
      assertThat(outcomes).filteredOn(o -> o instanceof ConflictException).hasSize(1);

      // The loser reads the winner's session and adds its own field on top.
      Session winner = join(sessions.get(created.id())).orElseThrow();
      Map<String, String> merged = new HashMap<>(winner.attributes());
      merged.put(winner.attributes().containsKey("a") ? "b" : "a",
          winner.attributes().containsKey("a") ? "y" : "x");
      Session last = join(sessions.update(created.id(), 2, merged)).orElseThrow();

      assertThat(last.version()).isEqualTo(3);
      assertThat(join(sessions.get(created.id())).orElseThrow().attributes())
          .isEqualTo(Map.of("cart", "1", "a", "x", "b", "y"));
      assertThat(rawItem(table.name(), created.id()).get("attrs").m()).containsOnlyKeys(
          "cart", "a", "b");
    }
  }

  @Test
  void createOfAnIdThatExistsFailsAndLeavesTheStoredSessionAlone() {
    DynamoDbTable table = DynamoDbFixture.newTable("existing-id", java.time.Clock.systemUTC());
    try (DynamoDbSessions sessions =
        DynamoDbSessions.builder(table).ids(() -> "always-the-same-id").build()) {
      Session first = join(sessions.create("first-owner", Map.of("k", "v"), TTL));

      assertThat(failure(() -> sessions.create("second-owner", Map.of(), TTL)))
          .isInstanceOf(ConflictException.class)
          .hasMessageNotContaining("always-the-same-id");
      assertThat(join(sessions.get("always-the-same-id"))).contains(first);
      assertThat(rawItem(table.name(), "always-the-same-id").get("subject").s())
          .isEqualTo("first-owner");
    }
  }

  @Test
  void sessionOf401KilobytesIsRefusedBeforeAnyCallIsMade() {
    String table = DynamoDbFixture.newTableName("too-large");
    try (HttpFaultProxy proxy = HttpFaultProxy.start(DynamoDbFixture.endpoint());
        Switchback switchback = Switchback.fromConfig(
            DynamoDbFixture.config("sessions", proxy.uri(), table))) {
      Sessions sessions = switchback.sessions();
      Session small = join(sessions.create("user", Map.of("a", "1"), TTL));
      proxy.clearRequests();
      Map<String, String> large = Map.of("blob", "x".repeat(401 * 1024));

      assertThat(failure(() -> sessions.create("user-large", large, TTL)))
          .isInstanceOf(TooLargeException.class);
      assertThat(failure(() -> sessions.update(small.id(), 1, large)))
          .isInstanceOf(TooLargeException.class);

      assertThat(proxy.requests()).extracting(r -> r.header("X-Amz-Target"))
          .containsExactly("DynamoDB_20120810.GetItem");
      assertThat(RAW.scan(r -> r.tableName(table)).items())
          .singleElement()
          .satisfies(item -> assertThat(item.get("subject").s()).isEqualTo("user"));
      assertThat(join(sessions.get(small.id()))).contains(small);
    }
  }

  @Test
  void throttledCallsAreRetriedWithBackOffAndSucceed() {
    String table = DynamoDbFixture.newTableName("throttled");
    try (HttpFaultProxy proxy = HttpFaultProxy.start(DynamoDbFixture.endpoint());
        Switchback switchback = Switchback.fromConfig(withRetries(
            DynamoDbFixture.config("sessions", proxy.uri(), table), 4))) {
      Sessions sessions = switchback.sessions();
      proxy.clearRequests();
      proxy.answerNext(3, HttpFaultProxy.Answer.json(400, THROTTLED));

      Session created = join(sessions.create("user", Map.of("a", "1"), TTL));

      assertThat(proxy.requests()).hasSize(4);
      assertThat(proxy.requests()).extracting(HttpFaultProxy.Request::answered)
          .containsExactly(true, true, true, false);
      assertThat(proxy.requests()).extracting(r -> r.header("amz-sdk-request"))
          .containsExactly("attempt=1; max=4", "attempt=2; max=4", "attempt=3; max=4",
              "attempt=4; max=4");
      assertThat(rawItem(table, created.id())).isNotEmpty();
    }
  }

  @Test
  void throttlingPastTheAttemptBoundFailsAsBackendUnavailable() {
    String table = DynamoDbFixture.newTableName("throttled-out");
    try (HttpFaultProxy proxy = HttpFaultProxy.start(DynamoDbFixture.endpoint());
        Switchback switchback = Switchback.fromConfig(withRetries(
            DynamoDbFixture.config("sessions", proxy.uri(), table), 3))) {
      Sessions sessions = switchback.sessions();
      Session created = join(sessions.create("user", Map.of(), TTL));
      proxy.clearRequests();
      proxy.answerNext(100, HttpFaultProxy.Answer.json(400, THROTTLED));

      Throwable failure = failure(() -> sessions.get(created.id()));

      assertThat(failure).isInstanceOf(BackendUnavailableException.class)
          .isNotInstanceOf(OperationTimeoutException.class)
          .hasMessageContaining("throttled")
          .hasMessageNotContaining(created.id());
      assertThat(proxy.requests()).hasSize(3);
    }
  }

  @Test
  void everyReadAsksForAStronglyConsistentRead() {
    String table = DynamoDbFixture.newTableName("consistent");
    try (HttpFaultProxy proxy = HttpFaultProxy.start(DynamoDbFixture.endpoint());
        Switchback switchback = Switchback.fromConfig(
            DynamoDbFixture.config("sessions", proxy.uri(), table))) {
      Sessions sessions = switchback.sessions();
      Session created = join(sessions.create("user", Map.of(), TTL));
      proxy.clearRequests();

      join(sessions.get(created.id()));
      join(sessions.update(created.id(), 1, Map.of("a", "1")));
      join(sessions.touch(created.id()));

      List<HttpFaultProxy.Request> reads = proxy.requests().stream()
          .filter(r -> r.header("X-Amz-Target").endsWith(".GetItem")).toList();
      assertThat(reads).hasSize(3);
      assertThat(reads).allSatisfy(r -> assertThat(r.body()).contains("\"ConsistentRead\":true"));
    }
  }

  @Test
  void unansweredCallsTimeOutWithinTheConfiguredBudget() {
    String table = DynamoDbFixture.newTableName("blackhole");
    URI dynamo = DynamoDbFixture.endpoint();
    try (FaultProxy proxy = FaultProxy.start(dynamo.getHost(), dynamo.getPort())) {
      Map<String, String> config = DynamoDbFixture.config("sessions",
          URI.create("http://" + proxy.host() + ":" + proxy.port()), table);
      config.put("switchback.sessions.dynamodb.api-call-timeout", "1s");
      config.put("switchback.sessions.dynamodb.api-call-attempt-timeout", "300ms");
      try (Switchback switchback = Switchback.fromConfig(config)) {
        Sessions sessions = switchback.sessions();
        Session created = join(sessions.create("user", Map.of(), TTL));
        proxy.blackhole();

        assertThat(failure(() -> sessions.get(created.id())))
            .isInstanceOf(OperationTimeoutException.class);

        proxy.heal();
        assertThat(join(sessions.get(created.id()))).contains(created);
      }
    }
  }

  @Test
  void unreachableEndpointFailsAsBackendUnavailable() {
    Map<String, String> config = DynamoDbFixture.config("sessions",
        URI.create("http://127.0.0.1:1"), DynamoDbFixture.newTableName("unreachable"));
    config.remove("switchback.sessions.dynamodb.create-table");
    config.put("switchback.sessions.dynamodb.retry.max-attempts", "2");
    try (Switchback switchback = Switchback.fromConfig(config)) {
      assertThat(failure(() -> switchback.sessions().get("some-id")))
          .isInstanceOf(BackendUnavailableException.class)
          .isNotInstanceOf(OperationTimeoutException.class);
    }
  }

  private static Map<String, String> withRetries(Map<String, String> config, int attempts) {
    config.put("switchback.sessions.dynamodb.retry.max-attempts", Integer.toString(attempts));
    config.put("switchback.sessions.dynamodb.retry.base-delay", "10ms");
    config.put("switchback.sessions.dynamodb.retry.max-backoff", "50ms");
    return config;
  }

  private static Map<String, AttributeValue> rawItem(String table, String id) {
    return RAW.getItem(r -> r.tableName(table).key(Map.of("id", AttributeValue.fromS(id)))
        .consistentRead(true)).item();
  }

  private static <T> T join(CompletionStage<T> stage) {
    return Stages.join(stage, TIMEOUT);
  }

  private static Throwable failure(Supplier<? extends CompletionStage<?>> operation) {
    return Stages.failureOf(operation, TIMEOUT);
  }
}
