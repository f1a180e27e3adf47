package dev.switchback.pairs;

import dev.switchback.testkit.aws.FakeSecretsManager;
import dev.switchback.testkit.servers.LocalKafka;
import java.util.HashMap;
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
    FakeSecretsManager sm = secrets();
    sm.putSecret(SECRET, "{\"username\":\"" + msk.username() + "\",\"password\":\""
        + msk.password() + "\"}");
    Map<String, String> config = new HashMap<>();
    config.put("switchback.messaging.backend", "kafka");
    config.put("switchback.messaging.kafka.bootstrap-servers", kafka.bootstrapServers());
    config.put("switchback.messaging.kafka.topics.create", "true");
    config.put("switchback.messaging.kafka.topics.partitions", "3");
    config.put("switchback.messaging.kafka.retry.initial-backoff", "50ms");
    config.put("switchback.messaging.kafka.retry.max-backoff", "500ms");
    config.put("switchback.messaging.kafka.drain-timeout", "20s");
    config.put("switchback.messaging.migration.target", "msk");
    config.put("switchback.messaging.msk.bootstrap-servers", msk.bootstrapServers());
    config.put("switchback.messaging.msk.auth", "scram");
    config.put("switchback.messaging.msk.scram.secret-id", sm.arn(SECRET));
    config.put("switchback.messaging.msk.tls.ca-file", msk.certificateAuthority().toString());
    config.put("switchback.messaging.msk.topics.create", "true");
    config.put("switchback.messaging.msk.topics.partitions", "3");
    config.put("switchback.messaging.msk.retry.initial-backoff", "50ms");
    config.put("switchback.messaging.msk.retry.max-backoff", "500ms");
    config.put("switchback.messaging.msk.drain-timeout", "20s");
    config.put("switchback.aws.region", "eu-central-1");
    config.put("switchback.aws.credentials", "static");
    config.put("switchback.aws.static.access-key-id", "AKIAPAIRSTESTKEY");
    config.put("switchback.aws.static.secret-access-key", "pairs-test-secret-access-key");
    config.put("switchback.aws.endpoint-override", sm.endpoint().toString());
    return config;
  }
}
