package dev.switchback.msk;

import dev.switchback.kafka.KafkaMessagingSettings;
import dev.switchback.testkit.aws.FakeSecretsManager;
import dev.switchback.testkit.servers.LocalKafka;
import io.opentelemetry.api.OpenTelemetry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * What the MSK tests share: one Secrets Manager fake for the JVM, the AWS clients pointed at it,
 * and MSK messaging on the testkit's SASL_SSL broker with its SCRAM user's secret.
 */
final class TestMsk {
  /** The secret holding the shared SASL_SSL broker's SCRAM user. */
  static final String SECRET = "AmazonMSK_switchback_tests";

  private static FakeSecretsManager secrets;
  private static TestAws aws;
  private static SecretsManagerClient secretsManager;

  private TestMsk() {}

  /** The JVM's Secrets Manager fake, started on first use. */
  static synchronized FakeSecretsManager secrets() {
    if (secrets == null) {
      secrets = FakeSecretsManager.start();
      aws = TestAws.against(secrets.endpoint());
      secretsManager = aws.secretsManager();
    }
    return secrets;
  }

  /** The AWS clients of the tests, pointed at {@link #secrets()}. */
  static synchronized TestAws aws() {
    secrets();
    return aws;
  }

  /** A Secrets Manager client on {@link #aws()}. */
  static synchronized SecretsManagerClient secretsManager() {
    secrets();
    return secretsManager;
  }

  /** The JSON of an MSK SCRAM secret. */
  static String secretJson(String username, String password) {
    return "{\"username\":\"" + username + "\",\"password\":\""
        + password.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
  }

  /**
   * Settings for tests: topics created with 3 partitions, short pauses between attempts, a short
   * drain so a test that leaves a handler hanging does not hold up the class.
   */
  static KafkaMessagingSettings.Builder kafkaSettings() {
    return KafkaMessagingSettings.builder()
        .createTopics(true)
        .topicPartitions(3)
        .retry(10, Duration.ofMillis(50), Duration.ofMillis(500))
        .drainTimeout(Duration.ofSeconds(20));
  }

  /** SCRAM settings for {@code kafka} with secret {@code secret}, trusting {@code ca}. */
  static MskSettings scram(LocalKafka kafka, String secret, Optional<Path> ca) {
    return MskSettings.of(kafka.bootstrapServers(), ca,
        MskAuth.scram(secret, ScramSecret.DEFAULT_REFRESH_AFTER));
  }

  /** MSK messaging on {@code settings}, opened as the provider does; the SCRAM secret must exist. */
  static MskMessaging messaging(MskSettings settings) {
    return messaging(settings, kafkaSettings().build());
  }

  /** MSK messaging on {@code settings} with the Kafka adapter's {@code kafka} settings. */
  static MskMessaging messaging(MskSettings settings, KafkaMessagingSettings kafka) {
    MskSecurity security =
        MskSecurity.open(settings, aws().clients(), secretsManager(), Clock.systemUTC());
    return MskMessaging.open(security, kafka, OpenTelemetry.noop());
  }

  /** MSK messaging over TLS and SCRAM on the shared SASL_SSL broker, its user in the secret. */
  static MskMessaging onSharedSaslSslBroker() {
    LocalKafka kafka = LocalKafka.sharedSaslSsl();
    secrets().putSecret(SECRET, secretJson(kafka.username(), kafka.password()));
    return messaging(scram(kafka, SECRET, Optional.of(kafka.certificateAuthority())));
  }
}
