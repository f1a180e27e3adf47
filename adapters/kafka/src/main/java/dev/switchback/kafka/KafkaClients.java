package dev.switchback.kafka;

import dev.switchback.ConfigurationException;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Makes the producer and consumers of a {@link KafkaMessaging}: the connection's properties,
 * then Switchback's defaults, then the user's pass-through properties (already checked), then
 * the settings no-loss delivery depends on, which nothing overrides.
 */
final class KafkaClients {
  private KafkaClients() {}

  /** The instance's idempotent, {@code acks=all} producer. */
  static KafkaProducer<byte[], byte[]> producer(
      KafkaConnection connection, KafkaMessagingSettings settings) {
    Map<String, Object> properties = connection.clientProperties();
    properties.put(ProducerConfig.CLIENT_ID_CONFIG, "switchback-producer");
    properties.putAll(settings.producerProperties());
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, millis(settings.deliveryTimeout()));
    properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, millis(settings.requestTimeout()));
    properties.put(ProducerConfig.LINGER_MS_CONFIG, millis(settings.linger()));
    properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, millis(settings.maxBlock()));
    properties.put(
        ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(settings.maxRequestSize()));
    try {
      return new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
    } catch (KafkaException e) {
      throw refused(e);
    }
  }

  /**
   * Checks the consumer settings without connecting, so that a bad one fails when the instance is
   * built rather than at its first subscription.
   *
   * @throws ConfigurationException if the Kafka client refuses one
   */
  static void checkConsumer(KafkaConnection connection, KafkaMessagingSettings settings) {
    Map<String, Object> properties = consumerProperties(connection, settings, "check");
    properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    try {
      new ConsumerConfig(properties);
    } catch (KafkaException e) {
      throw refused(e);
    }
  }

  /** A consumer of {@code group} with auto-commit off, starting new groups at the earliest. */
  static KafkaConsumer<byte[], byte[]> consumer(
      KafkaConnection connection, KafkaMessagingSettings settings, String group) {
    Map<String, Object> properties = consumerProperties(connection, settings, group);
    try {
      return new KafkaConsumer<>(
          properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    } catch (KafkaException e) {
      throw refused(e);
    }
  }

  private static Map<String, Object> consumerProperties(
      KafkaConnection connection, KafkaMessagingSettings settings, String group) {
    Map<String, Object> properties = connection.clientProperties();
    properties.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
        CooperativeStickyAssignor.class.getName());
    properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
        Integer.toString(Math.min(500, settings.maxInFlight())));
    properties.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, millis(settings.requestTimeout()));
    properties.putAll(settings.consumerProperties());
    properties.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return properties;
  }

  // As text: Kafka takes some of these as int and some as long, and parses text for both.
  private static String millis(Duration duration) {
    return Long.toString(duration.toMillis());
  }

  // The constructors wrap a refused setting in a KafkaException; anything else goes on as it is.
  private static RuntimeException refused(KafkaException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof ConfigException refused) {
        return new ConfigurationException(
            "the Kafka client refused a setting (producer.*, consumer.* or client.*): "
                + refused.getMessage(), e);
      }
    }
    return e;
  }
}
