package dev.switchback.benchmarks;

import dev.switchback.kafka.KafkaConnection;
import dev.switchback.kafka.KafkaMessaging;
import dev.switchback.kafka.KafkaMessagingSettings;

/**
 * The two sides of a Kafka-to-Kafka messaging migration: a {@link KafkaMessaging} on the first
 * cluster ({@link BenchmarkServers#KAFKA}, old) and one on the second ({@link
 * BenchmarkServers#SECOND_KAFKA}, new), with the same settings. {@code Switchback.fromConfig}
 * cannot make this pair: both sides of a migration read the same {@code
 * switchback.messaging.<backend>.*} keys, so two backends of one kind reach one cluster.
 */
final class TwoKafkaClusters implements AutoCloseable {
  private final String oldServers = BenchmarkServers.KAFKA.hostAndPort();
  private final String newServers = BenchmarkServers.SECOND_KAFKA.hostAndPort();
  private final KafkaMessaging oldMessaging;
  private final KafkaMessaging newMessaging;

  /** Opens both backends with {@code settings}. */
  TwoKafkaClusters(KafkaMessagingSettings settings) {
    oldMessaging =
        KafkaMessaging.builder(KafkaConnection.to(oldServers)).settings(settings).build();
    try {
      newMessaging =
          KafkaMessaging.builder(KafkaConnection.to(newServers)).settings(settings).build();
    } catch (RuntimeException e) {
      oldMessaging.close();
      throw e;
    }
  }

  /** Makes {@code topic} with {@code partitions} on both clusters. */
  void createTopic(String topic, int partitions) {
    BenchmarkTopics.create(oldServers, topic, partitions);
    BenchmarkTopics.create(newServers, topic, partitions);
  }

  /** The first cluster's {@code host:port}. */
  String oldServers() {
    return oldServers;
  }

  /** The second cluster's {@code host:port}. */
  String newServers() {
    return newServers;
  }

  /** The backend on the first cluster: old. */
  KafkaMessaging oldMessaging() {
    return oldMessaging;
  }

  /** The backend on the second cluster: new. */
  KafkaMessaging newMessaging() {
    return newMessaging;
  }

  /** Closes both backends. */
  @Override
  public void close() {
    try {
      oldMessaging.close();
    } finally {
      newMessaging.close();
    }
  }
}
