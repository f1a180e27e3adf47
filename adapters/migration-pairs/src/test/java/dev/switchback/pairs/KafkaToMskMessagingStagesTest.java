package dev.switchback.pairs;

import dev.switchback.testkit.migration.MessagingStagesContract;
import dev.switchback.testkit.servers.LocalKafka;
import java.util.Map;

/** The Messaging contract through a Kafka → MSK migration, in every stage, on real brokers. */
class KafkaToMskMessagingStagesTest extends MessagingStagesContract {
  @Override
  protected Map<String, String> migrationConfig() {
    return KafkaPairs.kafkaToMsk(LocalKafka.shared(), LocalKafka.sharedSaslSsl());
  }
}
