package dev.switchback.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchback.InvalidInputException;
import dev.switchback.TooLargeException;
import dev.switchback.messaging.DeadLetters;
import dev.switchback.messaging.Message;
import dev.switchback.messaging.MessageHandler;
import dev.switchback.messaging.Messaging;
import dev.switchback.messaging.MessagingFeature;
import dev.switchback.messaging.Subscription;
import dev.switchback.testkit.Eventually;
import dev.switchback.testkit.Stages;
import dev.switchback.testkit.servers.LocalKafka;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** What the Kafka backend does beyond the contract, against the shared broker. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class KafkaMessagingTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private KafkaMessaging messaging;
  private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();

  @BeforeAll
  void start() {
    messaging = TestKafka.onSharedBroker();
  }

  @AfterEach
  void closeSubscriptions() {
    subscriptions.forEach(s -> Stages.join(s.closeAsync(), WAIT));
    subscriptions.clear();
  }

  @AfterAll
  void stop() {
    Stages.join(messaging.closeAsync(), WAIT);
  }

  @Test
  void messageOverTheRequestSizeIsRefusedBeforeSendingAndNothingIsStored() {
    KafkaMessaging small =
        TestKafka.on(LocalKafka.shared(), TestKafka.settings().maxRequestSize(4096).build());
    try {
      String topic = newTopic();
      Message bigPayload = Message.of(new byte[5000]);
      Message bigHeaders =
          new Message(
              UUID.randomUUID().toString(), null, new byte[10], Map.of("h", "x".repeat(4100)));
      assertThat(Stages.failureOf(small.publish(topic, bigPayload), WAIT))
          .isInstanceOf(TooLargeException.class)
          .hasMessageContaining("max-request-size");
      assertThat(Stages.failureOf(small.publish(topic, bigHeaders), WAIT))
          .isInstanceOf(TooLargeException.class);

      Message marker = Message.of(new byte[3000]);
      Stages.join(small.publish(topic, marker), WAIT);
      List<String> ids = new CopyOnWriteArrayList<>();
      subscribe(topic, newGroup(), message -> {
        ids.add(message.id());
        return CompletableFuture.completedFuture(null);
      });
      Eventually.await(WAIT, () -> assertThat(ids).contains(marker.id()));
      assertThat(ids).containsOnly(marker.id());
    } finally {
      Stages.join(small.closeAsync(), WAIT);
    }
  }

  @Test
  void theIdHeaderIsReservedAndOtherReservedPrefixHeadersTravel() {
    String topic = newTopic();
    Message claimsId =
        new Message("m-1", null, bytes("x"), Map.of("switchback-id", "forged"));
    assertThat(Stages.failureOf(messaging.publish(topic, claimsId), WAIT))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("switchback-id");

    Message sent = new Message("m-2", "k", bytes("y"), Map.of("switchback-note", "kept"));
    Stages.join(messaging.publish(topic, sent), WAIT);
    List<Message> received = new CopyOnWriteArrayList<>();
    subscribe(topic, newGroup(), message -> {
      received.add(message);
      return CompletableFuture.completedFuture(null);
    });
    Eventually.await(WAIT, () -> assertThat(received).extracting(Message::id).contains("m-2"));
    assertThat(received).extracting(Message::id).doesNotContain("m-1");
    assertThat(received.get(0).headers()).containsEntry("switchback-note", "kept")
        .doesNotContainKey("switchback-id");
  }

  @Test
  void messageThatKeepsFailingGoesToTheDeadLetterTopicWithItsOriginAndTheGroupMovesOn() {
    KafkaMessaging three = TestKafka.on(LocalKafka.shared(),
        TestKafka.settings().retry(3, Duration.ofMillis(20), Duration.ofMillis(100)).build());
    try {
      String topic = newTopic();
      String group = newGroup();
      Message poison = new Message("poison-" + UUID.randomUUID(), "same", bytes("bad"),
          Map.of("origin", "test"));
      Message healthy =
          new Message("healthy-" + UUID.randomUUID(), "same", bytes("good"), Map.of());
      AtomicInteger poisonAttempts = new AtomicInteger();
      List<String> handled = new CopyOnWriteArrayList<>();
      Subscription subscription = three.subscribe(topic, group, message -> {
        if (message.id().equals(poison.id())) {
          poisonAttempts.incrementAndGet();
          throw new IllegalStateException("cannot digest " + message.id());
        }
        handled.add(message.id());
        return CompletableFuture.completedFuture(null);
      });
      Stages.join(three.publish(topic, poison), WAIT);
      Stages.join(three.publish(topic, healthy), WAIT);

      // The message behind the poison one, same key and partition, is handled once it is moved.
      Eventually.await(WAIT, () -> assertThat(handled).contains(healthy.id()));
      assertThat(poisonAttempts.get()).isEqualTo(3);

      List<Message> letters = new CopyOnWriteArrayList<>();
      subscribe(three.deadLetterTopic(topic), newGroup(), message -> {
        letters.add(message);
        return CompletableFuture.completedFuture(null);
      });
      Eventually.await(WAIT, () -> assertThat(letters).hasSize(1));
      Message letter = letters.get(0);
      assertThat(letter.id()).isEqualTo(poison.id());
      assertThat(letter.key()).isEqualTo("same");
      assertThat(letter.payload()).containsExactly(poison.payload());
      assertThat(letter.headers())
          .containsEntry("origin", "test")
          .containsEntry(DeadLetters.TOPIC_HEADER, topic)
          .containsEntry(DeadLetters.GROUP_HEADER, group)
          .containsEntry(DeadLetters.ATTEMPTS_HEADER, "3")
          .containsEntry(DeadLetters.OFFSET_HEADER, "0")
          .containsKey(DeadLetters.PARTITION_HEADER);
      assertThat(letter.headers().get(DeadLetters.ERROR_HEADER))
          .contains("IllegalStateException").contains("cannot digest");

      // Both were committed: a new member of the group gets neither again.
      Stages.join(subscription.closeAsync(), WAIT);
      Message later = Message.of("same", bytes("later"));
      Stages.join(three.publish(topic, later), WAIT);
      List<String> second = new CopyOnWriteArrayList<>();
      subscribe(topic, group, message -> {
        second.add(message.id());
        return CompletableFuture.completedFuture(null);
      });
      Eventually.await(WAIT, () -> assertThat(second).contains(later.id()));
      assertThat(second).containsOnly(later.id());
    } finally {
      Stages.join(three.closeAsync(), WAIT);
    }
  }

  @Test
  void withoutDeadLettersAFailingMessageIsTriedPastTheAttemptBoundUntilItSucceeds() {
    KafkaMessaging noLetters = TestKafka.on(LocalKafka.shared(), TestKafka.settings()
        .retry(2, Duration.ofMillis(20), Duration.ofMillis(50))
        .deadLetter(false, ".dlq").build());
    try {
      assertThat(noLetters.features()).doesNotContain(MessagingFeature.DEAD_LETTER);
      String topic = newTopic();
      AtomicInteger attempts = new AtomicInteger();
      AtomicInteger acknowledged = new AtomicInteger();
      noLetters.subscribe(topic, newGroup(), message -> {
        if (attempts.incrementAndGet() <= 5) {
          return CompletableFuture.failedFuture(new IllegalStateException("not yet"));
        }
        acknowledged.incrementAndGet();
        return CompletableFuture.completedFuture(null);
      });
      Stages.join(noLetters.publish(topic, Message.of(bytes("stubborn"))), WAIT);
      Eventually.await(WAIT, () -> assertThat(acknowledged.get()).isEqualTo(1));
      assertThat(attempts.get()).isEqualTo(6);
    } finally {
      Stages.join(noLetters.closeAsync(), WAIT);
    }
  }

  @Test
  void closeGivesUpOnAHandlerThatNeverEndsAfterTheDrainTimeoutAndTheMessageComesAgain() {
    KafkaMessaging shortDrain = TestKafka.on(LocalKafka.shared(),
        TestKafka.settings().drainTimeout(Duration.ofSeconds(2)).build());
    try {
      String topic = newTopic();
      String group = newGroup();
      Message stuck = Message.of(bytes("never acknowledged"));
      Stages.join(shortDrain.publish(topic, stuck), WAIT);
      AtomicInteger started = new AtomicInteger();
      Subscription hanging = shortDrain.subscribe(topic, group, message -> {
        started.incrementAndGet();
        return new CompletableFuture<>();
      });
      Eventually.await(WAIT, () -> assertThat(started.get()).isEqualTo(1));
      Stages.join(hanging.closeAsync(), WAIT);

      List<String> again = new CopyOnWriteArrayList<>();
      subscribe(topic, group, message -> {
        again.add(message.id());
        return CompletableFuture.completedFuture(null);
      });
      Eventually.await(WAIT, () -> assertThat(again).contains(stuck.id()));
    } finally {
      Stages.join(shortDrain.closeAsync(), WAIT);
    }
  }

  @Test
  void aTopicWhoseDeadLetterNameWouldBeTooLongGetsAShortenedLegalOne() {
    String longest = "t".repeat(Messaging.MAX_TOPIC_LENGTH);
    String letters = messaging.deadLetterTopic(longest);
    assertThat(letters).hasSize(Messaging.MAX_TOPIC_LENGTH).endsWith(".dlq")
        .matches("[a-zA-Z0-9._-]+");
    assertThat(messaging.deadLetterTopic("t".repeat(Messaging.MAX_TOPIC_LENGTH - 1)))
        .isNotEqualTo(letters);
    assertThat(messaging.deadLetterTopic("orders")).isEqualTo("orders.dlq");
  }

  @Test
  void recordsOfOnePartitionAreHandledOneAtATimeWhilePartitionsRunInParallel() {
    String topic = newTopic();
    AtomicInteger runningOfKey = new AtomicInteger();
    AtomicInteger mostOfKey = new AtomicInteger();
    List<String> done = new CopyOnWriteArrayList<>();
    subscribe(topic, newGroup(), message -> {
      boolean keyed = "one".equals(message.key());
      if (keyed) {
        mostOfKey.accumulateAndGet(runningOfKey.incrementAndGet(), Math::max);
      }
      return CompletableFuture.runAsync(() -> {
        if (keyed) {
          runningOfKey.decrementAndGet();
        }
        done.add(message.id());
      }, CompletableFuture.delayedExecutor(5, TimeUnit.MILLISECONDS));
    });
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      Message message = Message.of(i % 2 == 0 ? "one" : "other-" + i, bytes("m" + i));
      ids.add(message.id());
      Stages.join(messaging.publish(topic, message), WAIT);
    }
    Eventually.await(WAIT, () -> assertThat(done).containsAll(ids));
    assertThat(mostOfKey.get()).isEqualTo(1);
  }

  @Test
  void traceContextTravelsFromThePublisherToTheHandler() {
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
        .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
        .build();
    KafkaMessaging traced = KafkaMessaging.builder(TestKafka.connectionTo(LocalKafka.shared()))
        .settings(TestKafka.settings().build()).openTelemetry(sdk).build();
    try {
      String topic = newTopic();
      List<String> handlerTraces = new CopyOnWriteArrayList<>();
      List<Map<String, String>> headers = new CopyOnWriteArrayList<>();
      traced.subscribe(topic, newGroup(), message -> {
        handlerTraces.add(Span.current().getSpanContext().getTraceId());
        headers.add(message.headers());
        return CompletableFuture.completedFuture(null);
      });
      Span parent = sdk.getTracer("test").spanBuilder("request").startSpan();
      try (Scope ignored = parent.makeCurrent()) {
        Stages.join(traced.publish(topic, Message.of(bytes("traced"))), WAIT);
      } finally {
        parent.end();
      }
      String traceId = parent.getSpanContext().getTraceId();
      Eventually.await(WAIT, () -> assertThat(handlerTraces).containsExactly(traceId));
      assertThat(headers.get(0)).doesNotContainKey("traceparent");
      Eventually.await(WAIT, () -> assertThat(spans.getFinishedSpanItems())
          .filteredOn(span -> span.getTraceId().equals(traceId))
          .extracting(SpanData::getKind)
          .contains(SpanKind.PRODUCER, SpanKind.CONSUMER));
      SpanData process = spans.getFinishedSpanItems().stream()
          .filter(span -> span.getKind() == SpanKind.CONSUMER).findFirst().orElseThrow();
      assertThat(process.getName()).isEqualTo("process " + topic);
      assertThat(process.getAttributes().asMap().toString())
          .contains("messaging.system=kafka").contains("messaging.destination.name=" + topic);
    } finally {
      Stages.join(traced.closeAsync(), WAIT);
      sdk.close();
    }
  }

  private void subscribe(String topic, String group, MessageHandler handler) {
    subscriptions.add(messaging.subscribe(topic, group, handler));
  }

  @Test
  void aSubscriptionStopsFetchingOnceMaxInFlightRecordsAreUnfinished() throws InterruptedException {
    KafkaMessaging bounded = TestKafka.on(LocalKafka.shared(),
        TestKafka.settings().topicPartitions(1).maxInFlight(5).build());
    CompletableFuture<Void> release = new CompletableFuture<>();
    AtomicInteger handled = new AtomicInteger();
    try {
      String topic = newTopic();
      for (int i = 0; i < 200; i++) {
        Stages.join(bounded.publish(topic, Message.of(("m" + i).getBytes(UTF_8))), WAIT);
      }
      Subscription subscription = bounded.subscribe(topic, "group-" + UUID.randomUUID(),
          message -> {
            handled.incrementAndGet();
            return release;
          });
      // The consumer's own lag behind what it has taken: paused, it stays near 200 - 5; a
      // subscription that kept polling would have taken every record and the figure would be 0.
      Eventually.await(WAIT, () -> assertThat(fetchLag(topic)).isBetween(190.0, 195.0));
      Thread.sleep(2_000);
      assertThat(fetchLag(topic)).as("still paused").isBetween(190.0, 195.0);
      assertThat(handled.get()).as("one partition: one record at a time").isEqualTo(1);

      release.complete(null);
      Eventually.await(WAIT, () -> assertThat(handled.get()).isEqualTo(200));
      Stages.join(subscription.closeAsync(), WAIT);
    } finally {
      release.complete(null);
      Stages.join(bounded.closeAsync(), WAIT);
    }
  }

  /** The consumer's {@code records-lag} of partition 0 of {@code topic}: records not yet taken. */
  private static double fetchLag(String topic) {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    try {
      Set<ObjectName> names = server.queryNames(new ObjectName(
          "kafka.consumer:type=consumer-fetch-manager-metrics,partition=0,topic=" + topic + ",*"),
          null);
      assertThat(names).as("fetch metrics of the subscription's consumer").hasSize(1);
      return ((Number) server.getAttribute(names.iterator().next(), "records-lag")).doubleValue();
    } catch (JMException e) {
      throw new AssertionError("reading the consumer's metrics failed", e);
    }
  }

  private static String newTopic() {
    return "kafka-test-" + UUID.randomUUID();
  }

  private static String newGroup() {
    return "group-" + UUID.randomUUID();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }
}
