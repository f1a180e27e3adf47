package dev.switchback.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchback.Capability;
import dev.switchback.ConfigurationException;
import dev.switchback.spi.ProviderContext;
import dev.switchback.testkit.ConfigProviderContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleWithWebIdentityCredentialsProvider;

final class AwsClientsTest {
  private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

  @TempDir Path directory;

  @Test
  void staticCredentialsAreSharedPerContextAndHiddenFromToString() {
    ProviderContext context = context(Map.of(
        "switchback.aws.region", "eu-central-1",
        "switchback.aws.credentials", "static",
        "switchback.aws.static.access-key-id", "AKIDEXAMPLE",
        "switchback.aws.static.secret-access-key", SECRET));

    AwsClients clients = AwsClients.from(context);

    assertThat(AwsClients.from(context)).isSameAs(clients);
    assertThat(clients.region()).isEqualTo(Region.EU_CENTRAL_1);
    assertThat(clients.credentialsSource()).isEqualTo(CredentialsSource.STATIC);
    AwsCredentials resolved = clients.credentialsProvider().resolveCredentials();
    assertThat(resolved.accessKeyId()).isEqualTo("AKIDEXAMPLE");
    assertThat(resolved.secretAccessKey()).isEqualTo(SECRET);
    assertThat(clients.toString()).contains("eu-central-1").contains("static")
        .doesNotContain(SECRET).doesNotContain("AKIDEXAMPLE");
    assertThat(context.config(AwsConfig.class).toString()).doesNotContain(SECRET);
  }

  @Test
  void staticCredentialsNeedBothKeys() {
    assertThatThrownBy(() -> AwsClients.from(context(Map.of(
            "switchback.aws.region", "eu-west-1",
            "switchback.aws.credentials", "static",
            "switchback.aws.static.secret-access-key", SECRET))))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("switchback.aws.static.access-key-id")
        .hasMessageNotContaining(SECRET);
    assertThatThrownBy(() -> AwsClients.from(context(Map.of(
            "switchback.aws.region", "eu-west-1",
            "switchback.aws.credentials", "static",
            "switchback.aws.static.access-key-id", "AKIDEXAMPLE"))))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("switchback.aws.static.secret-access-key");
  }

  @Test
  void staticKeysWithAnotherSourceAreRefusedRatherThanIgnored() {
    assertThatThrownBy(() -> AwsClients.from(context(Map.of(
            "switchback.aws.region", "eu-west-1",
            "switchback.aws.static.access-key-id", "AKIDEXAMPLE",
            "switchback.aws.static.secret-access-key", SECRET))))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("switchback.aws.credentials=default")
        .hasMessageNotContaining(SECRET);
  }

  @Test
  void defaultSourceUsesTheSdkDefaultChain() {
    AwsClients clients = AwsClients.from(context(Map.of("switchback.aws.region", "eu-west-1")));

    assertThat(clients.credentialsSource()).isEqualTo(CredentialsSource.DEFAULT);
    assertThat(clients.credentialsProvider()).isInstanceOf(DefaultCredentialsProvider.class);
  }

  @Test
  void webIdentityNeedsARoleAndAReadableTokenFile() throws Exception {
    Map<String, String> noRole = Map.of(
        "switchback.aws.region", "eu-west-1",
        "switchback.aws.credentials", "web-identity",
        "switchback.aws.web-identity.token-file", tokenFile("t").toString());
    Map<String, String> missingFile = Map.of(
        "switchback.aws.region", "eu-west-1",
        "switchback.aws.credentials", "web-identity",
        "switchback.aws.web-identity.role-arn", "arn:aws:iam::123456789012:role/app",
        "switchback.aws.web-identity.token-file", directory.resolve("absent").toString());

    // The environment of a build machine may carry AWS_ROLE_ARN; then only the file is checked.
    if (System.getenv("AWS_ROLE_ARN") == null && System.getProperty("aws.roleArn") == null) {
      assertThatThrownBy(() -> AwsClients.from(context(noRole)))
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("switchback.aws.web-identity.role-arn")
          .hasMessageContaining("AWS_ROLE_ARN");
    }
    assertThatThrownBy(() -> AwsClients.from(context(missingFile)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("switchback.aws.web-identity.token-file");
  }

  @Test
  void webIdentityAssumesTheRoleWithTheTokenFromTheFileThroughTheEndpointOverride()
      throws Exception {
    try (FakeSts sts = new FakeSts()) {
      Path token = tokenFile("projected-service-account-token");
      AwsClients clients = AwsClients.from(context(Map.of(
          "switchback.aws.region", "eu-west-1",
          "switchback.aws.credentials", "web-identity",
          "switchback.aws.web-identity.role-arn", "arn:aws:iam::123456789012:role/app",
          "switchback.aws.web-identity.token-file", token.toString(),
          "switchback.aws.web-identity.session-name", "orders",
          "switchback.aws.endpoint-override", sts.endpoint().toString())));

      assertThat(clients.credentialsProvider())
          .isInstanceOf(StsAssumeRoleWithWebIdentityCredentialsProvider.class);
      AwsCredentials resolved = clients.credentialsProvider().resolveCredentials();

      assertThat(resolved).isInstanceOf(AwsSessionCredentials.class);
      assertThat(resolved.accessKeyId()).isEqualTo(FakeSts.ASSUMED_KEY_ID);
      assertThat(((AwsSessionCredentials) resolved).sessionToken())
          .isEqualTo(FakeSts.ASSUMED_SESSION_TOKEN);
      assertThat(sts.received()).singleElement().satisfies(request -> {
        assertThat(request.form()).containsEntry("Action", "AssumeRoleWithWebIdentity")
            .containsEntry("RoleArn", "arn:aws:iam::123456789012:role/app")
            .containsEntry("RoleSessionName", "orders")
            .containsEntry("WebIdentityToken", "projected-service-account-token");
        assertThat(request.authorization()).isEmpty();
      });
      clients.close();
    }
  }

  @Test
  void configureAppliesRegionCredentialsAndEndpointToAnSdkClient() throws Exception {
    try (FakeSts sts = new FakeSts()) {
      AwsClients clients = AwsClients.from(context(Map.of(
          "switchback.aws.region", "ap-southeast-2",
          "switchback.aws.credentials", "static",
          "switchback.aws.static.access-key-id", "AKIDEXAMPLE",
          "switchback.aws.static.secret-access-key", SECRET,
          "switchback.aws.endpoint-override", "http://127.0.0.1:1")));

      try (StsClient client =
          clients.configure(StsClient.builder(), Optional.of(sts.endpoint())).build()) {
        assertThat(client.getCallerIdentity().account()).isEqualTo("123456789012");
      }

      assertThat(sts.received()).singleElement().satisfies(request -> assertThat(
          request.authorization()).contains(
              "Credential=AKIDEXAMPLE/").contains("/ap-southeast-2/sts/aws4_request"));
      clients.close();
    }
  }

  private Path tokenFile(String content) throws Exception {
    Path file = Files.createTempFile(directory, "token", ".jwt");
    Files.writeString(file, content + "\n");
    return file;
  }

  private static ProviderContext context(Map<String, String> properties) {
    return ConfigProviderContext.of(Capability.CACHE, AwsConfig.class, new HashMap<>(properties));
  }
}
