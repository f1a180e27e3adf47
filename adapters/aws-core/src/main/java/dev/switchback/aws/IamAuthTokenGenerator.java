package dev.switchback.aws;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.regions.Region;

/**
 * Makes SigV4 IAM authentication tokens, the passwords of ElastiCache and RDS IAM authentication:
 * a {@code GET http://<host>[:<port>]/?Action=connect&<User|DBUser>=<user>} presigned with the
 * SDK's {@link AwsV4HttpSigner} in the query string for {@link #TOKEN_LIFETIME}, minus the {@code
 * http://}. Only the {@code host} header is signed; the payload hash is that of an empty body.
 *
 * <p>Every call signs anew; {@link IamAuthTokenSource} caches a token for one target. Signing is
 * local, but resolving credentials may call STS or the metadata service.
 *
 * <p>Thread safe.
 */
public final class IamAuthTokenGenerator {

  /** How long a token is accepted for: 900 seconds, the longest ElastiCache and RDS accept. */
  public static final Duration TOKEN_LIFETIME = Duration.ofSeconds(900);

  private static final String SCHEME = "http";

  private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
  private final AwsCredentialsProvider credentials;
  private final Region region;
  private final Clock clock;

  private IamAuthTokenGenerator(Builder builder) {
    this.credentials = requireNonNull(builder.credentials, "credentialsProvider");
    this.region = requireNonNull(builder.region, "region");
    this.clock = builder.clock;
  }

  /** A builder; credentials provider and region are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The clock tokens are signed by. */
  public Clock clock() {
    return clock;
  }

  /**
   * A new token for {@code target}, signed now.
   *
   * @throws AwsCredentialsUnavailableException if the credentials cannot be resolved
   */
  public IamAuthToken generate(IamAuthTarget target) {
    requireNonNull(target, "target");
    AwsCredentials identity = resolveCredentials(target);
    // SigV4 dates have whole seconds; the token's times say what was signed.
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    SdkHttpRequest.Builder request = SdkHttpRequest.builder()
        .method(SdkHttpMethod.GET)
        .protocol(SCHEME)
        .host(target.host())
        .encodedPath("/")
        .putRawQueryParameter("Action", "connect")
        .putRawQueryParameter(target.userParameter(), target.user());
    if (target.port() != null) {
      request.port(target.port());
    }
    SdkHttpRequest signed = signer.sign(r -> r
        .identity(identity)
        .request(request.build())
        .putProperty(AwsV4HttpSigner.REGION_NAME, region.id())
        .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, target.service())
        .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION,
            AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
        .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, TOKEN_LIFETIME)
        .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, true)
        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(now, clock.getZone())))
        .request();
    URI uri = signed.getUri();
    String token = uri.toString().substring((uri.getScheme() + "://").length());
    return new IamAuthToken(token, now, now.plus(TOKEN_LIFETIME));
  }

  private AwsCredentials resolveCredentials(IamAuthTarget target) {
    try {
      return credentials.resolveCredentials();
    } catch (AwsCredentialsUnavailableException e) {
      throw e;
    } catch (RuntimeException e) {
      // The cause stays for its type and stack; its text is left out of the message.
      throw new AwsCredentialsUnavailableException("cannot resolve AWS credentials to sign an IAM"
          + " auth token for " + target.service() + " in " + region.id() + " (" + e.getClass().getSimpleName() + ")", e);
    }
  }

  @Override
  public String toString() {
    return "IamAuthTokenGenerator[region=" + region.id() + "]";
  }

  /** Settings of an {@link IamAuthTokenGenerator}. */
  public static final class Builder {
    private @Nullable AwsCredentialsProvider credentials;
    private @Nullable Region region;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** The credentials to sign with; required. */
    public Builder credentialsProvider(AwsCredentialsProvider credentials) {
      this.credentials = requireNonNull(credentials, "credentials");
      return this;
    }

    /** The region signed into tokens; required. */
    public Builder region(Region region) {
      this.region = requireNonNull(region, "region");
      return this;
    }

    /** The clock of the signing time; default {@link Clock#systemUTC()}. */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The generator.
     *
     * @throws NullPointerException if the credentials provider or region is missing
     */
    public IamAuthTokenGenerator build() {
      return new IamAuthTokenGenerator(this);
    }
  }
}
