package dev.switchback.pairs;

import dev.switchback.testkit.aws.FakeSecretsManager;
import dev.switchback.testkit.migration.KafkaToMskConfig;
import dev.switchback.testkit.servers.LocalKafka;
import java.util.Map;

/**
 * Messaging from Kafka (a plain broker) to MSK (a SASL_SSL broker with a SCRAM user, whose secret
 * Secrets Manager holds), configured as a service would write it.
 */
final class KafkaPairs {
  private static final String SECRET = "AmazonMSK_switchback_pairs";
  private static FakeSecretsManager secrets; // guarded by KafkaPairs.class

  private KafkaPairs() {}

  /** The Secrets Manager fake of this JVM, started on first use. */
  static synchronized FakeSecretsManager secrets() {
    if (secrets == null) {
      secrets = FakeSecretsManager.start();
    }
    return secrets;
  }

  /** Messaging on {@code kafka} migrating to MSK on {@code msk}; topics created on first use. */
  static Map<String, String> kafkaToMsk(LocalKafka kafka, LocalKafka msk) {
    Map<String, String> config = KafkaToMskConfig.of(kafka, msk, secrets(), SECRET);
    for (String side : new String[] {"kafka", "msk"}) {
      config.put("switchback.messaging." + side + ".retry.initial-backoff", "50ms");
      config.put("switchback.messaging." + side + ".retry.max-backoff", "500ms");
      config.put("switchback.messaging." + side + ".drain-timeout", "20s");
    }
    return config;
  }
}
