package dev.switchback.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchback.BackendUnavailableException;
import dev.switchback.OperationTimeoutException;
import dev.switchback.messaging.Message;
import dev.switchback.messaging.Subscription;
import dev.switchback.testkit.Eventually;
import dev.switchback.testkit.Stages;
import dev.switchback.testkit.servers.LocalKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A broker that crashes, restarts or stays down, on a broker of this class's own. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class KafkaBrokerFaultTest {
  private static final Duration WAIT = Duration.ofSeconds(90);

  private LocalKafka kafka;

  @BeforeAll
  void startBroker() {
    kafka = LocalKafka.start();
  }

  @AfterEach
  void brokerRunsAgain() {
    if (!kafka.isRunning()) {
      kafka.restart();
    }
  }

  @AfterAll
  void stopBroker() {
    kafka.close();
  }

  @Test
  void everyAcknowledgedMessageIsConsumedAfterTheBrokerCrashesAndRestartsMidStream()
      throws Exception {
    String topic = "restart-" + UUID.randomUUID();
    KafkaMessagingSettings settings = TestKafka.settings()
        .deliveryTimeout(Duration.ofSeconds(60)).maxBlock(Duration.ofSeconds(30)).build();
    try (KafkaMessaging messaging = TestKafka.on(kafka, settings)) {
      Set<String> consumed = ConcurrentHashMap.newKeySet();
      Subscription subscription = messaging.subscribe(topic, "group-" + UUID.randomUUID(),
          message -> {
            consumed.add(message.id());
            return CompletableFuture.completedFuture(null);
          });

      // A publisher keeps going while the broker is killed and restarted.
      List<String> ids = new CopyOnWriteArrayList<>();
      List<CompletableFuture<Void>> acks = new CopyOnWriteArrayList<>();
      CompletableFuture<Void> publisher = CompletableFuture.runAsync(() -> {
        for (int i = 0; i < 300; i++) {
          Message message = Message.of("key-" + (i % 7), ("m" + i).getBytes(UTF_8));
          ids.add(message.id());
          acks.add(messaging.publish(topic, message).toCompletableFuture());
          pause(Duration.ofMillis(15));
        }
      });
      Eventually.await(WAIT, () -> assertThat(consumed).hasSizeGreaterThan(50));
      kafka.kill();
      pause(Duration.ofSeconds(1));
      kafka.restart();
      publisher.get(WAIT.toSeconds(), TimeUnit.SECONDS);

      List<String> acknowledged = new ArrayList<>();
      for (int i = 0; i < ids.size(); i++) {
        try {
          acks.get(i).get(WAIT.toSeconds(), TimeUnit.SECONDS);
          acknowledged.add(ids.get(i));
        } catch (ExecutionException notAcknowledged) {
          // Allowed: a publish may fail while the broker is down; only acknowledged ones count.
        }
      }
      assertThat(acknowledged).hasSizeGreaterThan(250);
      Eventually.await(WAIT, () -> assertThat(consumed).containsAll(acknowledged));
      Stages.join(subscription.closeAsync(), WAIT);
    }
  }

  @Test
  void publishWithTheBrokerDownFailsWithinTheDeliveryTimeout() throws Exception {
    String topic = "down-" + UUID.randomUUID();
    try (Admin admin = TestKafka.connectionTo(kafka).createAdmin("test")) {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all()
          .get(30, TimeUnit.SECONDS);
    }
    KafkaMessagingSettings settings = TestKafka.settings().createTopics(false)
        .deliveryTimeout(Duration.ofSeconds(4)).requestTimeout(Duration.ofSeconds(2))
        .maxBlock(Duration.ofSeconds(3)).build();
    try (KafkaMessaging messaging = TestKafka.on(kafka, settings)) {
      Stages.join(messaging.publish(topic, Message.of("before".getBytes(UTF_8))), WAIT);
      kafka.kill();

      // The record waits for the broker until the delivery timeout (OperationTimeoutException),
      // or, if the producer dropped the topic's metadata with the connection, until max-block.
      Duration bound = settings.deliveryTimeout().plus(Duration.ofSeconds(5));
      assertThat(Stages.failureOf(
              messaging.publish(topic, Message.of("while down".getBytes(UTF_8))), bound))
          .isInstanceOf(BackendUnavailableException.class)
          .hasMessageContaining(topic);

      // A topic never seen: no metadata within max-block, nothing sent.
      assertThat(Stages.failureOf(
              messaging.publish("never-" + UUID.randomUUID(), Message.of(new byte[1])), bound))
          .isInstanceOf(BackendUnavailableException.class)
          .isNotInstanceOf(OperationTimeoutException.class)
          .hasMessageContaining("nothing was sent");

      kafka.restart();
      Stages.join(messaging.publish(topic, Message.of("after".getBytes(UTF_8))), WAIT);
    }
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void pingAnswersWhileTheBrokerRunsFailsTypedWhileItIsDownAndAnswersAgainAfter() {
    KafkaMessagingSettings settings =
        TestKafka.settings().requestTimeout(Duration.ofSeconds(3)).build();
    try (KafkaMessaging messaging = TestKafka.on(kafka, settings)) {
      Stages.join(messaging.ping(), WAIT);

      kafka.stop();
      long start = System.nanoTime();
      Throwable down = Stages.failureOf(messaging.ping(), WAIT);
      assertThat(down).isInstanceOfAny(
          BackendUnavailableException.class, OperationTimeoutException.class);
      // Bounded by the request timeout (3 s here), not hung.
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));

      kafka.restart();
      Eventually.await(WAIT, () -> Stages.join(messaging.ping(), Duration.ofSeconds(10)));
    }
  }
}
