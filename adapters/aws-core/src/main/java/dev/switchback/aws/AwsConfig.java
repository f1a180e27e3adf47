package dev.switchback.aws;

import dev.switchback.aws.internal.CredentialsSourceConverter;
import dev.switchback.aws.internal.EndpointConverter;
import dev.switchback.aws.internal.RegionConverter;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.regions.Region;

/**
 * The settings every AWS adapter shares, under {@code switchback.aws}. Registered by {@link
 * AwsConfigGroup}, so the keys are checked at start whether or not an AWS backend is chosen; read
 * them through {@link AwsClients#from(dev.switchback.spi.ProviderContext)}.
 *
 * <pre>
 * switchback.aws.region=eu-west-1                 # else the SDK's region chain (AWS_REGION, profile, IMDS)
 * switchback.aws.credentials=web-identity         # default | static | web-identity
 * switchback.aws.static.access-key-id=AKIA...     # only with credentials=static
 * switchback.aws.static.secret-access-key=...     # only with credentials=static; never logged
 * switchback.aws.web-identity.role-arn=...        # else AWS_ROLE_ARN
 * switchback.aws.web-identity.token-file=...      # else AWS_WEB_IDENTITY_TOKEN_FILE
 * switchback.aws.endpoint-override=http://127.0.0.1:4566   # every AWS client, for emulators
 * </pre>
 */
@ConfigMapping(prefix = AwsConfig.PREFIX)
public interface AwsConfig {

  /** The prefix of the group: {@code switchback.aws}. */
  String PREFIX = "switchback.aws";

  /**
   * {@code switchback.aws.region}: the region, such as {@code eu-west-1}. Absent means the SDK's
   * default region chain ({@code AWS_REGION}, {@code aws.region}, the profile, the instance
   * metadata service).
   */
  @WithConverter(RegionConverter.class)
  Optional<Region> region();

  /**
   * {@code switchback.aws.credentials}: where credentials come from: {@code default} (the SDK's
   * default chain), {@code static} (the two {@code static.*} keys) or {@code web-identity} (EKS
   * IAM roles for service accounts). Default {@code default}.
   */
  @WithDefault("default")
  @WithConverter(CredentialsSourceConverter.class)
  CredentialsSource credentials();

  /** {@code switchback.aws.static.*}: the keys of {@code credentials=static}. */
  @WithName("static")
  StaticCredentials staticCredentials();

  /** {@code switchback.aws.web-identity.*}: overrides of the IRSA environment variables. */
  WebIdentity webIdentity();

  /**
   * {@code switchback.aws.endpoint-override}: an {@code http} or {@code https} URI every AWS client
   * talks to instead of the region's endpoint, for emulators and tests. An adapter's own endpoint
   * key takes precedence for that adapter.
   */
  @WithConverter(EndpointConverter.class)
  Optional<URI> endpointOverride();

  /** {@code switchback.aws.static.*}. */
  interface StaticCredentials {

    /** {@code switchback.aws.static.access-key-id}: required with {@code credentials=static}. */
    Optional<String> accessKeyId();

    /**
     * {@code switchback.aws.static.secret-access-key}: required with {@code credentials=static}.
     * Never logged nor put into a message.
     */
    Optional<String> secretAccessKey();
  }

  /** {@code switchback.aws.web-identity.*}. */
  interface WebIdentity {

    /** {@code switchback.aws.web-identity.role-arn}: the role to assume; else {@code AWS_ROLE_ARN}. */
    Optional<String> roleArn();

    /**
     * {@code switchback.aws.web-identity.token-file}: the projected service account token; else
     * {@code AWS_WEB_IDENTITY_TOKEN_FILE}. Read again at every refresh, since it is rotated.
     */
    Optional<String> tokenFile();

    /**
     * {@code switchback.aws.web-identity.session-name}: the role session name; else {@code
     * AWS_ROLE_SESSION_NAME}, else {@code switchback}.
     */
    Optional<String> sessionName();
  }
}
