package dev.switchback.benchmarks;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.switchback.kafka.KafkaMessagingSettings;
import dev.switchback.kafka.internal.KafkaRecords;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jspecify.annotations.Nullable;

/**
 * Kafka clients without Switchback, given the settings Switchback's Kafka messaging gives its own
 * clients, so a raw path differs from the Switchback path only by what Switchback does around
 * the client. Every setting not named here is the client's default on both paths.
 */
final class RawKafkaClients {
  private RawKafkaClients() {}

  /**
   * A producer as {@code KafkaMessaging} makes it with {@code settings}: {@code acks=all},
   * idempotence on, no compression, the same delivery, request and blocking timeouts, linger and
   * request size limit, byte-array serializers.
   */
  static KafkaProducer<byte[], byte[]> producer(
      String bootstrapServers, KafkaMessagingSettings settings) {
    Map<String, Object> properties = new HashMap<>();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    properties.put(ProducerConfig.CLIENT_ID_CONFIG, "benchmark-raw-producer");
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
    properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
        Long.toString(settings.deliveryTimeout().toMillis()));
    properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
        Long.toString(settings.requestTimeout().toMillis()));
    properties.put(ProducerConfig.LINGER_MS_CONFIG, Long.toString(settings.linger().toMillis()));
    properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG,
        Long.toString(settings.maxBlock().toMillis()));
    properties.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
        Integer.toString(settings.maxRequestSize()));
    return new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /**
   * A consumer of {@code group} as a {@code KafkaMessaging} subscription makes it with {@code
   * settings}: cooperative sticky assignment, {@code max.poll.records} of at most {@code
   * max-in-flight}, the same request timeout, auto-commit off, new groups from the earliest
   * record; fetch sizes and waits at the client's defaults, as there.
   */
  static KafkaConsumer<byte[], byte[]> consumer(
      String bootstrapServers, KafkaMessagingSettings settings, String group) {
    Map<String, Object> properties = new HashMap<>();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    properties.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
        CooperativeStickyAssignor.class.getName());
    properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
        Integer.toString(Math.min(500, settings.maxInFlight())));
    properties.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG,
        Long.toString(settings.requestTimeout().toMillis()));
    properties.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return new KafkaConsumer<>(
        properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /** The message id a record carries in the id header, or null if it has none. */
  static @Nullable String id(ConsumerRecord<byte[], byte[]> record) {
    Header id = record.headers().lastHeader(KafkaRecords.ID_HEADER);
    return id == null ? null : new String(id.value(), UTF_8);
  }

  /**
   * The record Switchback sends for a message with a new random id (as {@code Message.of}
   * makes), no key and no headers.
   */
  static ProducerRecord<byte[], byte[]> record(String topic, byte[] payload) {
    return record(topic, UUID.randomUUID().toString(), payload);
  }

  /**
   * The record Switchback sends for a message of id {@code id}, no key and no headers: {@code
   * payload} as the value and the id, as UTF-8, in the id header.
   */
  static ProducerRecord<byte[], byte[]> record(String topic, String id, byte[] payload) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(KafkaRecords.ID_HEADER, id.getBytes(UTF_8));
    return new ProducerRecord<>(topic, null, (byte[]) null, payload, headers);
  }
}
