package dev.switchback.msk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchback.AuthenticationFailedException;
import dev.switchback.BackendUnavailableException;
import dev.switchback.messaging.Message;
import dev.switchback.testkit.Eventually;
import dev.switchback.testkit.servers.LocalKafka;
import dev.switchback.testkit.servers.TestCertificateAuthority;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What a caller sees when MSK refuses the client: typed errors within the publish's own bound
 * ({@code max-block}, 10 s by default; waited for 30 s here), never a hang, and never the
 * password, in the error or in any log line.
 */
class MskRefusalTest {
  private static final long WAIT_SECONDS = 30;

  private static Throwable publishFailure(MskMessaging messaging) {
    Message message = Message.of("k", "payload".getBytes(StandardCharsets.UTF_8));
    return catchFailure(() -> messaging.publish("refused-" + UUID.randomUUID(), message)
        .toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS));
  }

  private static Throwable catchFailure(ThrowingCall call) {
    try {
      call.run();
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      return e;
    }
    throw new AssertionError("the publish succeeded");
  }

  @FunctionalInterface
  private interface ThrowingCall {
    void run() throws Exception;
  }

  @Test
  void aWrongPasswordFailsThePublishAsRefusedAuthenticationWithoutShowingIt() {
    LocalKafka kafka = LocalKafka.sharedSaslSsl();
    String wrong = "wrong-" + UUID.randomUUID();
    TestMsk.secrets().putSecret("AmazonMSK_refusal_wrong",
        TestMsk.secretJson(kafka.username(), wrong));

    try (CapturedLogs logs = CapturedLogs.start();
        MskMessaging messaging = TestMsk.messaging(TestMsk.scram(kafka,
            "AmazonMSK_refusal_wrong", Optional.of(kafka.certificateAuthority())))) {
      Throwable failure = publishFailure(messaging);

      assertThat(failure).isInstanceOf(AuthenticationFailedException.class)
          .hasMessageContainingAll("MSK at " + kafka.bootstrapServers(),
              "SCRAM user " + kafka.username(), "AmazonMSK_refusal_wrong")
          .hasMessageNotContaining(wrong);
      assertThat(messaging.toString()).doesNotContain(wrong);
      assertThat(logs.text()).doesNotContain(wrong).doesNotContain(kafka.password());
    }
  }

  @Test
  void aBrokerOfAnotherAuthorityFailsThePublishAsUnavailableOverTls() {
    LocalKafka kafka = LocalKafka.sharedSaslSsl();
    TestMsk.secrets().putSecret("AmazonMSK_refusal_ca",
        TestMsk.secretJson(kafka.username(), kafka.password()));

    try (MskMessaging messaging = TestMsk.messaging(TestMsk.scram(kafka, "AmazonMSK_refusal_ca",
        Optional.of(TestCertificateAuthority.create("Another CA").certificate())))) {
      assertThat(publishFailure(messaging)).isInstanceOf(BackendUnavailableException.class)
          .hasMessageContainingAll("TLS handshake", kafka.bootstrapServers(),
              "no plaintext fallback");
    }
  }

  @Test
  void theJvmsAuthoritiesDoNotTrustAPrivateOne() {
    LocalKafka kafka = LocalKafka.sharedSaslSsl();
    TestMsk.secrets().putSecret("AmazonMSK_refusal_jvm",
        TestMsk.secretJson(kafka.username(), kafka.password()));

    try (MskMessaging messaging = TestMsk.messaging(
        TestMsk.scram(kafka, "AmazonMSK_refusal_jvm", Optional.empty()))) {
      assertThat(publishFailure(messaging)).isInstanceOf(BackendUnavailableException.class)
          .hasMessageContaining("TLS handshake");
    }
  }

  @Test
  void aSecretRotatedAfterARefusalIsReadByTheNextLogin() {
    LocalKafka kafka = LocalKafka.sharedSaslSsl();
    TestMsk.secrets().putSecret("AmazonMSK_refusal_repaired",
        TestMsk.secretJson(kafka.username(), "stale-password"));

    try (MskMessaging messaging = TestMsk.messaging(TestMsk.scram(kafka,
        "AmazonMSK_refusal_repaired", Optional.of(kafka.certificateAuthority())))) {
      assertThat(publishFailure(messaging)).isInstanceOf(AuthenticationFailedException.class);

      // The secret now holds what the cluster accepts; the refusal marked the copy stale, so
      // the same instance's next login reads it (the refresh age, 30 s, has not passed).
      TestMsk.secrets().putSecret("AmazonMSK_refusal_repaired",
          TestMsk.secretJson(kafka.username(), kafka.password()));
      String topic = "repaired-" + UUID.randomUUID();
      Eventually.await(Duration.ofSeconds(WAIT_SECONDS), () ->
          messaging.publish(topic, Message.of("k", new byte[] {1})).toCompletableFuture()
              .orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).join());
    }
  }
}
