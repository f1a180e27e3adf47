package dev.switchback.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchback.AuthenticationFailedException;
import dev.switchback.ConfigurationException;
import dev.switchback.Switchback;
import dev.switchback.messaging.Message;
import dev.switchback.messaging.Messaging;
import dev.switchback.messaging.MessagingFeature;
import dev.switchback.messaging.spi.MessagingProvider;
import dev.switchback.testkit.Eventually;
import dev.switchback.testkit.RegisteredProviders;
import dev.switchback.testkit.Stages;
import dev.switchback.testkit.servers.LocalKafka;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code kafka} provider as users reach it: through {@link Switchback#fromConfig(Map)}. */
final class KafkaMessagingProviderTest {
  private static final String PREFIX = "switchback.messaging.kafka.";
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void serviceLoaderFindsTheProviderUnderTheNameKafka() {
    assertThat(RegisteredProviders.named(MessagingProvider.class, "kafka"))
        .isInstanceOf(KafkaMessagingProvider.class)
        .satisfies(p -> assertThat(p.configMapping()).contains(KafkaMessagingConfig.class));
  }

  @Test
  void configuredMessagingPublishesAndDeliversThroughTheConfiguredBroker() {
    Map<String, String> config = broker();
    config.put(PREFIX + "topics.create", "true");
    config.put(PREFIX + "topics.partitions", "2");
    config.put(PREFIX + "producer.compression.type", "lz4");
    config.put(PREFIX + "consumer.max.poll.interval.ms", "120000");

    try (Switchback switchback = Switchback.fromConfig(config)) {
      Messaging messaging = switchback.messaging();
      assertThat(messaging).isInstanceOf(KafkaMessaging.class);
      KafkaMessagingSettings settings = ((KafkaMessaging) messaging).settings();
      assertThat(settings.producerProperties()).containsEntry("compression.type", "lz4");
      assertThat(settings.consumerProperties()).containsEntry("max.poll.interval.ms", "120000");
      assertThat(settings.topicPartitions()).hasValue(2);
      assertThat(messaging.features())
          .containsExactlyInAnyOrder(MessagingFeature.ORDERED_PER_KEY,
              MessagingFeature.DEAD_LETTER, MessagingFeature.LAG);

      String topic = "provider-" + UUID.randomUUID();
      List<String> received = new CopyOnWriteArrayList<>();
      messaging.subscribe(topic, "group-" + UUID.randomUUID(), message -> {
        received.add(new String(message.payload(), UTF_8));
        return CompletableFuture.completedFuture(null);
      });
      Stages.join(messaging.publish(topic, Message.of("configured".getBytes(UTF_8))), WAIT);
      Eventually.await(WAIT, () -> assertThat(received).contains("configured"));
    }
  }

  @Test
  void deadLettersOffLeaveOrderPerKeyAndLag() {
    Map<String, String> config = broker();
    config.put(PREFIX + "dead-letter.enabled", "false");
    try (Switchback switchback = Switchback.fromConfig(config)) {
      assertThat(switchback.messaging().features())
          .containsExactlyInAnyOrder(MessagingFeature.ORDERED_PER_KEY, MessagingFeature.LAG);
    }
  }

  @ParameterizedTest
  @CsvSource({
    "producer.acks, 1, all, -1",
    "producer.acks, 0, all, -1",
    "producer.enable.idempotence, false, true, true",
    "producer.max.in.flight.requests.per.connection, 6, 1 to 5, 1 to 5",
    "producer.retries, 0, 1 or more, 1 or more",
    "producer.transactional.id, orders, not supported, not supported",
    "producer.delivery.timeout.ms, 1000, delivery-timeout, delivery-timeout",
    "producer.value.serializer, x, bytes, bytes",
    "producer.bootstrap.servers, elsewhere:9092, own setting, own setting",
    "consumer.enable.auto.commit, true, false, false",
    "consumer.auto.offset.reset, latest, earliest, earliest",
    "consumer.group.id, mine, subscribe, subscribe",
    "client.acks, 1, all, -1",
    "client.enable.auto.commit, true, false, false",
  })
  void settingThatWouldWeakenDeliveryIsRefusedAtStart(
      String setting, String value, String accepted, String alsoAccepted) {
    Map<String, String> config = broker();
    config.put(PREFIX + setting, value);

    assertThatThrownBy(() -> Switchback.fromConfig(config).close())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(PREFIX + setting)
        .hasMessageContaining(accepted)
        .hasMessageContaining(alsoAccepted);
  }

  @ParameterizedTest
  @CsvSource({
    "producer.acks, all",
    "producer.acks, -1",
    "producer.enable.idempotence, true",
    "producer.max.in.flight.requests.per.connection, 1",
    "producer.retries, 3",
    "consumer.auto.offset.reset, earliest",
    "consumer.enable.auto.commit, false",
  })
  void settingThatKeepsDeliveryIsAccepted(String setting, String value) {
    Map<String, String> config = broker();
    config.put(PREFIX + setting, value);
    try (Switchback switchback = Switchback.fromConfig(config)) {
      assertThat(switchback.messaging()).isInstanceOf(KafkaMessaging.class);
    }
  }

  @ParameterizedTest
  @CsvSource({
    "delivery-timeout, soon, delivery-timeout",
    "delivery-timeout, 0s, delivery-timeout",
    "delivery-timeout, 5s, delivery-timeout",
    "request-timeout, -1s, request-timeout",
    "linger, -5ms, linger",
    "max-block, 0ms, max-block",
    "max-request-size, 10, max-request-size",
    "max-request-size, big, max-request-size",
    "max-in-flight, 0, max-in-flight",
    "delivery-threads, 0, delivery-threads",
    "drain-timeout, 0s, drain-timeout",
    "retry.max-attempts, 0, retry.max-attempts",
    "retry.initial-backoff, 0ms, retry.initial-backoff",
    "retry.max-backoff, 1ms, retry.max-backoff",
    "dead-letter.enabled, maybe, dead-letter.enabled",
    "dead-letter.suffix, /dlq, dead-letter.suffix",
    "topics.create, perhaps, topics.create",
    "topics.partitions, 0, topics.partitions",
    "topics.replication-factor, none, topics.replication-factor",
    "bootstrap-servers, ' ', bootstrap-servers",
    "unknown-setting, 1, unknown-setting",
  })
  void badSettingFailsAtStartNamingTheKey(String setting, String value, String key) {
    Map<String, String> config = broker();
    config.put(PREFIX + setting, value);

    assertThatThrownBy(() -> Switchback.fromConfig(config).close())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(PREFIX + key);
  }

  @ParameterizedTest
  @CsvSource({
    "producer.compression.type, zip-it",
    "consumer.fetch.min.bytes, lots",
    "client.security.protocol, CARRIER_PIGEON",
  })
  void aPassThroughValueTheClientRefusesFailsAtStart(String setting, String value) {
    Map<String, String> config = broker();
    config.put(PREFIX + setting, value);

    assertThatThrownBy(() -> Switchback.fromConfig(config).close())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(setting.substring(setting.indexOf('.') + 1))
        .hasMessageContaining(value);
  }

  @Test
  void clientPropertiesReachTheClientsAndSecretsStayOutOfMessages() {
    LocalKafka kafka = LocalKafka.sharedSaslSsl();
    Map<String, String> config = new HashMap<>();
    config.put("switchback.messaging.backend", "kafka");
    config.put(PREFIX + "bootstrap-servers", kafka.bootstrapServers());
    config.put(PREFIX + "topics.create", "true");
    kafka.clientProperties().forEach((name, value) -> {
      if (!name.equals("bootstrap.servers")) {
        config.put(PREFIX + "client." + name, value.toString());
      }
    });

    try (Switchback switchback = Switchback.fromConfig(config)) {
      KafkaMessaging messaging = (KafkaMessaging) switchback.messaging();
      assertThat(messaging.connection().toString())
          .contains("sasl.jaas.config")
          .doesNotContain(kafka.password());
      String topic = "secure-" + UUID.randomUUID();
      Stages.join(messaging.publish(topic, Message.of("over SASL_SSL".getBytes(UTF_8))), WAIT);
    }
  }

  @Test
  void aRefusedLoginFailsThePublishAsAuthenticationFailedWithoutThePassword() {
    LocalKafka kafka = LocalKafka.sharedSaslSsl();
    String wrong = "not-" + kafka.password();
    Map<String, String> config = new HashMap<>();
    config.put("switchback.messaging.backend", "kafka");
    config.put(PREFIX + "bootstrap-servers", kafka.bootstrapServers());
    config.put(PREFIX + "max-block", "5s");
    kafka.clientProperties().forEach((name, value) -> {
      if (!name.equals("bootstrap.servers")) {
        config.put(PREFIX + "client." + name,
            value.toString().replace(kafka.password(), wrong));
      }
    });

    try (Switchback switchback = Switchback.fromConfig(config)) {
      Throwable failure = Stages.failureOf(switchback.messaging()
          .publish("refused-" + UUID.randomUUID(), Message.of("x".getBytes(UTF_8))), WAIT);
      assertThat(failure)
          .isInstanceOf(AuthenticationFailedException.class)
          .hasMessageContaining("refused the client's login");
      assertThat(failure.getMessage()).doesNotContain(wrong);
    }
  }

  /** The backend set to {@code kafka} on the shared broker; a new mutable map. */
  private static Map<String, String> broker() {
    Map<String, String> config = new HashMap<>();
    config.put("switchback.messaging.backend", "kafka");
    config.put(PREFIX + "bootstrap-servers", LocalKafka.shared().bootstrapServers());
    return config;
  }
}
