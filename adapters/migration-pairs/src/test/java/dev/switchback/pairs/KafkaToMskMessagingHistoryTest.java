package dev.switchback.pairs;

import dev.switchback.migration.Side;
import dev.switchback.testkit.migration.MessagingMigrationHistoryContract;
import dev.switchback.testkit.servers.LocalKafka;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The messaging history on a Kafka → MSK migration whose brokers are restarted mid-run, each on
 * brokers of its own (the shared ones are never stopped).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaToMskMessagingHistoryTest extends MessagingMigrationHistoryContract {
  private final LocalKafka kafka = LocalKafka.start();
  private final LocalKafka msk = LocalKafka.startSaslSsl();

  @Override
  protected Map<String, String> migrationConfig() {
    return KafkaPairs.kafkaToMsk(kafka, msk);
  }

  @Override
  protected void injectFault(Side side) {
    (side == Side.OLD ? kafka : msk).restart();
  }

  @AfterAll
  void stopBrokers() {
    kafka.stop();
    msk.stop();
  }
}
