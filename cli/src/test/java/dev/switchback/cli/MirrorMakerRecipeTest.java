package dev.switchback.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchback.kafka.KafkaConnection;
import dev.switchback.kafka.KafkaMessaging;
import dev.switchback.kafka.KafkaMessagingSettings;
import dev.switchback.messaging.Message;
import dev.switchback.messaging.Subscription;
import dev.switchback.testkit.Eventually;
import dev.switchback.testkit.Stages;
import dev.switchback.testkit.servers.LocalKafka;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.connect.mirror.MirrorMaker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MirrorMaker 2 recipe ({@code docs/connect-mirror-maker.properties}) run for real, from the
 * shared Kafka (the old cluster) to another one playing MSK: topics keep their names, messages
 * published by Switchback arrive with their id, key, payload and headers, dead-letter topics stay
 * behind, and a consumer group's position is carried over. Once to a plaintext second cluster,
 * once to the SASL_SSL one with the recipe's SCRAM lines and its file config provider.
 */
class MirrorMakerRecipeTest {
  private static final Path RECIPE = Path.of("docs", "connect-mirror-maker.properties");
  private static final Duration WAIT = Duration.ofSeconds(90);
  // Connect logs every setting of every client at INFO; held so the level sticks.
  private static final Logger KAFKA_LOG = Logger.getLogger("org.apache.kafka");

  @TempDir Path dir;

  @Test
  void switchbackMessagesArriveWithTheirIdAndHeadersAndGroupsKeepTheirPosition() throws Exception {
    LocalKafka msk = LocalKafka.second();
    Map<String, String> settings = recipe(LocalKafka.shared(), msk);
    settings.keySet().removeIf(key -> key.startsWith("msk.security.")
        || key.startsWith("msk.sasl."));
    replicate(msk, settings);
  }

  @Test
  void theRecipesScramSettingsLogInToATlsAndScramTarget() throws Exception {
    LocalKafka msk = LocalKafka.sharedSaslSsl();
    Map<String, String> settings = recipe(LocalKafka.shared(), msk);
    // The secret's file, where the recipe's file config provider reads it.
    Path credentials = dir.resolve("msk-scram.properties");
    Files.writeString(credentials,
        "username=" + msk.username() + "\npassword=" + msk.password() + "\n");
    settings.put("msk.sasl.jaas.config", settings.get("msk.sasl.jaas.config")
        .replace("/etc/mirrormaker/msk-scram.properties", credentials.toString()));
    assertThat(settings.get("msk.sasl.jaas.config")).doesNotContain(msk.password());
    // MSK's certificates chain to authorities the JVM trusts; the test broker's to its own.
    settings.put("msk.ssl.truststore.type", "PEM");
    settings.put("msk.ssl.truststore.location", msk.certificateAuthority().toString());
    replicate(msk, settings);
  }

