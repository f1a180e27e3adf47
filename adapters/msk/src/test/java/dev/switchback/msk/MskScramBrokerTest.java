package dev.switchback.msk;

import static dev.switchback.msk.TestMsk.secretJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchback.testkit.ManualClock;
import dev.switchback.testkit.aws.FakeSecretsManager;
import dev.switchback.testkit.servers.LocalKafka;
import dev.switchback.testkit.servers.TestCertificateAuthority;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The SCRAM client properties against a real broker speaking SASL_SSL with SCRAM-SHA-512 (the
 * testkit's {@link LocalKafka}, certified by its own test CA), with the credentials served by the
 * testkit's Secrets Manager through the real SDK client. Every wait is bounded: a failure must
 * come back as an error, not a hang.
 */
class MskScramBrokerTest {
  private static final Duration REFRESH = Duration.ofSeconds(30);
  private static final long WAIT_SECONDS = 30;

  private final FakeSecretsManager secrets = TestMsk.secrets();
  private final SecretsManagerClient client = TestMsk.secretsManager();
  private final LocalKafka kafka = LocalKafka.sharedSaslSsl();
  private final ManualClock clock = new ManualClock(Instant.parse("2025-01-02T03:04:05Z"));

  private ScramSecret secret(String name, String username, String password) {
    secrets.putSecret(name, secretJson(username, password));
    return ScramSecret.read(client, name, "scram.secret-id", REFRESH, clock);
  }

  /** An admin client of {@code cluster} with {@code properties}, failing fast on its own. */
  private static Admin admin(LocalKafka cluster, MskClientProperties properties) {
    Map<String, Object> config = new java.util.HashMap<>(properties.asMap());
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000);
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    return Admin.create(config);
  }

  private static String clusterId(Admin admin) throws Exception {
    return admin.describeCluster().clusterId().get(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  @Test
  void theSecretsCredentialsLogInOverVerifiedTls() throws Exception {
    ScramSecret secret = secret("AmazonMSK_broker_ok", kafka.username(), kafka.password());

    try (Admin admin = admin(kafka, MskClientProperties.scram(
        Optional.of(kafka.certificateAuthority()), secret))) {
      assertThat(clusterId(admin)).isEqualTo(kafka.clusterId());
    }
  }

  @Test
  void aBrokerCertifiedByAnotherAuthorityIsRefused() {
    ScramSecret secret = secret("AmazonMSK_broker_other_ca", kafka.username(), kafka.password());
    Path otherCa = TestCertificateAuthority.create("Not the broker CA").certificate();

    for (Optional<Path> trust : List.of(Optional.of(otherCa), Optional.<Path>empty())) {
      try (Admin admin = admin(kafka, MskClientProperties.scram(trust, secret))) {
        assertThatThrownBy(() -> clusterId(admin))
            .isInstanceOf(ExecutionException.class)
            .hasCauseInstanceOf(SslAuthenticationException.class);
      }
    }
  }

  @Test
  void aWrongPasswordIsRefusedNotHung() {
    String wrong = "wrong-password-never-shown";
    ScramSecret secret = secret("AmazonMSK_broker_wrong", kafka.username(), wrong);

    try (Admin admin = admin(kafka, MskClientProperties.scram(
        Optional.of(kafka.certificateAuthority()), secret))) {
      assertThatThrownBy(() -> clusterId(admin))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(SaslAuthenticationException.class)
          .satisfies(e -> assertThat(e.getCause().getMessage()).doesNotContain(wrong));
    }
  }

  @Test
  void aRunningClientLogsInWithTheRotatedPasswordOnceItsCopyIsStale() throws Exception {
    String rotated = "rotated \"pass\\word\"; with=odd}chars é";
    try (LocalKafka cluster = LocalKafka.startSaslSsl()) {
      ScramSecret secret = secret("AmazonMSK_broker_rotation", cluster.username(),
          cluster.password());
      MskClientProperties properties =
          MskClientProperties.scram(Optional.of(cluster.certificateAuthority()), secret);
      try (Admin before = admin(cluster, properties);
          Admin lazy = admin(cluster, properties)) {
        assertThat(clusterId(before)).isEqualTo(cluster.clusterId());

        // Rotation: the broker takes the new password only, then the secret is updated.
        before.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(
            cluster.username(), new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096),
            rotated))).all().get(WAIT_SECONDS, TimeUnit.SECONDS);
        secrets.putSecret("AmazonMSK_broker_rotation",
            secretJson(cluster.username(), rotated));

        // The copy is fresh, so the first connection of the other client still offers the old
        // password: refused. This is the failure the refresh repairs.
        assertThatThrownBy(() -> clusterId(lazy))
            .isInstanceOf(ExecutionException.class)
            .hasCauseInstanceOf(SaslAuthenticationException.class);

        clock.advance(REFRESH);
        assertThat(clusterId(lazy)).isEqualTo(cluster.clusterId());
        assertThat(secret.get().password()).isEqualTo(rotated);
      }
    }
  }
}
