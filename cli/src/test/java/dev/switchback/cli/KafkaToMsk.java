package dev.switchback.cli;

import dev.switchback.Capability;
import dev.switchback.MigrationBackends;
import dev.switchback.testkit.aws.FakeSecretsManager;
import dev.switchback.testkit.migration.KafkaToMskConfig;
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
    properties.putAll(KafkaToMskConfig.of(
        LocalKafka.shared(), LocalKafka.sharedSaslSsl(), secrets, SECRET));
    properties.put("switchback.messaging.migration.stage", "rampdown");
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
