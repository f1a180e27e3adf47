package dev.switchback.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchback.InvalidInputException;
import dev.switchback.testkit.aws.SigV4Presign;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;

final class IamAuthTokenGeneratorTest {
  private static final String KEY_ID = "AKIDEXAMPLE";
  private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  private static final Instant NOW = Instant.parse("2024-05-06T07:08:09.567Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private final IamAuthTokenGenerator generator = IamAuthTokenGenerator.builder()
      .credentialsProvider(StaticCredentialsProvider.create(
          AwsBasicCredentials.create(KEY_ID, SECRET)))
      .region(Region.EU_WEST_1)
      .clock(CLOCK)
      .build();

  @Test
  void elastiCacheTokenIsAPresignedConnectForTheCacheNameWithoutSchemeOrPort() {
    IamAuthToken token = generator.generate(IamAuthTarget.elastiCache("My-Group", "app user"));

    assertThat(token.value()).startsWith("my-group/?");
    assertThat(token.value()).doesNotContain("http://").doesNotContain("https://")
        .doesNotContain(SECRET);
    Map<String, String> query = SigV4Presign.query(token.value());
    assertThat(query).containsEntry("Action", "connect")
        .containsEntry("User", "app user")
        .containsEntry("X-Amz-Algorithm", "AWS4-HMAC-SHA256")
        .containsEntry("X-Amz-Credential", KEY_ID + "/20240506/eu-west-1/elasticache/aws4_request")
        .containsEntry("X-Amz-Date", "20240506T070809Z")
        .containsEntry("X-Amz-Expires", "900")
        .containsEntry("X-Amz-SignedHeaders", "host")
        .doesNotContainKey("DBUser")
        .doesNotContainKey("X-Amz-Security-Token");
    assertThat(query.get("X-Amz-Signature")).matches("[0-9a-f]{64}");
    assertThat(token.issuedAt()).isEqualTo(Instant.parse("2024-05-06T07:08:09Z"));
    assertThat(token.expiresAt()).isEqualTo(Instant.parse("2024-05-06T07:23:09Z"));
  }

  @Test
  void elastiCacheSignatureMatchesSigV4ComputedFromTheSpecification() {
    String token = generator.generate(IamAuthTarget.elastiCache("my-group", "app-user")).value();
    Map<String, String> query = SigV4Presign.query(token);

    assertThat(SigV4Presign.host(token)).isEqualTo("my-group");
    assertThat(query.get("X-Amz-Signature")).isEqualTo(SigV4Presign.signature(
        "my-group", query, SECRET, "20240506", "eu-west-1", "elasticache"));
  }

  @Test
  void rdsTokenSignsHostAndPortForRdsDbWithDbUser() {
    String token = generator.generate(
        IamAuthTarget.rds("db.abc.eu-west-1.rds.amazonaws.com", 5432, "app_user")).value();
    Map<String, String> query = SigV4Presign.query(token);

    assertThat(token).startsWith("db.abc.eu-west-1.rds.amazonaws.com:5432/?");
    assertThat(query).containsEntry("Action", "connect").containsEntry("DBUser", "app_user")
        .containsEntry("X-Amz-Credential", KEY_ID + "/20240506/eu-west-1/rds-db/aws4_request")
        .containsEntry("X-Amz-Expires", "900")
        .containsEntry("X-Amz-SignedHeaders", "host")
        .doesNotContainKey("User");
    assertThat(query.get("X-Amz-Signature")).isEqualTo(SigV4Presign.signature(
        "db.abc.eu-west-1.rds.amazonaws.com:5432", query, SECRET, "20240506", "eu-west-1",
        "rds-db"));
  }

  @Test
  void temporaryCredentialsAddTheirSessionTokenUnderTheSignature() {
    IamAuthTokenGenerator withSession = IamAuthTokenGenerator.builder()
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsSessionCredentials.create(KEY_ID, SECRET, "session/token+value")))
        .region(Region.US_EAST_1)
        .clock(CLOCK)
        .build();

    String token = withSession.generate(IamAuthTarget.elastiCache("cache", "u")).value();
    Map<String, String> query = SigV4Presign.query(token);

    assertThat(query).containsEntry("X-Amz-Security-Token", "session/token+value");
    assertThat(query.get("X-Amz-Signature")).isEqualTo(SigV4Presign.signature(
        "cache", query, SECRET, "20240506", "us-east-1", "elasticache"));
  }

  @Test
  void tokenChangesWithTheClockAndStaysTheSameForTheSameSecond() {
    IamAuthTarget target = IamAuthTarget.elastiCache("cache", "u");
    IamAuthTokenGenerator later = IamAuthTokenGenerator.builder()
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(KEY_ID, SECRET)))
        .region(Region.EU_WEST_1)
        .clock(Clock.offset(CLOCK, java.time.Duration.ofSeconds(1)))
        .build();

    assertThat(generator.generate(target).value()).isEqualTo(generator.generate(target).value());
    assertThat(later.generate(target).value()).isNotEqualTo(generator.generate(target).value());
  }

  @Test
  void unresolvableCredentialsFailTypedWithoutTheSecret() {
    AwsCredentialsProvider broken = () -> {
      throw SdkClientException.create("Unable to load credentials from any provider");
    };
    IamAuthTokenGenerator failing = IamAuthTokenGenerator.builder()
        .credentialsProvider(broken).region(Region.EU_WEST_1).clock(CLOCK).build();

    assertThatThrownBy(() -> failing.generate(IamAuthTarget.elastiCache("cache", "u")))
        .isInstanceOf(AwsCredentialsUnavailableException.class)
        .hasMessageContaining("elasticache")
        .hasMessageContaining("eu-west-1");
  }

  @Test
  void tokenToStringHidesTheValue() {
    IamAuthToken token = generator.generate(IamAuthTarget.elastiCache("cache", "u"));

    assertThat(token.toString()).doesNotContain("X-Amz-Signature").doesNotContain("cache/");
  }

  @Test
  void blankTargetPartsAreRefused() {
    assertThatThrownBy(() -> IamAuthTarget.elastiCache(" ", "u"))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> IamAuthTarget.rds("host", 0, "u"))
        .isInstanceOf(InvalidInputException.class);
    assertThatThrownBy(() -> IamAuthTarget.rds("host", 5432, ""))
        .isInstanceOf(InvalidInputException.class);
  }
}
