package dev.switchback.testkit.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class LocalKafkaTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void sharedIsOneBrokerPerJvmThatStoresAndServesRecords() throws Exception {
    LocalKafka kafka = LocalKafka.shared();
    assertThat(LocalKafka.shared()).isSameAs(kafka);
    assertThat(kafka.isRunning()).isTrue();
    assertThat(kafka.host()).isEqualTo("127.0.0.1");
    assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:" + kafka.port());
    assertThat(kafka.uri().toString()).isEqualTo("kafka://127.0.0.1:" + kafka.port());
    assertThat(kafka.securityProtocol()).isEqualTo("PLAINTEXT");

    String topic = newTopic(kafka);
    produce(kafka, topic, "hello");
    assertThat(consumeAll(kafka, topic, 1)).containsExactly("hello");
  }

  @Test
  void theSharedClustersCannotBeStoppedByOneTest() {
    LocalKafka kafka = LocalKafka.shared();
    assertThatThrownBy(kafka::restart).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("LocalKafka.start()");
    assertThatThrownBy(kafka::kill).isInstanceOf(IllegalStateException.class);
    kafka.close(); // a no-op for a shared one
    assertThat(kafka.isRunning()).isTrue();
  }

  @Test
  void theSecondClusterIsIndependentOfTheFirst() throws Exception {
    LocalKafka first = LocalKafka.shared();
    LocalKafka second = LocalKafka.second();
    assertThat(second).isNotSameAs(first).isSameAs(LocalKafka.second());
    assertThat(second.port()).isNotEqualTo(first.port());
    assertThat(second.clusterId()).isNotEqualTo(first.clusterId());

    String topic = newTopic(first);
    try (Admin admin = Admin.create(second.clientProperties())) {
      assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).doesNotContain(topic);
      assertThat(admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS))
          .isEqualTo(second.clusterId());
    }
  }

  @Test
  void aDedicatedClusterKeepsItsPortAndDataAcrossRestartAndKill() throws Exception {
    try (LocalKafka kafka = LocalKafka.start()) {
      int port = kafka.port();
      String topic = newTopic(kafka);
      produce(kafka, topic, "before restart");

      kafka.restart();
      assertThat(kafka.port()).isEqualTo(port);
      assertThat(kafka.isRunning()).isTrue();
      produce(kafka, topic, "after restart");

      kafka.kill();
      assertThat(kafka.isRunning()).isFalse();
      kafka.restart();
      assertThat(consumeAll(kafka, topic, 2)).containsExactly("before restart", "after restart");
    }
  }

  @Test
  void brokerSettingsGivenAtStartWin() throws Exception {
    try (LocalKafka kafka = LocalKafka.start(Map.of("auto.create.topics.enable", "true"))) {
      String topic = "auto-" + UUID.randomUUID();
      produce(kafka, topic, "created by the broker");
      assertThat(consumeAll(kafka, topic, 1)).containsExactly("created by the broker");
    }
  }

  @Test
  void saslSslClusterServesAuthenticatedClientsOnly() throws Exception {
    LocalKafka kafka = LocalKafka.sharedSaslSsl();
    assertThat(kafka.isSaslSsl()).isTrue();
    assertThat(kafka.securityProtocol()).isEqualTo("SASL_SSL");
    assertThat(kafka.username()).isEqualTo(LocalKafka.USERNAME);
    assertThat(kafka.certificateAuthority()).exists();

    String topic = newTopic(kafka);
    produce(kafka, topic, "secret");
    assertThat(consumeAll(kafka, topic, 1)).containsExactly("secret");

    Map<String, Object> wrongPassword = kafka.clientProperties();
    wrongPassword.put("sasl.jaas.config",
        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
            + LocalKafka.USERNAME + "\" password=\"wrong\";");
    try (Admin admin = Admin.create(wrongPassword)) {
      assertThatThrownBy(() -> admin.listTopics().names().get(30, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(SaslAuthenticationException.class);
    }
  }

  @Test
  void aPlaintextClusterHasNoCredentials() {
    LocalKafka kafka = LocalKafka.shared();
    assertThatThrownBy(kafka::password).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("startSaslSsl()");
    assertThat(kafka.clientProperties()).containsOnlyKeys("bootstrap.servers");
  }

  private static String newTopic(LocalKafka kafka) throws Exception {
    String topic = "testkit-" + UUID.randomUUID();
    try (Admin admin = Admin.create(kafka.clientProperties())) {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all()
          .get(30, TimeUnit.SECONDS);
    }
    return topic;
  }

  private static void produce(LocalKafka kafka, String topic, String value) throws Exception {
    Map<String, Object> settings = kafka.clientProperties();
    settings.put(ProducerConfig.ACKS_CONFIG, "all");
    settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
    settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(settings, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, value)).get(30, TimeUnit.SECONDS);
    }
  }

  private static List<String> consumeAll(LocalKafka kafka, String topic, int count) {
    Map<String, Object> settings = new HashMap<>(kafka.clientProperties());
    settings.put(ConsumerConfig.GROUP_ID_CONFIG, "testkit-" + UUID.randomUUID());
    settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(settings, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(Set.of(topic));
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (values.size() < count && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          values.add(record.value());
        }
      }
    }
    return values;
  }
}
