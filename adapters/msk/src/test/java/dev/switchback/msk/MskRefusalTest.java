package dev.switchback.msk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchback.AuthenticationFailedException;
import dev.switchback.BackendUnavailableException;
import dev.switchback.messaging.Message;
import dev.switchback.messaging.MessagingLag;
import dev.switchback.testkit.Stages;
import dev.switchback.testkit.servers.LocalKafka;
import dev.switchback.testkit.servers.TestCertificateAuthority;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.junit.jupiter.api.Test;

/**
 * What a caller sees when MSK refuses the client: typed errors at start (the login check) or on
 * publish, within a bound and never a hang, and never the password, neither in the error nor in
 * any log line.
 */
class MskRefusalTest {
  private static final long WAIT_SECONDS = 30;
  private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(12);

  @Test
  void aWrongPasswordFailsTheStartAsRefusedAuthenticationWithoutShowingIt() {
    LocalKafka kafka = LocalKafka.sharedSaslSsl();
    String wrong = "wrong-" + UUID.randomUUID();
    TestMsk.secrets().putSecret("AmazonMSK_refusal_wrong",
        TestMsk.secretJson(kafka.username(), wrong));

    try (CapturedLogs logs = CapturedLogs.start()) {
      assertThatThrownBy(() -> TestMsk.messaging(TestMsk.scram(kafka, "AmazonMSK_refusal_wrong",
              Optional.of(kafka.certificateAuthority()))).close())
          .isInstanceOf(AuthenticationFailedException.class)
          .hasMessageContainingAll("MSK at " + kafka.bootstrapServers(),
              "SCRAM user " + kafka.username(), "AmazonMSK_refusal_wrong")
          .hasMessageNotContaining(wrong);
      assertThat(logs.text()).doesNotContain(wrong).doesNotContain(kafka.password());
    }
  }

  @Test
  void aBrokerOfAnotherAuthorityFailsTheStartAsUnavailableOverTls() {
    LocalKafka kafka = LocalKafka.sharedSaslSsl();
    TestMsk.secrets().putSecret("AmazonMSK_refusal_ca",
        TestMsk.secretJson(kafka.username(), kafka.password()));
    Optional<java.nio.file.Path> otherCa =
        Optional.of(TestCertificateAuthority.create("Another CA").certificate());

    assertThatThrownBy(() -> TestMsk.messaging(
            TestMsk.scram(kafka, "AmazonMSK_refusal_ca", otherCa)).close())
        .isInstanceOf(BackendUnavailableException.class)
        .hasMessageContainingAll("TLS handshake", kafka.bootstrapServers(),
            "no plaintext fallback");
  }

  @Test
  void theJvmsAuthoritiesDoNotTrustAPrivateOne() {
    LocalKafka kafka = LocalKafka.sharedSaslSsl();
    TestMsk.secrets().putSecret("AmazonMSK_refusal_jvm",
        TestMsk.secretJson(kafka.username(), kafka.password()));

    assertThatThrownBy(() -> TestMsk.messaging(
            TestMsk.scram(kafka, "AmazonMSK_refusal_jvm", Optional.empty())).close())
        .isInstanceOf(BackendUnavailableException.class)
        .hasMessageContaining("TLS handshake");
  }

  @Test
  void aRunningInstanceRefusedAfterARotationPublishesAgainWithTheRotatedSecret() throws Exception {
    String secret = "AmazonMSK_refusal_rotation";
    String rotated = "rotated-" + UUID.randomUUID();
    try (LocalKafka cluster = LocalKafka.startSaslSsl()) {
      TestMsk.secrets().putSecret(secret,
          TestMsk.secretJson(cluster.username(), cluster.password()));
      try (CapturedLogs logs = CapturedLogs.start();
          MskMessaging messaging = TestMsk.messaging(
              TestMsk.scram(cluster, secret, Optional.of(cluster.certificateAuthority())),
              TestMsk.kafkaSettings().deliveryTimeout(DELIVERY_TIMEOUT).build())) {
        String topic = "rotation-" + UUID.randomUUID();
        publish(messaging, topic).get(WAIT_SECONDS, TimeUnit.SECONDS);

        // The broker takes the new password only; its restart drops every connection, so the
        // instance logs in again with the copy it has (fresh, so not read again): refused.
        try (Admin admin = Admin.create(cluster.clientProperties())) {
          admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(
              cluster.username(), new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096),
              rotated))).all().get(WAIT_SECONDS, TimeUnit.SECONDS);
        }
        cluster.restart();
        // Published at once, the record is taken before the producer's first refused login and
        // waits out the delivery timeout (the producer fails only records it takes afterwards at
        // once); either way the publish fails as refused, which marks the secret's copy stale.
        Throwable refused = failureOf(publish(messaging, topic));
        assertThat(refused).isInstanceOf(AuthenticationFailedException.class)
            .hasMessageContaining("SCRAM user " + cluster.username());
        // The lag ability reads with the instance's admin client, refused the same way.
        MessagingLag lag = messaging.ability(MessagingLag.class).orElseThrow();
        assertThat(Stages.failureOf(lag.lag(topic, "rotation-group"),
                Duration.ofSeconds(WAIT_SECONDS)))
            .isInstanceOf(AuthenticationFailedException.class)
            .hasMessageContainingAll(
                "lag of group rotation-group", "SCRAM user " + cluster.username());

        // The secret is rotated too; the refusal marked the copy stale, so the next login reads
        // it (the 30 s refresh age has not passed) and the same instance publishes again.
        TestMsk.secrets().putSecret(secret, TestMsk.secretJson(cluster.username(), rotated));
        dev.switchback.testkit.Eventually.await(Duration.ofSeconds(WAIT_SECONDS),
            () -> publish(messaging, topic).orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).join());
        // The publishes before and after the refusal at least (a retried one may have landed).
        assertThat(Stages.join(lag.lag(topic, "rotation-group"), Duration.ofSeconds(WAIT_SECONDS))
            .values().stream().mapToLong(Long::longValue).sum())
            .as("messages published, none consumed").isGreaterThanOrEqualTo(2);
        assertThat(logs.text()).doesNotContain(rotated).doesNotContain(cluster.password());
      }
    }
  }

  private static CompletableFuture<Void> publish(MskMessaging messaging, String topic) {
    return messaging.publish(topic, Message.of("k", "x".getBytes(StandardCharsets.UTF_8)))
        .toCompletableFuture();
  }

  private static Throwable failureOf(CompletableFuture<Void> publish) throws Exception {
    try {
      publish.get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("the publish succeeded");
  }
}
