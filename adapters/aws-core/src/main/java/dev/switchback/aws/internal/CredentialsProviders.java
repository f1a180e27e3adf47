package dev.switchback.aws.internal;

import static java.util.Objects.requireNonNull;

import dev.switchback.ConfigurationException;
import dev.switchback.aws.AwsConfig;
import dev.switchback.aws.AwsCredentialsUnavailableException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleWithWebIdentityCredentialsProvider;
import software.amazon.awssdk.services.sts.model.AssumeRoleWithWebIdentityRequest;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Builds the credentials provider {@code switchback.aws.credentials} names, checking at start what
 * it needs. The web identity provider is built here rather than by the SDK's own factory so that
 * its STS client uses the configured region, HTTP client and endpoint override.
 */
public final class CredentialsProviders {
  /** The role session name when neither configuration nor {@code AWS_ROLE_SESSION_NAME} gives one. */
  public static final String DEFAULT_SESSION_NAME = "switchback";

  private static final String STATIC_KEY_ID = AwsConfig.PREFIX + ".static.access-key-id";
  private static final String STATIC_SECRET = AwsConfig.PREFIX + ".static.secret-access-key";
  private static final String ROLE_ARN = AwsConfig.PREFIX + ".web-identity.role-arn";
  private static final String TOKEN_FILE = AwsConfig.PREFIX + ".web-identity.token-file";

  private CredentialsProviders() {}

  /** A provider and what must be closed with it, first to last. */
  public record Built(AwsCredentialsProvider provider, List<SdkAutoCloseable> closeables) {
    public Built {
      requireNonNull(provider, "provider");
      closeables = List.copyOf(closeables);
    }
  }

  /**
   * The provider {@code config} asks for.
   *
   * @throws ConfigurationException naming the key when a setting it needs is missing, or one is
   *     set that the chosen source does not use
   */
  public static Built build(
      AwsConfig config, Region region, SdkHttpClient httpClient, Optional<URI> endpoint) {
    AwsConfig.StaticCredentials keys = config.staticCredentials();
    boolean staticKeysSet = keys.accessKeyId().isPresent() || keys.secretAccessKey().isPresent();
    switch (config.credentials()) {
      case STATIC:
        String id = required(keys.accessKeyId(), STATIC_KEY_ID);
        String secret = required(keys.secretAccessKey(), STATIC_SECRET);
        return new Built(StaticCredentialsProvider.create(AwsBasicCredentials.create(id, secret)),
            List.of());
      case WEB_IDENTITY:
        refuseStaticKeys(staticKeysSet, "web-identity");
        return webIdentity(config.webIdentity(), region, httpClient, endpoint);
      case DEFAULT:
      default:
        refuseStaticKeys(staticKeysSet, "default");
        DefaultCredentialsProvider chain = DefaultCredentialsProvider.builder().build();
        return new Built(chain, List.of(chain));
    }
  }

  private static Built webIdentity(AwsConfig.WebIdentity settings, Region region,
      SdkHttpClient httpClient, Optional<URI> endpoint) {
    String roleArn = settings.roleArn()
        .or(() -> SdkSystemSetting.AWS_ROLE_ARN.getStringValue())
        .filter(s -> !s.isBlank())
        .orElseThrow(() -> new ConfigurationException(AwsConfig.PREFIX + ".credentials=web-identity"
            + " needs the role to assume: set " + ROLE_ARN + " or the environment variable"
            + " AWS_ROLE_ARN (EKS sets it for a service account annotated with"
            + " eks.amazonaws.com/role-arn)"));
    String tokenFile = settings.tokenFile()
        .or(() -> SdkSystemSetting.AWS_WEB_IDENTITY_TOKEN_FILE.getStringValue())
        .filter(s -> !s.isBlank())
        .orElseThrow(() -> new ConfigurationException(AwsConfig.PREFIX + ".credentials=web-identity"
            + " needs the token file: set " + TOKEN_FILE + " or the environment variable"
            + " AWS_WEB_IDENTITY_TOKEN_FILE"));
    Path token = Path.of(tokenFile);
    if (!Files.isReadable(token)) {
      throw new ConfigurationException("the web identity token file " + tokenFile + " (from "
          + TOKEN_FILE + " or AWS_WEB_IDENTITY_TOKEN_FILE) cannot be read");
    }
    String sessionName = settings.sessionName()
        .or(() -> SdkSystemSetting.AWS_ROLE_SESSION_NAME.getStringValue())
        .filter(s -> !s.isBlank())
        .orElse(DEFAULT_SESSION_NAME);
    StsClientBuilder sts = StsClient.builder()
        .region(region)
        .httpClient(httpClient)
        // AssumeRoleWithWebIdentity is authenticated by the token itself.
        .credentialsProvider(AnonymousCredentialsProvider.create());
    endpoint.ifPresent(sts::endpointOverride);
    StsClient client = sts.build();
    StsAssumeRoleWithWebIdentityCredentialsProvider provider =
        StsAssumeRoleWithWebIdentityCredentialsProvider.builder()
            .stsClient(client)
            .refreshRequest(() -> AssumeRoleWithWebIdentityRequest.builder()
                .roleArn(roleArn)
                .roleSessionName(sessionName)
                .webIdentityToken(readToken(token))
                .build())
            .build();
    List<SdkAutoCloseable> closeables = new ArrayList<>();
    closeables.add(provider);
    closeables.add(client);
    return new Built(provider, closeables);
  }

  // The kubelet rotates the projected token, so it is read again at every refresh.
  private static String readToken(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new AwsCredentialsUnavailableException(
          "cannot read the web identity token file " + file + ": " + e.getClass().getSimpleName());
    }
  }

  private static String required(Optional<String> value, String key) {
    return value.filter(v -> !v.isBlank()).orElseThrow(() -> new ConfigurationException(
        key + " is required with " + AwsConfig.PREFIX + ".credentials=static"));
  }

  private static void refuseStaticKeys(boolean set, String source) {
    if (set) {
      throw new ConfigurationException(AwsConfig.PREFIX + ".static.* is set but "
          + AwsConfig.PREFIX + ".credentials=" + source + " does not use it; set "
          + AwsConfig.PREFIX + ".credentials=static or remove the static keys");
    }
  }
}
