package dev.switchback.msk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchback.AuthenticationFailedException;
import dev.switchback.Switchback;
import dev.switchback.messaging.Message;
import dev.switchback.messaging.Messaging;
import dev.switchback.messaging.Subscription;
import dev.switchback.msk.sasl.IamPayloads;
import dev.switchback.msk.sasl.IamSaslPeer;
import dev.switchback.testkit.Eventually;
import dev.switchback.testkit.servers.LocalKafka;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** MSK messaging as users configure it, through {@link Switchback#fromConfig(Map)}. */
class MskFromConfigTest {
  private static final String MSK = "switchback.messaging.msk.";
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void scramFromConfigPublishesAndDeliversWithoutShowingThePassword() throws Exception {
    LocalKafka kafka = LocalKafka.sharedSaslSsl();
    TestMsk.secrets().putSecret("AmazonMSK_from_config",
        TestMsk.secretJson(kafka.username(), kafka.password()));
    Map<String, String> config = new HashMap<>(TestAws.settings(TestMsk.secrets().endpoint()));
    config.put("switchback.messaging.backend", "msk");
    config.put(MSK + "bootstrap-servers", kafka.bootstrapServers());
    config.put(MSK + "auth", "scram");
    config.put(MSK + "scram.secret-id", TestMsk.secrets().arn("AmazonMSK_from_config"));
    config.put(MSK + "tls.ca-file", kafka.certificateAuthority().toString());
    config.put(MSK + "topics.create", "true");
    String topic = "from-config-" + UUID.randomUUID();
    List<String> received = new CopyOnWriteArrayList<>();

    try (CapturedLogs logs = CapturedLogs.start();
        Switchback switchback = Switchback.fromConfig(config)) {
      Messaging messaging = switchback.messaging();
      assertThat(messaging).isInstanceOf(MskMessaging.class);
      assertThat(messaging.toString())
          .contains(kafka.bootstrapServers(), "SCRAM user " + kafka.username())
          .doesNotContain(kafka.password());

      messaging.publish(topic, Message.of("k", "hello".getBytes(StandardCharsets.UTF_8)))
          .toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
      try (Subscription subscription = messaging.subscribe(topic, "from-config", message -> {
        received.add(new String(message.payload(), StandardCharsets.UTF_8));
        return CompletableFuture.completedFuture(null);
      })) {
        Eventually.await(WAIT, () -> assertThat(received).containsExactly("hello"));
      }
      assertThat(logs.text()).doesNotContain(kafka.password());
    }
  }

  @Test
  void iamFromConfigSignsTheHandshakeWithTheConfiguredCredentials() {
    try (IamSaslPeer peer = IamSaslPeer.start()) {
      Map<String, String> config = new HashMap<>(
          TestAws.settings(URI.create("http://127.0.0.1:1")));
      config.put("switchback.messaging.backend", "msk");
      config.put(MSK + "bootstrap-servers", peer.bootstrapServers());
      config.put(MSK + "auth", "iam");
      config.put(MSK + "tls.ca-file", peer.certificateAuthority().toString());

      // The peer refuses every login, so the start's login check fails, saying so.
      assertThatThrownBy(() -> {
        try (Switchback switchback = Switchback.fromConfig(config)) {
          switchback.messaging();
        }
      })
          .isInstanceOf(AuthenticationFailedException.class)
          .hasMessageContainingAll("MSK at " + peer.bootstrapServers(), "IAM", "static",
              IamSaslPeer.REFUSAL)
          .hasMessageNotContaining(TestAws.SECRET_ACCESS_KEY);

      assertThat(peer.authentications()).isNotEmpty();
      Map<String, String> payload = IamPayloads.parse(peer.authentications().get(0));
      assertThat(payload.get("x-amz-credential")).startsWith(TestAws.ACCESS_KEY_ID + "/")
          .contains("/" + TestAws.REGION + "/kafka-cluster/");
      assertThat(payload.get("x-amz-signature"))
          .isEqualTo(IamPayloads.signature(payload, TestAws.SECRET_ACCESS_KEY));
    }
  }
}
