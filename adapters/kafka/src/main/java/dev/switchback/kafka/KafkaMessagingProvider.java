package dev.switchback.kafka;

import dev.switchback.ConfigurationException;
import dev.switchback.messaging.Messaging;
import dev.switchback.messaging.spi.MessagingProvider;
import dev.switchback.spi.ProviderContext;
import java.util.Optional;

/**
 * Makes {@link KafkaMessaging} for {@code switchback.messaging.backend=kafka}, configured by
 * {@link KafkaMessagingConfig} and traced with the instance's OpenTelemetry.
 */
public final class KafkaMessagingProvider implements MessagingProvider {

  /** The backend name: {@code kafka}. */
  public static final String NAME = "kafka";

  /** The prefix of the settings. */
  public static final String PREFIX = "switchback.messaging.kafka";

  /** Called by {@link java.util.ServiceLoader}. */
  public KafkaMessagingProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Optional<Class<?>> configMapping() {
    return Optional.of(KafkaMessagingConfig.class);
  }

  /**
   * A Kafka messaging backend on the configured cluster. It connects in the background: an
   * unreachable cluster shows as failed publishes, not here.
   *
   * @throws ConfigurationException naming the key of a value out of range, of a blank {@code
   *     bootstrap-servers}, or of a pass-through property that would weaken delivery
   */
  @Override
  public Messaging create(ProviderContext context) {
    KafkaMessagingConfig config = context.config(KafkaMessagingConfig.class);
    if (config.bootstrapServers().isBlank()) {
      throw new ConfigurationException(PREFIX + ".bootstrap-servers must not be blank");
    }
    KafkaConnection connection =
        KafkaConnection.to(config.bootstrapServers())
            .withClientProperties(
                NoLossProperties.checkEveryClient(PREFIX + ".client", config.client()));
    return KafkaMessaging.builder(connection)
        .settings(KafkaMessagingSettings.fromConfig(config, PREFIX))
        .openTelemetry(context.openTelemetry())
        .build();
  }
}
