package dev.switchback.cli;

import dev.switchback.Capability;
import dev.switchback.MigrationBackends;
import dev.switchback.testkit.aws.FakeSecretsManager;
import dev.switchback.testkit.servers.LocalKafka;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A messaging migration configured as a service would be: from the shared plaintext Kafka
 * (backend {@code kafka}) to the shared SASL_SSL one playing MSK (target {@code msk}, TLS with
 * the test authority, SCRAM with the user's secret in a Secrets Manager fake). Topics are created
 * with 3 partitions.
 */
final class KafkaToMsk implements AutoCloseable {
  private static final String SECRET = "AmazonMSK_cli_drain";

  final Map<String, String> properties = new HashMap<>();
  private final FakeSecretsManager secrets = FakeSecretsManager.start();

  KafkaToMsk() {
    LocalKafka old = LocalKafka.shared();
    LocalKafka msk = LocalKafka.sharedSaslSsl();
    secrets.putSecret(SECRET, "{\"username\":\"" + msk.username() + "\",\"password\":\""
        + msk.password() + "\"}");
    properties.put("switchback.messaging.backend", "kafka");
    properties.put("switchback.messaging.kafka.bootstrap-servers", old.bootstrapServers());
    properties.put("switchback.messaging.kafka.topics.create", "true");
    properties.put("switchback.messaging.kafka.topics.partitions", "3");
    properties.put("switchback.messaging.migration.target", "msk");
    properties.put("switchback.messaging.migration.stage", "rampdown");
    properties.put("switchback.messaging.msk.bootstrap-servers", msk.bootstrapServers());
    properties.put("switchback.messaging.msk.auth", "scram");
    properties.put("switchback.messaging.msk.scram.secret-id", secrets.arn(SECRET));
    properties.put("switchback.messaging.msk.tls.ca-file", msk.certificateAuthority().toString());
    properties.put("switchback.messaging.msk.topics.create", "true");
    properties.put("switchback.messaging.msk.topics.partitions", "3");
    properties.put("switchback.aws.region", "eu-west-1");
    properties.put("switchback.aws.credentials", "static");
    properties.put("switchback.aws.static.access-key-id", "AKIDEXAMPLE");
    properties.put("switchback.aws.static.secret-access-key", "wJalrXUtnFEMI/K7MDENGEXAMPLEKEY");
    properties.put("switchback.aws.endpoint-override", secrets.endpoint().toString());
  }

  /** Both sides as the service builds them, to publish and consume as it does. */
  MigrationBackends open() {
    return MigrationBackends.fromConfig(Capability.MESSAGING, properties);
  }

  /** The configuration as a properties file in {@code dir}. */
  Path file(Path dir) {
    return PropertiesFile.write(dir, properties);
  }

  @Override
  public void close() {
    secrets.close();
  }
}
