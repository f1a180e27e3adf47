package dev.switchback.pairs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchback.Capability;
import dev.switchback.MigrationBackends;
import dev.switchback.Switchback;
import dev.switchback.messaging.Message;
import dev.switchback.messaging.Messaging;
import dev.switchback.messaging.Subscription;
import dev.switchback.migration.Migration;
import dev.switchback.migration.Side;
import dev.switchback.testkit.Eventually;
import dev.switchback.testkit.Stages;
import dev.switchback.testkit.servers.LocalKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The migration engine's fault rules for messaging on real brokers (Kafka → MSK over SASL_SSL):
 * a publish the non-authoritative cluster misses is journaled and republished once that cluster is
 * back; a publish the authoritative cluster refuses fails the call and reaches neither cluster.
 * Each test stops one of two dedicated brokers, so the shared ones other tests use are untouched.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaToMskMessagingFaultTest {
  private static final Duration DEADLINE = Duration.ofSeconds(90);
  private static final String KEY = "one-partition";

  private final LocalKafka kafka = LocalKafka.start();
  private final LocalKafka msk = LocalKafka.startSaslSsl();

  @AfterAll
  void stopBrokers() {
    kafka.close();
    msk.close();
  }

  @Test
  void publishesNewMissedWhileDownAreJournaledAndRepublishedWhenItReturns() {
    String topic = "mirror-" + UUID.randomUUID();
    List<String> sent = new ArrayList<>();
    try (Switchback switchback = Switchback.fromConfig(config("dualwrite"))) {
      Migration migration = switchback.migration(Capability.MESSAGING).orElseThrow();
      // Both clusters know the topic before new goes away (the copy of this first message may
      // still be on its way when new stops: then it is journaled too).
      publish(switchback, topic, "before", sent);

      msk.stop();
      try {
        for (int i = 0; i < 5; i++) {
          publish(switchback, topic, "while new is down " + i, sent);
        }
        // The caller has its answer from old; the copy to new is journaled once it times out.
        Eventually.await(DEADLINE, () -> assertThat(migration.status().divergenceBacklog())
            .as("publishes new missed wait in the journal")
            .isGreaterThanOrEqualTo(5));
      } finally {
        msk.restart();
      }

      Eventually.await(DEADLINE,
          () -> assertThat(migration.status().divergenceBacklog()).isZero());
    }
    assertThat(idsOn(Side.NEW, topic, sent.size())).containsAll(sent);
  }

  @Test
  void publishOldRefusesFailsTheCallAndReachesNeitherCluster() {
    String topic = "authority-" + UUID.randomUUID();
    List<String> acknowledged = new ArrayList<>();
    Message refused;
    try (Switchback switchback = Switchback.fromConfig(config("dualwrite"))) {
      publish(switchback, topic, "before", acknowledged);

      kafka.stop();
      refused = new Message(UUID.randomUUID().toString(), KEY, bytes("refused"), Map.of());
      try {
        assertThat(Stages.failureOf(switchback.messaging().publish(topic, refused), DEADLINE))
            .as("a publish old cannot store fails the caller")
            .isNotNull();
      } finally {
        kafka.restart();
      }
      publish(switchback, topic, "after", acknowledged);
    }
    // One key keeps every message in one partition, so the message acknowledged after the refused
    // one is read after it: once every acknowledged id is in, the refused one would be too.
    assertThat(idsOn(Side.OLD, topic, acknowledged.size()))
        .containsAll(acknowledged)
        .doesNotContain(refused.id());
    assertThat(idsOn(Side.NEW, topic, acknowledged.size()))
        .containsAll(acknowledged)
        .doesNotContain(refused.id());
  }

  private Map<String, String> config(String stage) {
    Map<String, String> config = KafkaPairs.kafkaToMsk(kafka, msk);
    config.put("switchback.messaging.migration.stage", stage);
    config.put("switchback.messaging.migration.guard.enabled", "false");
    config.put("switchback.messaging.migration.mirror-timeout", "2s");
    config.put("switchback.messaging.migration.reconcile-interval", "200ms");
    // A refused publish to a stopped broker fails within this bound instead of 30 s.
    config.put("switchback.messaging.kafka.request-timeout", "2s");
    config.put("switchback.messaging.kafka.delivery-timeout", "6s");
    config.put("switchback.messaging.kafka.max-block", "3s");
    config.put("switchback.messaging.msk.request-timeout", "2s");
    config.put("switchback.messaging.msk.delivery-timeout", "6s");
    config.put("switchback.messaging.msk.max-block", "3s");
    return config;
  }

  private static void publish(Switchback switchback, String topic, String text, List<String> ids) {
    Message message = new Message(UUID.randomUUID().toString(), KEY, bytes(text), Map.of());
    Stages.join(switchback.messaging().publish(topic, message), DEADLINE);
    ids.add(message.id());
  }

  /** Every id a fresh group reads from one cluster's topic, once at least {@code expected} came. */
  private Set<String> idsOn(Side side, String topic, int expected) {
    Set<String> ids = ConcurrentHashMap.newKeySet();
    try (MigrationBackends backends =
        MigrationBackends.fromConfig(Capability.MESSAGING, config("dualwrite"))) {
      Messaging messaging = backends.backend(side, Messaging.class);
      Subscription subscription = messaging.subscribe(topic, "check-" + UUID.randomUUID(),
          m -> {
            ids.add(m.id());
            return CompletableFuture.completedFuture(null);
          });
      Eventually.await(DEADLINE, () -> assertThat(ids).hasSizeGreaterThanOrEqualTo(expected));
      Stages.join(subscription.closeAsync(), DEADLINE);
    }
    return Set.copyOf(ids);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
