package dev.switchback.benchmarks;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The Kafka topics the benchmarks use, made with an admin client before a run so that the
 * Switchback path and the raw path start from the same kind of topic, and no path pays for
 * creating one. Also keeps the Kafka clients' informational logging out of the results.
 */
final class BenchmarkTopics {
  private static final long TIMEOUT_SECONDS = 60;
  /** Held so that the level set on it stays: java.util.logging keeps loggers weakly. */
  private static final Logger KAFKA_LOGS = Logger.getLogger("org.apache.kafka");

  private BenchmarkTopics() {}

  /** Kafka's clients log every setting at INFO on creation; warnings and errors only, please. */
  static void quietKafkaLogs() {
    KAFKA_LOGS.setLevel(Level.WARNING);
  }

  /** A topic name starting with {@code prefix} that no other fork or run uses. */
  static String unique(String prefix) {
    return prefix + "." + UUID.randomUUID().toString().substring(0, 8);
  }

  /**
   * Creates {@code topic} with {@code partitions} (an existing one is kept) on the cluster at
   * {@code bootstrapServers}, and waits until every partition's leader answers.
   */
  static void create(String bootstrapServers, String topic, int partitions) {
    try (Admin admin = admin(bootstrapServers)) {
      try {
        admin.createTopics(List.of(new NewTopic(topic, Optional.of(partitions), Optional.empty())))
            .all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw new IllegalStateException("cannot create topic " + topic, e.getCause());
        }
      }
      // Only a ready leader answers; publishing before that can stall an idempotent producer.
      endOffsets(admin, topic, partitions);
    } catch (InterruptedException | TimeoutException e) {
      throw new IllegalStateException("cannot create topic " + topic, e);
    }
  }

  /** The number of records in {@code topic}, which has {@code partitions}. */
  static long size(String bootstrapServers, String topic, int partitions) {
    try (Admin admin = admin(bootstrapServers)) {
      return endOffsets(admin, topic, partitions);
    } catch (InterruptedException | TimeoutException e) {
      throw new IllegalStateException("cannot read the offsets of " + topic, e);
    }
  }

  private static long endOffsets(Admin admin, String topic, int partitions)
      throws InterruptedException, TimeoutException {
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    for (int p = 0; p < partitions; p++) {
      latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
    }
    try {
      return admin.listOffsets(latest).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).values()
          .stream().mapToLong(info -> info.offset()).sum();
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot read the offsets of " + topic, e.getCause());
    }
  }

  private static Admin admin(String bootstrapServers) {
    quietKafkaLogs();
    return Admin.create(Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        AdminClientConfig.CLIENT_ID_CONFIG, "benchmark-topics"));
  }
}
