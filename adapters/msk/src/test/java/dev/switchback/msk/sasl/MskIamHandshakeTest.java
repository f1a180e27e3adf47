package dev.switchback.msk.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchback.msk.MskClientProperties;
import dev.switchback.msk.TestAws;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.sasl.Sasl;
import javax.security.sasl.SaslClient;
import javax.security.sasl.SaslException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import dev.switchback.testkit.servers.TestCertificateAuthority;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.msk.auth.iam.IAMLoginModule;
import software.amazon.msk.auth.iam.internals.IAMSaslClientProvider;

/**
 * The SASL/IAM handshake aws-msk-iam-auth's client makes with the credentials our handler gives
 * it: the payload a broker receives, whose SigV4 signature is recomputed here from the
 * specification ({@link IamPayloads}), not with the SDK's signer. First the SASL client alone,
 * then a real Kafka admin client over TLS to {@link IamSaslPeer}, the broker's side of the login
 * only. No MSK checks the signature: there is no local MSK; that MSK accepts a payload signed
 * this way rests on aws-msk-iam-auth and the SigV4 specification.
 */
class MskIamHandshakeTest {
  private static final String KEY_ID = "AKIAMSKIAMTEST";
  private static final String SECRET = "msk/iam+secret-access-key";
  private static final String BROKER = "b-1.orders.a1b2c3.c2.kafka.eu-west-1.amazonaws.com";

  @BeforeAll
  static void registerTheSaslClient() throws ClassNotFoundException {
    // What Kafka's login does when it loads the login module: its static initializer registers
    // the class-loader-aware provider of AWS_MSK_IAM; this one is the provider it delegates to.
    Class.forName(IAMLoginModule.class.getName(), true, MskIamHandshakeTest.class.getClassLoader());
    IAMSaslClientProvider.initialize();
  }

  private static MskIamCallbackHandler handler(AwsCredentialsProvider provider, Region region) {
    MskIamCallbackHandler handler = new MskIamCallbackHandler();
    handler.configure(Map.of(MskIamCallbackHandler.CREDENTIALS_CONFIG,
        new MskIamCredentials(provider, region)), IAMLoginModule.MECHANISM, List.of());
    return handler;
  }

  private static Map<String, String> handshake(MskIamCallbackHandler handler, String broker)
      throws IOException {
    SaslClient client = Sasl.createSaslClient(new String[] {IAMLoginModule.MECHANISM}, null,
        "kafka", broker, Map.of(), handler);
    assertThat(client).as("the AWS_MSK_IAM SASL client is registered").isNotNull();
    assertThat(client.hasInitialResponse()).isTrue();
    return IamPayloads.parse(client.evaluateChallenge(new byte[0]));
  }

