package dev.switchback.msk;

import static dev.switchback.msk.TestMsk.secretJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchback.BackendUnavailableException;
import dev.switchback.ConfigurationException;
import dev.switchback.testkit.ManualClock;
import dev.switchback.testkit.aws.FakeSecretsManager;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The SCRAM secret is read through the real SDK client, configured by the instance's AWS clients,
 * from the testkit's protocol-level Secrets Manager.
 */
class ScramSecretTest {
  private static final String KEY = "switchback.messaging.msk.scram.secret-id";
  private static final String PASSWORD = "pa\"ss\\word;with=odd}chars-é";
  private static final Duration REFRESH = Duration.ofSeconds(30);

  private final FakeSecretsManager secrets = TestMsk.secrets();
  private final SecretsManagerClient client = TestMsk.secretsManager();
  private final ManualClock clock = new ManualClock(Instant.parse("2025-01-02T03:04:05Z"));

  @BeforeEach
  void forgetRequests() {
    secrets.clearRequests();
  }

  private ScramSecret read(String id) {
    return ScramSecret.read(client, id, KEY, REFRESH, clock);
  }

  @Test
  void readsTheUsernameAndPasswordByNameWithTheInstanceCredentials() {
    secrets.putSecret("AmazonMSK_reads", secretJson("app", PASSWORD));

    ScramCredentials credentials = read("AmazonMSK_reads").get();

    assertThat(credentials.username()).isEqualTo("app");
    assertThat(credentials.password()).isEqualTo(PASSWORD);
    assertThat(secrets.requests("GetSecretValue")).singleElement()
        .satisfies(r -> assertThat(r.accessKeyId()).contains(TestAws.ACCESS_KEY_ID));
  }

  @Test
  void readsBySecretArn() {
    secrets.putSecret("AmazonMSK_by_arn", secretJson("arn-user", "p"));

    assertThat(read(secrets.arn("AmazonMSK_by_arn")).get().username()).isEqualTo("arn-user");
  }

  @Test
  void aNameWithoutTheMskPrefixIsRefusedBeforeAnyRequest() {
    secrets.putSecret("app-kafka", secretJson("app", "p"));

    assertThatThrownBy(() -> read("app-kafka"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContainingAll(KEY, "AmazonMSK_", "app-kafka");
    assertThatThrownBy(() -> read(secrets.arn("app-kafka")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContainingAll(KEY, "AmazonMSK_");
    assertThatThrownBy(() -> read("AmazonMSK_"))
        .isInstanceOf(ConfigurationException.class);
    assertThatThrownBy(() -> read("arn:aws:s3:::AmazonMSK_bucket"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContainingAll(KEY, "not a Secrets Manager secret ARN");
    assertThat(secrets.requests()).isEmpty();
  }

  @Test
  void aMissingSecretFailsNamingTheKey() {
    assertThatThrownBy(() -> read("AmazonMSK_missing"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContainingAll(KEY, "AmazonMSK_missing", "has no secret");
  }

  @Test
  void aDeniedSecretFailsSayingWhichPermissionIsMissing() {
    secrets.putSecret("AmazonMSK_denied", secretJson("app", PASSWORD));
    secrets.denyAccess("AmazonMSK_denied");

    assertThatThrownBy(() -> read("AmazonMSK_denied"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContainingAll(KEY, "AccessDeniedException", "secretsmanager:GetSecretValue")
        .hasMessageNotContaining(PASSWORD);
  }

  @Test
  void aMalformedSecretFailsWithoutShowingItsValue() {
    String notJson = "username=app password=" + PASSWORD;
    secrets.putSecret("AmazonMSK_not_json", notJson);
    secrets.putSecret("AmazonMSK_no_password", "{\"username\":\"app\",\"pass\":\"" + "x" + "\"}");
    secrets.putSecret("AmazonMSK_array", "[\"" + "app" + "\"]");

    assertThatThrownBy(() -> read("AmazonMSK_not_json"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContainingAll(KEY, "not JSON", "username and password")
        .hasMessageNotContaining(PASSWORD)
        .satisfies(e -> assertThat(e.getCause()).isNull());
    assertThatThrownBy(() -> read("AmazonMSK_no_password"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContainingAll(KEY, "lacks password");
    assertThatThrownBy(() -> read("AmazonMSK_array"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("lacks username");
  }

  @Test
  void anUnreachableSecretsManagerIsUnavailable() {
    try (TestAws nowhere = TestAws.against(java.net.URI.create("http://127.0.0.1:1"));
        SecretsManagerClient unreachable = nowhere.secretsManager()) {
      assertThatThrownBy(() -> ScramSecret.read(unreachable, "AmazonMSK_x", KEY, REFRESH, clock))
          .isInstanceOf(BackendUnavailableException.class)
          .hasMessageContainingAll(KEY, "AmazonMSK_x");
    }
  }

  @Test
  void theCopyIsUsedWhileFreshAndReadAgainOnceStale() {
    secrets.putSecret("AmazonMSK_rotating", secretJson("app", "first"));
    ScramSecret secret = read("AmazonMSK_rotating");
    secrets.putSecret("AmazonMSK_rotating", secretJson("app", "second"));

    clock.advance(REFRESH.minusSeconds(1));
    assertThat(secret.get().password()).isEqualTo("first");
    assertThat(secrets.requests("GetSecretValue")).hasSize(1);

    clock.advance(Duration.ofSeconds(1));
    assertThat(secret.get().password()).isEqualTo("second");
    assertThat(secret.get().password()).isEqualTo("second");
    assertThat(secrets.requests("GetSecretValue")).hasSize(2);
  }

  @Test
  void anInvalidatedCopyIsReadAgainAtOnce() {
    secrets.putSecret("AmazonMSK_invalidated", secretJson("app", "first"));
    ScramSecret secret = read("AmazonMSK_invalidated");
    secrets.putSecret("AmazonMSK_invalidated", secretJson("app", "second"));

    secret.invalidate();

    assertThat(secret.get().password()).isEqualTo("second");
    assertThat(secrets.requests("GetSecretValue")).hasSize(2);
  }

  @Test
  void aFailedReReadKeepsTheCopyAndWaitsAnotherRefreshAge() {
    secrets.putSecret("AmazonMSK_outage", secretJson("app", "kept"));
    ScramSecret secret = read("AmazonMSK_outage");
    secrets.denyAccess("AmazonMSK_outage");

    clock.advance(REFRESH);
    assertThat(secret.get().password()).isEqualTo("kept");
    assertThat(secret.get().password()).isEqualTo("kept");
    assertThat(secrets.requests("GetSecretValue")).hasSize(2);

    secrets.allowAccess("AmazonMSK_outage");
    secrets.putSecret("AmazonMSK_outage", secretJson("app", "new"));
    clock.advance(REFRESH);
    assertThat(secret.get().password()).isEqualTo("new");
  }

  @Test
  void nothingShowsThePassword() {
    secrets.putSecret("AmazonMSK_hidden", secretJson("app", PASSWORD));
    ScramSecret secret = read("AmazonMSK_hidden");

    assertThat(secret.toString()).contains("AmazonMSK_hidden", "app").doesNotContain(PASSWORD);
    assertThat(secret.get().toString()).contains("app").doesNotContain(PASSWORD);
    assertThat(MskClientProperties.scram(Optional.empty(), secret).toString())
        .doesNotContain(PASSWORD);
  }
}
