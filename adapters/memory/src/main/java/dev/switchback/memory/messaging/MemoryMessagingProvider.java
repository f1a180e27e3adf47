package dev.switchback.memory.messaging;

import dev.switchback.ConfigurationException;
import dev.switchback.spi.support.SettingChecks;
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

  /** Each instance is a store of its own, so memory to memory migrates between two of them. */
  @Override
  public boolean instancesAreSeparate() {
    return true;
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
    SettingChecks.atLeast(
        PREFIX + "retained-messages-per-topic", 1, config.retainedMessagesPerTopic());
    SettingChecks.atLeast(PREFIX + "max-payload-bytes", 1, config.maxPayloadBytes());
    SettingChecks.atLeast(PREFIX + "max-in-flight", 1, config.maxInFlight());
    SettingChecks.atLeast(PREFIX + "delivery-threads", 1, config.deliveryThreads());
    SettingChecks.atLeast(PREFIX + "dead-letter-after", 0, config.deadLetterAfter());
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
}