  @Test
  void theHandshakeIsSignedWithTheHandlersCredentialsForTheBrokersRegion() throws IOException {
    Map<String, String> payload = handshake(
        handler(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY_ID, SECRET)),
            Region.EU_CENTRAL_1),
        BROKER);

    assertThat(payload).containsEntry("version", "2020_10_22")
        .containsEntry("host", BROKER)
        .containsEntry("action", "kafka-cluster:Connect")
        .containsEntry("x-amz-algorithm", "AWS4-HMAC-SHA256")
        .containsEntry("x-amz-signedheaders", "host")
        .doesNotContainKey("x-amz-security-token");
    assertThat(payload.get("user-agent")).startsWith("aws-msk-iam-auth/2.3.9");
    String date = payload.get("x-amz-date");
    assertThat(date).matches("\\d{8}T\\d{6}Z");
    // The broker's host name names its region, which wins over the fallback region.
    assertThat(payload.get("x-amz-credential"))
        .isEqualTo(KEY_ID + "/" + date.substring(0, 8) + "/eu-west-1/kafka-cluster/aws4_request");
    assertThat(Integer.parseInt(payload.get("x-amz-expires"))).isBetween(890, 900);
    assertThat(payload.get("x-amz-signature")).matches("[0-9a-f]{64}")
        .isEqualTo(IamPayloads.signature(payload, SECRET))
        .isNotEqualTo(IamPayloads.signature(payload, SECRET + "x"));
    assertThat(payload.values()).noneMatch(value -> value.contains(SECRET));
  }

  @Test
  void aBrokerNameWithoutRegionIsSignedForTheInstancesRegion() throws IOException {
    Map<String, String> payload = handshake(
        handler(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY_ID, SECRET)),
            Region.EU_CENTRAL_1),
        "kafka-1.internal.example");

    assertThat(payload.get("x-amz-credential")).contains("/eu-central-1/kafka-cluster/");
    assertThat(payload.get("x-amz-signature")).isEqualTo(IamPayloads.signature(payload, SECRET));
  }

  @Test
  void temporaryCredentialsSignTheirSessionToken() throws IOException {
    Map<String, String> payload = handshake(
        handler(StaticCredentialsProvider.create(
                AwsSessionCredentials.create("ASIAMSKSESSION", SECRET, "session-token/abc=")),
            Region.EU_CENTRAL_1),
        BROKER);

    assertThat(payload).containsEntry("x-amz-security-token", "session-token/abc=");
    assertThat(payload.get("x-amz-credential")).startsWith("ASIAMSKSESSION/");
    assertThat(payload.get("x-amz-signature")).isEqualTo(IamPayloads.signature(payload, SECRET));
  }

  @Test
  void unavailableCredentialsFailTheHandshakeWithTheProvidersError() {
    AwsCredentialsProvider failing = () -> {
      throw SdkClientException.create("Unable to load credentials from any provider");
    };

    assertThatThrownBy(() -> handshake(handler(failing, Region.EU_CENTRAL_1), BROKER))
        .isInstanceOf(SaslException.class)
        .hasRootCauseInstanceOf(SdkClientException.class)
        .hasRootCauseMessage("Unable to load credentials from any provider");
  }

  @Test
  void otherCallbacksAreRefused() {
    MskIamCallbackHandler handler = handler(
        StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY_ID, SECRET)),
        Region.EU_CENTRAL_1);

    assertThatThrownBy(() -> handler.handle(new javax.security.auth.callback.Callback[] {
            new NameCallback("name")}))
        .isInstanceOf(UnsupportedCallbackException.class);
  }

  @Test
  void configurationNeedsTheIamMechanismAndTheCredentials() {
    MskIamCallbackHandler handler = new MskIamCallbackHandler();

    assertThatThrownBy(() -> handler.configure(Map.of(), IAMLoginModule.MECHANISM, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(MskIamCallbackHandler.CREDENTIALS_CONFIG);
    assertThatThrownBy(() -> handler.configure(Map.of(MskIamCallbackHandler.CREDENTIALS_CONFIG,
            "not credentials"), IAMLoginModule.MECHANISM, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("java.lang.String");
    assertThatThrownBy(() -> handler.configure(Map.of(), "SCRAM-SHA-512", List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("AWS_MSK_IAM");
  }

  private static Admin admin(String bootstrapServers, MskClientProperties properties) {
    Map<String, Object> config = new HashMap<>(properties.asMap());
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000);
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    return Admin.create(config);
  }

  @Test
  void aKafkaClientSendsTheBrokerAHandshakeSignedWithTheInstancesCredentials() throws IOException {
    try (IamSaslPeer peer = IamSaslPeer.start();
        TestAws aws = TestAws.against(URI.create("http://127.0.0.1:1"))) {
      MskIamCredentials credentials = new MskIamCredentials(
          aws.clients().credentialsProvider(), aws.clients().region());
      try (Admin admin = admin(peer.bootstrapServers(), MskClientProperties.iam(
          Optional.of(peer.certificateAuthority()), credentials))) {
        assertThatThrownBy(() -> admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS))
            .isInstanceOf(ExecutionException.class)
            .hasCauseInstanceOf(SaslAuthenticationException.class)
            .hasMessageContaining(IamSaslPeer.REFUSAL);
      }

      assertThat(peer.authentications()).isNotEmpty();
      Map<String, String> payload = IamPayloads.parse(peer.authentications().get(0));
      assertThat(payload).containsEntry("host", "localhost")
          .containsEntry("action", "kafka-cluster:Connect");
      // localhost names no region: the instance's (switchback.aws.region) is signed.
      assertThat(payload.get("x-amz-credential")).startsWith(TestAws.ACCESS_KEY_ID + "/")
          .endsWith("/" + TestAws.REGION + "/kafka-cluster/aws4_request");
      assertThat(payload.get("x-amz-signature"))
          .isEqualTo(IamPayloads.signature(payload, TestAws.SECRET_ACCESS_KEY));
    }
  }

  @Test
  void aPeerOfAnotherAuthorityIsRefusedBeforeAnyHandshakeIsSent() {
    Path otherCa = TestCertificateAuthority.create("Not the IAM peer CA").certificate();
    try (IamSaslPeer peer = IamSaslPeer.start()) {
      MskIamCredentials credentials = new MskIamCredentials(
          StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY_ID, SECRET)),
          Region.EU_CENTRAL_1);
      try (Admin admin = admin(peer.bootstrapServers(),
          MskClientProperties.iam(Optional.of(otherCa), credentials))) {
        assertThatThrownBy(() -> admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS))
            .isInstanceOf(ExecutionException.class)
            .hasCauseInstanceOf(SslAuthenticationException.class);
      }
      assertThat(peer.authentications()).isEmpty();
    }
  }
}
