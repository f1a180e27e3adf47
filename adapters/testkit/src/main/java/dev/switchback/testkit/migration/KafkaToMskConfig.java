package dev.switchback.testkit.migration;

import dev.switchback.testkit.aws.FakeSecretsManager;
import dev.switchback.testkit.servers.LocalKafka;
import java.util.HashMap;
import java.util.Map;

/**
 * The configuration of a messaging migration from Kafka to MSK as a service would write it, on
 * the testkit's brokers: {@code kafka} a plaintext broker as the old side (backend {@code kafka}),
 * {@code msk} a SASL_SSL broker as the target (backend {@code msk}: TLS with the test authority,
 * SCRAM with the broker's user, whose secret {@code secrets} is made to hold). Topics are created
 * on first use with 3 partitions on both sides; static AWS credentials and the fake's endpoint
 * stand in for AWS. The stage is left to the caller.
 */
public final class KafkaToMskConfig {
  private KafkaToMskConfig() {}

  /**
   * A new mutable map of the keys, after putting the SCRAM secret named {@code secretName} (which
   * must start with {@code AmazonMSK_}) into {@code secrets}.
   */
  public static Map<String, String> of(
      LocalKafka kafka, LocalKafka msk, FakeSecretsManager secrets, String secretName) {
    secrets.putSecret(secretName, "{\"username\":\"" + msk.username() + "\",\"password\":\""
        + msk.password() + "\"}");
    Map<String, String> config = new HashMap<>();
    config.put("switchback.messaging.backend", "kafka");
    config.put("switchback.messaging.kafka.bootstrap-servers", kafka.bootstrapServers());
    config.put("switchback.messaging.kafka.topics.create", "true");
    config.put("switchback.messaging.kafka.topics.partitions", "3");
    config.put("switchback.messaging.migration.target", "msk");
    config.put("switchback.messaging.msk.bootstrap-servers", msk.bootstrapServers());
    config.put("switchback.messaging.msk.auth", "scram");
    config.put("switchback.messaging.msk.scram.secret-id", secrets.arn(secretName));
    config.put("switchback.messaging.msk.tls.ca-file", msk.certificateAuthority().toString());
    config.put("switchback.messaging.msk.topics.create", "true");
    config.put("switchback.messaging.msk.topics.partitions", "3");
    config.put("switchback.aws.region", "eu-central-1");
    config.put("switchback.aws.credentials", "static");
    config.put("switchback.aws.static.access-key-id", "AKIATESTKAFKATOMSK");
    config.put("switchback.aws.static.secret-access-key", "kafka-to-msk-test-secret-access-key");
    config.put("switchback.aws.endpoint-override", secrets.endpoint().toString());
    return config;
  }
}
