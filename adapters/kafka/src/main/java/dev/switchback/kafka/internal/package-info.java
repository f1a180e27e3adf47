/**
 * How the Kafka messaging backend works inside: records and messages, the subscription's poll
 * loop and its partitions, attempts and dead letters, topic creation, tracing. No compatibility
 * promise; use {@link dev.switchback.kafka.KafkaMessaging}.
 */
@NullMarked
package dev.switchback.kafka.internal;

import org.jspecify.annotations.NullMarked;
