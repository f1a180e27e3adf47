package dev.switchback.kafka;

import dev.switchback.testkit.servers.LocalKafka;
import java.time.Duration;

/** Kafka messaging instances for tests, on the testkit's brokers. */
final class TestKafka {
  private TestKafka() {}

  /** A connection to {@code kafka}, with its security settings if it has any. */
  static KafkaConnection connectionTo(LocalKafka kafka) {
    var properties = kafka.clientProperties();
    properties.remove("bootstrap.servers");
    return KafkaConnection.to(kafka.bootstrapServers()).withClientProperties(properties);
  }

  /**
   * Settings for tests: topics created with 3 partitions, short pauses between attempts, a short
   * drain so a test that leaves a handler hanging does not hold up the class.
   */
  static KafkaMessagingSettings.Builder settings() {
    return KafkaMessagingSettings.builder()
        .createTopics(true)
        .topicPartitions(3)
        .retry(10, Duration.ofMillis(50), Duration.ofMillis(500))
        .drainTimeout(Duration.ofSeconds(20));
  }

  /** An instance on the shared broker with the test settings. */
  static KafkaMessaging onSharedBroker() {
    return on(LocalKafka.shared(), settings().build());
  }

  /** An instance on {@code kafka} with {@code settings}. */
  static KafkaMessaging on(LocalKafka kafka, KafkaMessagingSettings settings) {
    return KafkaMessaging.builder(connectionTo(kafka)).settings(settings).build();
  }
}
