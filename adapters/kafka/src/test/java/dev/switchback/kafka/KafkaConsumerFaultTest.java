package dev.switchback.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchback.messaging.Message;
import dev.switchback.messaging.Subscription;
import dev.switchback.testkit.Eventually;
import dev.switchback.testkit.Stages;
import dev.switchback.testkit.servers.LocalKafka;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Consumers that die, rebalance or stall, on the shared broker: what the handlers acknowledged
 * stays acknowledged and nothing is lost.
 */
final class KafkaConsumerFaultTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @Test
  void aConsumerKilledAfterProcessingAndBeforeCommittingLeavesTheMessageToTheGroup()
      throws Exception {
    String topic = "killed-" + UUID.randomUUID();
    String group = "group-" + UUID.randomUUID();
    try (KafkaMessaging messaging = TestKafka.on(LocalKafka.shared(),
        TestKafka.settings().consumerProperties(ConsumerProcessMain.fastFailover()).build())) {
      Message sent = Message.of(bytes("charge the card"));
      Stages.join(messaging.publish(topic, sent), WAIT);

      // The effect happens in another process, which is then killed (SIGKILL) before it commits.
      Set<String> effects = ConcurrentHashMap.newKeySet();
      Process child = new ProcessBuilder(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-cp", System.getProperty("java.class.path"), "-Xmx256m",
              ConsumerProcessMain.class.getName(),
              LocalKafka.shared().bootstrapServers(), topic, group)
          .redirectErrorStream(true)
          .start();
      try (BufferedReader lines =
          new BufferedReader(new InputStreamReader(child.getInputStream(), UTF_8))) {
        CompletableFuture<String> handled = CompletableFuture.supplyAsync(() -> {
          try {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
              if (line.startsWith(ConsumerProcessMain.HANDLED)) {
                return line.substring(ConsumerProcessMain.HANDLED.length());
              }
            }
            return "the child exited";
          } catch (java.io.IOException e) {
            return e.toString();
          }
        });
        effects.add(handled.get(WAIT.toSeconds(), TimeUnit.SECONDS));
      } finally {
        child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
      assertThat(effects).containsExactly(sent.id());

      // The group gives the message to the next member; its de-duplicating handler has no
      // second effect.
      List<String> redelivered = new CopyOnWriteArrayList<>();
      AtomicInteger secondEffects = new AtomicInteger();
      Subscription next = messaging.subscribe(topic, group, message -> {
        redelivered.add(message.id());
        if (effects.add(message.id())) {
          secondEffects.incrementAndGet();
        }
        return CompletableFuture.completedFuture(null);
      });
      Eventually.await(WAIT, () -> assertThat(redelivered).contains(sent.id()));
      assertThat(secondEffects.get()).isZero();
      assertThat(effects).containsExactly(sent.id());
      Stages.join(next.closeAsync(), WAIT);
    }
  }

  @Test
  void aMemberJoiningWhileABatchIsInFlightLosesNothing() {
    String topic = "rebalance-" + UUID.randomUUID();
    String group = "group-" + UUID.randomUUID();
    try (KafkaMessaging messaging = TestKafka.onSharedBroker()) {
      Set<String> handled = ConcurrentHashMap.newKeySet();
      Subscription first = messaging.subscribe(topic, group, slowly(handled));
      List<String> ids = publish(messaging, topic, 150);

      Eventually.await(WAIT, () -> assertThat(handled).hasSizeGreaterThan(15));
      assertThat(handled).hasSizeLessThan(ids.size()); // the second joins mid-batch
      Subscription second = messaging.subscribe(topic, group, slowly(handled));

      Eventually.await(WAIT, () -> assertThat(handled).containsAll(ids));
      Stages.join(first.closeAsync(), WAIT);
      Stages.join(second.closeAsync(), WAIT);
    }
  }

  @Test
  void aHandlerSlowerThanTheMaximumPollIntervalLosesNothingAndIsNotRepeated() {
    String topic = "slow-" + UUID.randomUUID();
    KafkaMessagingSettings settings = TestKafka.settings()
        .consumerProperties(Map.of("max.poll.interval.ms", "1500"))
        .build();
    try (KafkaMessaging messaging = TestKafka.on(LocalKafka.shared(), settings)) {
      List<String> handled = new CopyOnWriteArrayList<>();
      Subscription subscription = messaging.subscribe(topic, "group-" + UUID.randomUUID(),
          message -> {
            if (handled.isEmpty()) {
              sleep(Duration.ofSeconds(4)); // blocks past max.poll.interval.ms
            }
            handled.add(message.id());
            return CompletableFuture.completedFuture(null);
          });
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        Message message = Message.of("one-key", bytes("slow " + i));
        ids.add(message.id());
        Stages.join(messaging.publish(topic, message), WAIT);
      }
      Eventually.await(WAIT, () -> assertThat(handled).containsAll(ids));
      // Had the member been dropped from its group, its first message would have come again.
      sleep(Duration.ofSeconds(3));
      assertThat(handled).containsExactlyElementsOf(ids);
      Stages.join(subscription.closeAsync(), WAIT);
    }
  }

  private static dev.switchback.messaging.MessageHandler slowly(Set<String> handled) {
    return message -> CompletableFuture.runAsync(() -> handled.add(message.id()),
        CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS));
  }

  private static List<String> publish(KafkaMessaging messaging, String topic, int count) {
    List<CompletableFuture<Void>> acks = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Message message = Message.of("key-" + (i % 10), bytes("m" + i));
      ids.add(message.id());
      acks.add(messaging.publish(topic, message).toCompletableFuture());
    }
    acks.forEach(ack -> Stages.join(ack, WAIT));
    return ids;
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }
}
