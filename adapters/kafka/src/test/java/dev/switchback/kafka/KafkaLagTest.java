package dev.switchback.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchback.InvalidInputException;
import dev.switchback.OperationTimeoutException;
import dev.switchback.SwitchbackException;
import dev.switchback.messaging.Message;
import dev.switchback.messaging.MessageHandler;
import dev.switchback.messaging.MessagingLag;
import dev.switchback.messaging.Subscription;
import dev.switchback.testkit.Eventually;
import dev.switchback.testkit.Stages;
import dev.switchback.testkit.servers.LocalKafka;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@link MessagingLag} on Kafka beyond the contract, against the shared broker: the figures per
 * partition, when a message stops counting, the log start offset, and failures.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class KafkaLagTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private KafkaMessaging messaging;
  private Admin admin;
  private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();

  @BeforeAll
  void start() {
    messaging = TestKafka.onSharedBroker();
    admin = TestKafka.connectionTo(LocalKafka.shared()).createAdmin("lag-test");
  }

  @AfterEach
  void closeSubscriptions() {
    subscriptions.forEach(s -> Stages.join(s.closeAsync(), WAIT));
    subscriptions.clear();
  }

  @AfterAll
  void stop() {
    admin.close();
    Stages.join(messaging.closeAsync(), WAIT);
  }

  @Test
  void lagOfEachPartitionIsItsUnconsumedRecordsAndDropsToZeroOnceHandledAndCommitted() {
    String topic = newTopic();
    String group = newGroup();
    for (int i = 0; i < 20; i++) {
      Stages.join(messaging.publish(topic, message("key-" + i)), WAIT);
    }

    Map<Integer, Long> before = lag(messaging, topic, group);
    assertThat(before).as("every partition of the topic, a never-used group counting all")
        .isEqualTo(recordsPerPartition(topic, 20));
    assertThat(before.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(20);

    List<String> handled = new CopyOnWriteArrayList<>();
    subscribe(messaging, topic, group, message -> {
      handled.add(message.id());
      return CompletableFuture.completedFuture(null);
    });
    Eventually.await(WAIT, () -> assertThat(handled).hasSize(20));
    Eventually.await(WAIT, () -> assertThat(lag(messaging, topic, group))
        .containsOnlyKeys(0, 1, 2).allSatisfy((partition, lag) -> assertThat(lag).isZero()));
    assertThat(total(lag(messaging, topic, newGroup()))).as("another group").isEqualTo(20);
  }

  @Test
  void aFailingMessageKeepsItsPartitionLaggingUntilItsHandlerSucceeds() {
    KafkaMessaging patient = TestKafka.on(LocalKafka.shared(), TestKafka.settings()
        .retry(1_000, Duration.ofMillis(20), Duration.ofMillis(100)).build());
    try {
      String topic = newTopic();
      String group = newGroup();
      // The others first, so that none of them waits behind the poison in its partition.
      List<Message> others = List.of(message("a"), message("b"), message("c"), message("d"));
      others.forEach(other -> Stages.join(patient.publish(topic, other), WAIT));
      Message poison = message("blocked");
      Message behindPoison = message("blocked");
      Stages.join(patient.publish(topic, poison), WAIT);
      Stages.join(patient.publish(topic, behindPoison), WAIT);

      AtomicBoolean failing = new AtomicBoolean(true);
      AtomicInteger attempts = new AtomicInteger();
      List<String> handled = new CopyOnWriteArrayList<>();
      subscribe(patient, topic, group, message -> {
        if (message.id().equals(poison.id())) {
          attempts.incrementAndGet();
          if (failing.get()) {
            throw new IllegalStateException("not yet");
          }
        }
        handled.add(message.id());
        return CompletableFuture.completedFuture(null);
      });

      Eventually.await(WAIT, () -> assertThat(handled)
          .containsExactlyInAnyOrderElementsOf(others.stream().map(Message::id).toList()));
      // The other partitions commit; the poison and the record queued behind it stay counted.
      Eventually.await(WAIT, () -> assertThat(total(lag(patient, topic, group))).isEqualTo(2));
      int seen = attempts.get();
      Eventually.await(WAIT, () -> assertThat(attempts.get()).isGreaterThan(seen + 3));
      assertThat(total(lag(patient, topic, group))).as("still failing").isEqualTo(2);

      failing.set(false);
      Eventually.await(WAIT, () -> assertThat(total(lag(patient, topic, group))).isZero());
      assertThat(handled).contains(poison.id(), behindPoison.id());
    } finally {
      Stages.join(patient.closeAsync(), WAIT);
    }
  }

  @Test
  void aMessageCountsUntilItIsDeadLetteredThenItsDeadLetterTopicLags() {
    KafkaMessaging three = TestKafka.on(LocalKafka.shared(), TestKafka.settings()
        .retry(3, Duration.ofMillis(20), Duration.ofMillis(100)).build());
    try {
      String topic = newTopic();
      String group = newGroup();
      Message poison = message("poison");
      Stages.join(three.publish(topic, poison), WAIT);
      CompletableFuture<Void> lagSeen = new CompletableFuture<>();
      AtomicInteger attempts = new AtomicInteger();
      subscribe(three, topic, group, message -> {
        attempts.incrementAndGet();
        return lagSeen.thenCompose(ignored ->
            CompletableFuture.failedFuture(new IllegalStateException("indigestible")));
      });

      Eventually.await(WAIT, () -> assertThat(attempts.get()).isEqualTo(1));
      assertThat(total(lag(three, topic, group))).as("while its first attempt runs").isEqualTo(1);
      lagSeen.complete(null);

      Eventually.await(WAIT, () -> assertThat(total(lag(three, topic, group))).isZero());
      assertThat(attempts.get()).isEqualTo(3);
      assertThat(total(lag(three, three.deadLetterTopic(topic), group)))
          .as("the dead letter, which no one of the group consumed").isEqualTo(1);
    } finally {
      Stages.join(three.closeAsync(), WAIT);
    }
  }

  @Test
  void positionsBeforeTheLogStartCountFromTheEarliestRetainedRecord() throws Exception {
    String topic = newTopic();
    for (int i = 0; i < 5; i++) {
      Stages.join(messaging.publish(topic, message("one-key")), WAIT);
    }
    int partition = lag(messaging, topic, newGroup()).entrySet().stream()
        .filter(entry -> entry.getValue() == 5).findFirst().orElseThrow().getKey();
    TopicPartition used = new TopicPartition(topic, partition);
    admin.deleteRecords(Map.of(used, RecordsToDelete.beforeOffset(3))).all()
        .get(30, TimeUnit.SECONDS);

    assertThat(lag(messaging, topic, newGroup())).as("a group that never committed")
        .containsEntry(partition, 2L);
    String behind = newGroup();
    admin.alterConsumerGroupOffsets(behind, Map.of(used, new OffsetAndMetadata(1))).all()
        .get(30, TimeUnit.SECONDS);
    assertThat(lag(messaging, topic, behind)).as("committed 1, records from 3 retained")
        .containsEntry(partition, 2L);
    String ahead = newGroup();
    admin.alterConsumerGroupOffsets(ahead, Map.of(used, new OffsetAndMetadata(4))).all()
        .get(30, TimeUnit.SECONDS);
    assertThat(lag(messaging, topic, ahead)).containsEntry(partition, 1L);
  }

  @Test
  void unknownTopicHasNoPartitionsAndBadNamesAreRefusedWithoutAsking() {
    assertThat(lag(messaging, newTopic(), newGroup())).isEmpty();
    assertThat(Stages.failureOf(() -> messaging.lag("no spaces", newGroup()), WAIT))
        .isInstanceOf(InvalidInputException.class);
    assertThat(Stages.failureOf(() -> messaging.lag(newTopic(), " "), WAIT))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void lagOfAnUnreachableClusterFailsWithinTheRequestTimeout() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    KafkaMessagingSettings settings = TestKafka.settings().createTopics(false)
        .requestTimeout(Duration.ofSeconds(2)).deliveryTimeout(Duration.ofSeconds(3))
        .drainTimeout(Duration.ofSeconds(2)).build();
    KafkaMessaging nowhere = KafkaMessaging.builder(KafkaConnection.to("127.0.0.1:" + closedPort))
        .settings(settings).build();
    try {
      Duration bound = settings.requestTimeout().plus(Duration.ofSeconds(10));
      assertThat(Stages.failureOf(() -> nowhere.lag(newTopic(), newGroup()), bound))
          .isInstanceOf(OperationTimeoutException.class)
          .hasMessageContaining("did not answer")
          .hasMessageContaining("request-timeout");
    } finally {
      Stages.join(nowhere.closeAsync(), WAIT);
    }
  }

  @Test
  void lagAfterCloseFails() {
    KafkaMessaging closed = TestKafka.onSharedBroker();
    String topic = newTopic();
    Stages.join(closed.publish(topic, message("k")), WAIT);
    assertThat(total(lag(closed, topic, newGroup()))).isEqualTo(1);
    Stages.join(closed.closeAsync(), WAIT);
    assertThat(Stages.failureOf(() -> closed.lag(topic, newGroup()), WAIT))
        .isInstanceOf(SwitchbackException.class)
        .hasMessageContaining("closed");
  }

  /** How many records each partition holds, read back with a plain consumer. */
  private static Map<Integer, Long> recordsPerPartition(String topic, long expected) {
    Map<String, Object> properties = LocalKafka.shared().clientProperties();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
        properties, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(info -> new TopicPartition(topic, info.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<Integer, Long> counts = new HashMap<>();
      partitions.forEach(partition -> counts.put(partition.partition(), 0L));
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (total(counts) < expected
          && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          counts.merge(record.partition(), 1L, Long::sum);
        }
      }
      return counts;
    }
  }

  private void subscribe(KafkaMessaging on, String topic, String group, MessageHandler handler) {
    subscriptions.add(on.subscribe(topic, group, handler));
  }

  private static Map<Integer, Long> lag(MessagingLag on, String topic, String group) {
    return Stages.join(on.lag(topic, group), WAIT);
  }

  private static long total(Map<Integer, Long> lag) {
    return lag.values().stream().mapToLong(Long::longValue).sum();
  }

  private static Message message(String key) {
    return new Message(UUID.randomUUID().toString(), key, key.getBytes(UTF_8), Map.of());
  }

  private static String newTopic() {
    return "lag-test-" + UUID.randomUUID();
  }

  private static String newGroup() {
    return "group-" + UUID.randomUUID();
  }
}
