package dev.switchback.msk;

import static java.util.Objects.requireNonNull;

import dev.switchback.aws.AwsClients;
import dev.switchback.kafka.KafkaConnection;
import dev.switchback.msk.sasl.MskIamCredentials;
import java.time.Clock;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * An MSK cluster's connection with what AWS adds to Kafka: the client properties of {@link
 * MskClientProperties} for the settings' authentication, the SCRAM secret read (once, here) or
 * the IAM credentials taken from the instance's {@link AwsClients}, and a description of who
 * logs in for messages.
 *
 * <pre>{@code
 * MskSecurity security = MskSecurity.open(settings, aws, secretsManager, Clock.systemUTC());
 * Messaging messaging = MskMessaging.open(security, kafkaSettings, openTelemetry);
 * }</pre>
 *
 * <p>Immutable and thread safe; {@link #toString()} holds no secret.
 */
public final class MskSecurity {
  private static final String SECRET_KEY = MskMessagingProvider.PREFIX + ".scram.secret-id";

  private final MskSettings settings;
  private final MskClientProperties properties;
  private final Optional<ScramSecret> secret;
  private final String identity;

  private MskSecurity(MskSettings settings, MskClientProperties properties,
      Optional<ScramSecret> secret, String identity) {
    this.settings = settings;
    this.properties = properties;
    this.secret = secret;
    this.identity = identity;
  }

  /**
   * The security of the cluster {@code settings} describe: with SCRAM the secret is read now
   * with {@code secretsManager}, with IAM handshakes are signed with {@code aws}'s credentials
   * provider, falling back to its region for broker names that name none. Each is required for
   * its authentication only: TLS alone needs neither.
   *
   * @throws dev.switchback.ConfigurationException if the SCRAM secret is missing, denied or
   *     malformed
   * @throws dev.switchback.BackendUnavailableException if Secrets Manager cannot be reached
   */
  public static MskSecurity open(MskSettings settings, @Nullable AwsClients aws,
      @Nullable SecretsManagerClient secretsManager, Clock clock) {
    requireNonNull(settings, "settings");
    requireNonNull(clock, "clock");
    MskAuth auth = settings.auth();
    if (auth instanceof MskAuth.Scram scram) {
      requireNonNull(secretsManager, "secretsManager is required with SCRAM");
      ScramSecret secret = ScramSecret.read(
          secretsManager, scram.secretId(), SECRET_KEY, scram.refreshAfter(), clock);
      return new MskSecurity(settings, MskClientProperties.scram(settings.caFile(), secret),
          Optional.of(secret), "SCRAM user " + secret.get().username() + " (secret "
              + scram.secretId() + ")");
    }
    if (auth instanceof MskAuth.Iam) {
      requireNonNull(aws, "aws is required with IAM");
      return new MskSecurity(settings, MskClientProperties.iam(settings.caFile(),
          new MskIamCredentials(aws.credentialsProvider(), aws.region())), Optional.empty(),
          "IAM with the switchback.aws credentials (" + aws.credentialsSource().configName()
              + ", region " + aws.region() + ")");
    }
    return new MskSecurity(settings, MskClientProperties.tls(settings.caFile()), Optional.empty(),
        "TLS without SASL");
  }

  /** The connection the Kafka adapter's clients use: bootstrap brokers and these properties. */
  public KafkaConnection connection() {
    return KafkaConnection.to(settings.bootstrapServers()).withClientProperties(properties.asMap());
  }

  /** The settings. */
  public MskSettings settings() {
    return settings;
  }

  /** The client properties. */
  public MskClientProperties properties() {
    return properties;
  }

  /** The SCRAM secret, with {@code auth=scram}. */
  public Optional<ScramSecret> scramSecret() {
    return secret;
  }

  /** Who logs in, for messages: the SCRAM user and secret, IAM, or TLS alone. */
  public String identity() {
    return identity;
  }

  @Override
  public String toString() {
    return "MskSecurity[" + settings.bootstrapServers() + ", " + identity
        + settings.caFile().map(f -> ", caFile=" + f).orElse("") + "]";
  }
}
