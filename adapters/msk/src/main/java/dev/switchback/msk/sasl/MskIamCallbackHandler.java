package dev.switchback.msk.sasl;

import java.util.List;
import java.util.Map;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.kafka.common.security.auth.AuthenticateCallbackHandler;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.regions.Region;
import software.amazon.msk.auth.iam.IAMLoginModule;
import software.amazon.msk.auth.iam.internals.AWSCredentialsCallback;
import software.amazon.msk.auth.iam.internals.region.ConfigurableRegionProvider;

/**
 * Gives aws-msk-iam-auth's SASL client ({@code AWS_MSK_IAM}) the credentials to sign each
 * handshake with: those of {@link MskIamCredentials}, put into the Kafka client's configuration
 * under {@link #CREDENTIALS_CONFIG}. Set as {@code sasl.client.callback.handler.class} instead of
 * the library's {@code IAMClientCallbackHandler}, so that MSK is signed with exactly the
 * credentials every other AWS adapter of the instance uses ({@code switchback.aws.*}: static, EKS
 * web identity or the default chain), whose STS client, region and endpoint Switchback sets up,
 * rather than with a second chain the library builds from JAAS options.
 *
 * <p>A handshake that cannot get credentials fails with the provider's exception as the
 * callback's loading exception, which the SASL client reports as a failed authentication.
 */
public final class MskIamCallbackHandler implements AuthenticateCallbackHandler {

  /** The client configuration entry holding the {@link MskIamCredentials}. */
  public static final String CREDENTIALS_CONFIG = "switchback.msk.iam.credentials";

  private volatile @Nullable MskIamCredentials credentials;
  private volatile @Nullable ConfigurableRegionProvider fallbackRegion;

  /** Called by Kafka. */
  public MskIamCallbackHandler() {}

  /**
   * Takes the {@link MskIamCredentials} from {@code configs}.
   *
   * @throws IllegalArgumentException if the mechanism is not {@code AWS_MSK_IAM} or {@link
   *     #CREDENTIALS_CONFIG} holds no {@link MskIamCredentials}
   */
  @Override
  public void configure(Map<String, ?> configs, String saslMechanism,
      List<AppConfigurationEntry> jaasConfigEntries) {
    if (!IAMLoginModule.MECHANISM.equals(saslMechanism)) {
      throw new IllegalArgumentException(getClass().getSimpleName() + " handles "
          + IAMLoginModule.MECHANISM + " only, not " + saslMechanism);
    }
    Object value = configs.get(CREDENTIALS_CONFIG);
    if (!(value instanceof MskIamCredentials given)) {
      throw new IllegalArgumentException("the Kafka client configuration lacks "
          + CREDENTIALS_CONFIG + ", the MskIamCredentials the IAM handshake is signed with (it"
          + " holds " + (value == null ? "nothing" : "a " + value.getClass().getName()) + ")");
    }
    this.credentials = given;
    this.fallbackRegion = new FixedRegion(given.region());
  }

  /**
   * Answers aws-msk-iam-auth's credentials callback.
   *
   * @throws UnsupportedCallbackException for any other callback
   */
  @Override
  public void handle(Callback[] callbacks) throws UnsupportedCallbackException {
    for (Callback callback : callbacks) {
      if (!(callback instanceof AWSCredentialsCallback aws)) {
        throw new UnsupportedCallbackException(callback,
            "unsupported callback " + callback.getClass().getName());
      }
      MskIamCredentials given = credentials;
      if (given == null) {
        aws.setLoadingException(
            new IllegalStateException(getClass().getSimpleName() + " is not configured"));
        continue;
      }
      try {
        aws.setAwsCredentials(given.provider().resolveCredentials());
        aws.setCustomRegionProvider(fallbackRegion);
      } catch (RuntimeException e) {
        aws.setLoadingException(e);
      }
    }
  }

  @Override
  public void close() {}

  @Override
  public String toString() {
    return "MskIamCallbackHandler[" + credentials + "]";
  }

  /** The region for broker host names that name none. */
  private record FixedRegion(Region region) implements ConfigurableRegionProvider {
    @Override
    public Region getRegion(String host) {
      return region;
    }

    @Override
    public Region getRegion() {
      return region;
    }
  }
}
