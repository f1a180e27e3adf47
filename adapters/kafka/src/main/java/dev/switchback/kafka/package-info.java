/**
 * {@link dev.switchback.messaging.Messaging} on Apache Kafka: {@link
 * dev.switchback.kafka.KafkaMessaging}, built from a {@link dev.switchback.kafka.KafkaConnection}
 * and {@link dev.switchback.kafka.KafkaMessagingSettings}, or from configuration by {@link
 * dev.switchback.kafka.KafkaMessagingProvider} ({@code switchback.messaging.backend=kafka}).
 */
@NullMarked
package dev.switchback.kafka;

import org.jspecify.annotations.NullMarked;
