package dev.switchback.memory.messaging;

import dev.switchback.ConfigurationException;
import dev.switchback.messaging.Messaging;
import dev.switchback.messaging.spi.MessagingProvider;
import dev.switchback.spi.ProviderContext;
import java.util.Optional;

/** Makes {@link MemoryMessaging} for {@code switchback.messaging.backend=memory}. */
public final class MemoryMessagingProvider implements MessagingProvider {
  private static final String PREFIX = "switchback.messaging.memory.";

  /** Called by {@link java.util.ServiceLoader}. */
  public MemoryMessagingProvider() {}

  /** {@code memory}. */
  @Override
  public String name() {
    return "memory";
  }

  /** {@link MemoryMessagingConfig}. */
  @Override
  public Optional<Class<?>> configMapping() {
    return Optional.of(MemoryMessagingConfig.class);
  }

  /**
   * A new {@link MemoryMessaging} from {@link MemoryMessagingConfig}.
   *
   * @throws ConfigurationException naming the key of a value out of range
   */
  @Override
  public Messaging create(ProviderContext context) {
    MemoryMessagingConfig config = context.config(MemoryMessagingConfig.class);
    atLeast(1, config.retainedMessagesPerTopic(), "retained-messages-per-topic");
    atLeast(1, config.maxPayloadBytes(), "max-payload-bytes");
    atLeast(1, config.maxInFlight(), "max-in-flight");
    atLeast(1, config.deliveryThreads(), "delivery-threads");
    atLeast(0, config.deadLetterAfter(), "dead-letter-after");
    if (config.redeliveryDelay().isNegative() || config.redeliveryDelay().isZero()) {
      throw new ConfigurationException(PREFIX + "redelivery-delay must be positive");
    }
    if (config.maxRedeliveryDelay().compareTo(config.redeliveryDelay()) < 0) {
      throw new ConfigurationException(
          PREFIX + "max-redelivery-delay must not be shorter than " + PREFIX + "redelivery-delay");
    }
    return MemoryMessaging.builder()
        .retainedMessagesPerTopic(config.retainedMessagesPerTopic())
        .maxPayloadBytes(config.maxPayloadBytes())
        .maxInFlightPerSubscription(config.maxInFlight())
        .deliveryThreads(config.deliveryThreads())
        .redeliveryDelay(config.redeliveryDelay(), config.maxRedeliveryDelay())
        .deadLetterAfter(config.deadLetterAfter())
        .build();
  }

  private static void atLeast(int minimum, int value, String key) {
    if (value < minimum) {
      throw new ConfigurationException(
          PREFIX + key + " must be at least " + minimum + ", got " + value);
    }
  }
}
