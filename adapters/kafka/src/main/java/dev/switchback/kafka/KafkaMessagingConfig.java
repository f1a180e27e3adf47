package dev.switchback.kafka;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;

/**
 * Settings of the {@code kafka} messaging backend, under {@code switchback.messaging.kafka}: how
 * to reach the cluster ({@code bootstrap-servers}, {@code client.*}) and the settings of {@link
 * KafkaMessagingOptions}.
 */
@ConfigMapping(prefix = "switchback.messaging.kafka")
public interface KafkaMessagingConfig extends KafkaMessagingOptions {

  /**
   * {@code bootstrap-servers}: {@code host:port[,host:port...]}; default {@code localhost:9092}.
   */
  @WithDefault("localhost:9092")
  String bootstrapServers();

  /**
   * {@code client.*}: Kafka properties given to every client of the cluster (producer, consumers,
   * admin), for TLS and SASL: {@code client.security.protocol=SASL_SSL}, {@code
   * client.sasl.mechanism=SCRAM-SHA-512} and so on. Settings that would weaken delivery are
   * refused here as under {@code producer.*} and {@code consumer.*}.
   */
  Map<String, String> client();
}