  private void replicate(LocalKafka msk, Map<String, String> recipe) throws Exception {
    KAFKA_LOG.setLevel(Level.WARNING);
    LocalKafka old = LocalKafka.shared();
    String prefix = "recipe-" + UUID.randomUUID() + "-";
    String topic = prefix + "orders";
    String group = prefix + "billing";

    List<Message> sent = List.of(
        message("k1", "first", Map.of("tenant", "acme")),
        message("k2", "second", Map.of("tenant", "acme", "switchback-note", "kept")),
        message("k3", "third", Map.of()),
        message(null, "fourth", Map.of("tenant", "globex")));
    try (KafkaMessaging onOld = messaging(old)) {
      for (Message message : sent) {
        Stages.join(onOld.publish(topic, message), WAIT);
      }
      Stages.join(onOld.publish(onOld.deadLetterTopic(topic), message("k9", "dead", Map.of())),
          WAIT);
      // The service's group has handled everything on the old cluster.
      List<String> handled = new CopyOnWriteArrayList<>();
      try (Subscription subscription = onOld.subscribe(topic, group, m -> {
        handled.add(m.id());
        return CompletableFuture.completedFuture(null);
      })) {
        Eventually.await(WAIT, () -> assertThat(handled).hasSize(sent.size()));
        Eventually.await(WAIT, () -> assertThat(Stages.join(onOld.lag(topic, group), WAIT)
            .values()).containsOnly(0L));
      }
    }

    Map<String, String> settings = new HashMap<>(recipe);
    settings.put("old->msk.topics", prefix + ".*");
    settings.put("old->msk.groups", prefix + ".*");
    // Only the flows into msk, as connect-mirror-maker.sh --clusters msk runs them.
    MirrorMaker mirrorMaker = new MirrorMaker(settings, List.of("msk"));
    mirrorMaker.start();
    try (KafkaMessaging onMsk = messaging(msk)) {
      List<Message> received = new CopyOnWriteArrayList<>();
      try (Subscription subscription = onMsk.subscribe(topic, prefix + "verify", m -> {
        received.add(m);
        return CompletableFuture.completedFuture(null);
      })) {
        Eventually.await(WAIT, () -> assertThat(received).hasSize(sent.size()));
      }
      assertThat(received).usingRecursiveFieldByFieldElementComparatorIgnoringFields("payload")
          .containsExactlyInAnyOrderElementsOf(sent);
      for (Message message : received) {
        Message original = sent.stream().filter(s -> s.id().equals(message.id())).findFirst()
            .orElseThrow();
        assertThat(message.payload()).isEqualTo(original.payload());
      }

      // The group never consumed on the target, yet its position there is where it was.
      Eventually.await(WAIT, () -> assertThat(Stages.join(onMsk.lag(topic, group), WAIT))
          .containsOnlyKeys(0, 1, 2).allSatisfy((partition, lag) -> assertThat(lag).isZero()));
      assertThat(Stages.join(onMsk.lag(topic, prefix + "never"), WAIT).values().stream()
          .mapToLong(Long::longValue).sum()).as("a group unknown to the old cluster")
          .isEqualTo(sent.size());

      try (Admin admin = Admin.create(msk.clientProperties())) {
        assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS))
            .contains(topic).doesNotContain(topic + ".dlq");
      }
    } finally {
      mirrorMaker.stop();
    }
  }

  /**
   * The recipe with the test's clusters, one replica for MirrorMaker's topics, short intervals,
   * and an offset sync per record so a group's position is translated exactly.
   */
  private static Map<String, String> recipe(LocalKafka old, LocalKafka msk) throws IOException {
    Properties recipe = new Properties();
    try (Reader in = Files.newBufferedReader(RECIPE, UTF_8)) {
      recipe.load(in);
    }
    Map<String, String> settings = new HashMap<>();
    recipe.stringPropertyNames().forEach(key -> settings.put(key, recipe.getProperty(key)));
    assertThat(settings).as("the recipe's essentials")
        .containsEntry("replication.policy.class",
            "org.apache.kafka.connect.mirror.IdentityReplicationPolicy")
        .containsEntry("emit.checkpoints.enabled", "true")
        .containsEntry("sync.group.offsets.enabled", "true")
        .containsEntry("msk->old.enabled", "false");
    assertThat(settings.get("old->msk.topics.exclude")).contains(".*\\.dlq");

    settings.put("old.bootstrap.servers", old.bootstrapServers());
    settings.put("msk.bootstrap.servers", msk.bootstrapServers());
    settings.replaceAll((key, value) -> key.endsWith("replication.factor") ? "1" : value);
    for (String interval : List.of("refresh.topics.interval.seconds",
        "refresh.groups.interval.seconds", "emit.checkpoints.interval.seconds",
        "sync.group.offsets.interval.seconds")) {
      settings.put(interval, "1");
    }
    settings.put("offset.lag.max", "0");
    settings.put("tasks.max", "1");
    return settings;
  }

  private static KafkaMessaging messaging(LocalKafka kafka) {
    Map<String, Object> security = kafka.clientProperties();
    security.remove("bootstrap.servers");
    return KafkaMessaging.builder(
            KafkaConnection.to(kafka.bootstrapServers()).withClientProperties(security))
        .settings(KafkaMessagingSettings.builder().createTopics(true).topicPartitions(3).build())
        .build();
  }

  private static Message message(String key, String payload, Map<String, String> headers) {
    return new Message(UUID.randomUUID().toString(), key, payload.getBytes(UTF_8), headers);
  }
}
