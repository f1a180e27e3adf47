package dev.switchback.memory.messaging;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Settings of the memory messaging backend, under {@code switchback.messaging.memory}. Durations
 * are ISO-8601 ({@code PT0.05S}).
 */
@ConfigMapping(prefix = "switchback.messaging.memory")
public interface MemoryMessagingConfig {

  /** {@code retained-messages-per-topic}: messages kept per topic; older ones are dropped. */
  @WithDefault("10000")
  int retainedMessagesPerTopic();

  /** {@code max-payload-bytes}: largest payload accepted. */
  @WithDefault("1048576")
  int maxPayloadBytes();

  /** {@code max-in-flight}: handlers one subscription runs at once. */
  @WithDefault("16")
  int maxInFlight();

  /** {@code delivery-threads}: threads that run handlers. */
  @WithDefault("2")
  int deliveryThreads();

  /** {@code redelivery-delay}: pause before the first redelivery of a failed message. */
  @WithDefault("PT0.05S")
  Duration redeliveryDelay();

  /** {@code max-redelivery-delay}: the longest pause between redeliveries. */
  @WithDefault("PT2S")
  Duration maxRedeliveryDelay();

  /** {@code dead-letter-after}: failures before a message moves to {@code <topic>.dlq}; 0: never. */
  @WithDefault("0")
  int deadLetterAfter();
}
