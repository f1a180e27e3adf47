package dev.switchback.testkit.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.InvalidParameterException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/** The fake answers the real SDK client as Secrets Manager does. */
class FakeSecretsManagerTest {
  private static final String KEY_ID = "AKIATESTFAKESECRETS";

  private static FakeSecretsManager secrets;
  private static SecretsManagerClient client;

  @BeforeAll
  static void start() {
    secrets = FakeSecretsManager.start();
    client = SecretsManagerClient.builder()
        .endpointOverride(secrets.endpoint())
        .region(Region.EU_WEST_1)
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(KEY_ID, "test-secret-key")))
        .httpClient(Apache5HttpClient.create())
        .build();
  }

  @AfterAll
  static void stop() {
    client.close();
    secrets.close();
  }

  @BeforeEach
  void forgetRequests() {
    secrets.clearRequests();
  }

  @Test
  void aSecretIsReadByNameWithItsArnAndVersion() {
    String version = secrets.putSecret("by-name", "{\"username\":\"u\",\"password\":\"p\"}");

    GetSecretValueResponse response = client.getSecretValue(r -> r.secretId("by-name"));

    assertThat(response.secretString()).isEqualTo("{\"username\":\"u\",\"password\":\"p\"}");
    assertThat(response.name()).isEqualTo("by-name");
    assertThat(response.arn()).isEqualTo(secrets.arn("by-name"))
        .matches("arn:aws:secretsmanager:us-east-1:123456789012:secret:by-name-[A-Za-z]{6}");
    assertThat(response.versionId()).isEqualTo(version);
    assertThat(response.versionStages()).containsExactly(FakeSecretsManager.CURRENT);
    assertThat(response.createdDate()).isNotNull();
  }

  @Test
  void aSecretIsReadByItsArn() {
    secrets.putSecret("by-arn", "value");

    assertThat(client.getSecretValue(r -> r.secretId(secrets.arn("by-arn"))).secretString())
        .isEqualTo("value");
  }

  @Test
  void aRotationMakesTheNewValueCurrentAndKeepsThePreviousReadable() {
    String first = secrets.putSecret("rotated", "one");
    String second = secrets.putSecret("rotated", "two");
    String arnBefore = secrets.arn("rotated");

    GetSecretValueResponse current = client.getSecretValue(r -> r.secretId("rotated"));
    GetSecretValueResponse previous =
        client.getSecretValue(r -> r.secretId("rotated").versionStage(FakeSecretsManager.PREVIOUS));
    GetSecretValueResponse byId = client.getSecretValue(r -> r.secretId("rotated").versionId(first));

    assertThat(second).isNotEqualTo(first);
    assertThat(current.secretString()).isEqualTo("two");
    assertThat(current.versionId()).isEqualTo(second);
    assertThat(current.arn()).isEqualTo(arnBefore);
    assertThat(previous.secretString()).isEqualTo("one");
    assertThat(previous.versionStages()).containsExactly(FakeSecretsManager.PREVIOUS);
    assertThat(byId.secretString()).isEqualTo("one");
  }

  @Test
  void anUnknownSecretIsResourceNotFound() {
    assertThatThrownBy(() -> client.getSecretValue(r -> r.secretId("missing")))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageContaining("can't find the specified secret");
  }

  @Test
  void aDeletedSecretIsResourceNotFound() {
    secrets.putSecret("deleted", "x");
    secrets.deleteSecret("deleted");

    assertThatThrownBy(() -> client.getSecretValue(r -> r.secretId("deleted")))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void anUnknownVersionIsResourceNotFound() {
    secrets.putSecret("versioned", "x");

    assertThatThrownBy(() -> client.getSecretValue(r -> r.secretId("versioned").versionId("nope")))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageContaining("VersionId: nope");
    assertThatThrownBy(() -> client.getSecretValue(
        r -> r.secretId("versioned").versionStage(FakeSecretsManager.PREVIOUS)))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void aDeniedSecretIsAccessDeniedUntilAllowed() {
    secrets.putSecret("denied", "x");
    secrets.denyAccess("denied");

    assertThatThrownBy(() -> client.getSecretValue(r -> r.secretId("denied")))
        .isInstanceOf(SecretsManagerException.class)
        .satisfies(e -> {
          SdkServiceException service = (SdkServiceException) e;
          assertThat(service.statusCode()).isEqualTo(400);
          assertThat(((SecretsManagerException) e).awsErrorDetails().errorCode())
              .isEqualTo("AccessDeniedException");
        })
        .hasMessageContaining("not authorized to perform: secretsmanager:GetSecretValue");

    secrets.allowAccess("denied");
    assertThat(client.getSecretValue(r -> r.secretId("denied")).secretString()).isEqualTo("x");
  }

  @Test
  void aBlankSecretIdIsAnInvalidParameter() {
    assertThatThrownBy(() -> client.getSecretValue(r -> r.secretId(" ")))
        .isInstanceOf(InvalidParameterException.class);
  }

  @Test
  void requestsAreRecordedWithTheSigningKey() {
    secrets.putSecret("recorded", "x");

    client.getSecretValue(r -> r.secretId("recorded").versionStage(FakeSecretsManager.CURRENT));
    assertThatThrownBy(() -> client.getSecretValue(r -> r.secretId("other")))
        .isInstanceOf(ResourceNotFoundException.class);

    assertThat(secrets.requests("GetSecretValue")).hasSize(2);
    FakeSecretsManager.Request first = secrets.requests().get(0);
    assertThat(first.operation()).isEqualTo("GetSecretValue");
    assertThat(first.secretId()).contains("recorded");
    assertThat(first.versionStage()).contains(FakeSecretsManager.CURRENT);
    assertThat(first.versionId()).isEmpty();
    assertThat(first.accessKeyId()).contains(KEY_ID);
    assertThat(secrets.requests().get(1).secretId()).contains("other");
  }

  @Test
  void otherOperationsAreUnknown() {
    assertThatThrownBy(() -> client.describeSecret(r -> r.secretId("x")))
        .isInstanceOf(SecretsManagerException.class)
        .satisfies(e -> assertThat(((SecretsManagerException) e).awsErrorDetails().errorCode())
            .isEqualTo("UnknownOperationException"));
    assertThat(secrets.requests()).extracting(FakeSecretsManager.Request::operation)
        .containsExactly("DescribeSecret");
  }
}
