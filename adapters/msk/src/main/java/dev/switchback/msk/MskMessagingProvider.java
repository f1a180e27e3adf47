package dev.switchback.msk;

import dev.switchback.ConfigurationException;
import dev.switchback.aws.AwsClients;
import dev.switchback.kafka.KafkaMessagingSettings;
import dev.switchback.messaging.Messaging;
import dev.switchback.messaging.spi.MessagingProvider;
import dev.switchback.msk.internal.SecretsManagerClients;
import dev.switchback.spi.ProviderContext;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Makes messaging for {@code switchback.messaging.backend=msk}: the Kafka adapter's {@link
 * dev.switchback.kafka.KafkaMessaging} on a connection with MSK's TLS and authentication ({@link MskSecurity}),
 * configured by {@link MskMessagingConfig}, its failures to authenticate reported by {@link
 * MskMessaging}.
 */
public final class MskMessagingProvider implements MessagingProvider {

  /** The backend name: {@code msk}. */
  public static final String NAME = "msk";

  /** The prefix of the settings. */
  public static final String PREFIX = "switchback.messaging.msk";

  /** Called by {@link java.util.ServiceLoader}. */
  public MskMessagingProvider() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Optional<Class<?>> configMapping() {
    return Optional.of(MskMessagingConfig.class);
  }

  /**
   * Messaging on the configured MSK cluster. With {@code auth=scram} the secret is read here;
   * then one login checks the credentials and the trust ({@link MskMessaging#open}). A cluster
   * that does not answer in time is reached in the background, so it shows as failed publishes.
   *
   * @throws ConfigurationException naming the key, for a missing, malformed or contradictory
   *     setting, a producer or consumer property that would change MSK's TLS or SASL settings, a
   *     secret that is missing, denied or malformed
   * @throws dev.switchback.BackendUnavailableException if Secrets Manager cannot be reached, or
   *     the cluster refused the TLS handshake
   * @throws dev.switchback.AuthenticationFailedException if the cluster refused the login
   */
  @Override
  public Messaging create(ProviderContext context) {
    MskMessagingConfig config = context.config(MskMessagingConfig.class);
    MskSettings settings = MskSettings.fromConfig(config, PREFIX);
    KafkaMessagingSettings kafka = KafkaMessagingSettings.fromConfig(config, PREFIX);
    refuseSecuritySettings(PREFIX + ".producer", kafka.producerProperties());
    refuseSecuritySettings(PREFIX + ".consumer", kafka.consumerProperties());
    MskAuth auth = settings.auth();
    // switchback.aws.* (a region above all) is needed only when AWS is called.
    AwsClients aws = auth instanceof MskAuth.Tls ? null : AwsClients.from(context);
    MskSecurity security = MskSecurity.open(settings, aws,
        aws != null && auth instanceof MskAuth.Scram ? SecretsManagerClients.shared(context, aws)
            : null,
        Clock.systemUTC());
    return MskMessaging.open(security, kafka, context.openTelemetry());
  }

  private static void refuseSecuritySettings(String prefix, Map<String, String> properties) {
    for (String key : properties.keySet()) {
      if (MskClientProperties.isSecuritySetting(key)) {
        throw new ConfigurationException(prefix + "." + key + " is not accepted: MSK's TLS and"
            + " SASL settings come from " + PREFIX + ".auth and " + PREFIX + ".tls.ca-file, and"
            + " TLS verification cannot be changed");
      }
    }
  }
}
