package dev.switchback.msk.sasl;

import static java.util.Objects.requireNonNull;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * What {@link MskIamCallbackHandler} signs SASL/IAM handshakes with: the credentials provider of
 * the Switchback instance ({@code switchback.aws.*}: static, web identity or the default chain)
 * and the region to sign for when a broker's host name names none. Put into the Kafka client's
 * configuration under {@link MskIamCallbackHandler#CREDENTIALS_CONFIG}.
 *
 * @param provider asked for credentials at every handshake; it caches and refreshes them
 * @param region the signing region for broker host names without one (MSK's own names, {@code
 *     b-1.<cluster>.<id>.c2.kafka.<region>.amazonaws.com}, carry theirs)
 */
public record MskIamCredentials(AwsCredentialsProvider provider, Region region) {
  public MskIamCredentials {
    requireNonNull(provider, "provider");
    requireNonNull(region, "region");
  }

  /** Names the provider's type and the region; never a key. */
  @Override
  public String toString() {
    return "MskIamCredentials[" + provider.getClass().getSimpleName() + ", region=" + region + "]";
  }
}
