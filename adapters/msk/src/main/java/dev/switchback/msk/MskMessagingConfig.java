package dev.switchback.msk;

import dev.switchback.kafka.KafkaMessagingOptions;
import io.smallrye.config.ConfigMapping;

/**
 * Settings of the {@code msk} messaging backend, under {@code switchback.messaging.msk}: MSK's own
 * ({@link MskConfig}: {@code bootstrap-servers}, {@code auth}, {@code tls.*}, {@code scram.*})
 * and the Kafka adapter's, unchanged ({@link KafkaMessagingOptions}: {@code delivery-timeout},
 * {@code retry.*}, {@code dead-letter.*}, {@code topics.*}, {@code producer.*}, {@code
 * consumer.*} and the rest), so an MSK backend behaves as the Kafka one with the same keys.
 */
@ConfigMapping(prefix = MskMessagingProvider.PREFIX)
public interface MskMessagingConfig extends MskConfig, KafkaMessagingOptions {}
