package dev.switchback.msk;

import dev.switchback.config.DurationConverter;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * What MSK adds to Kafka messaging's settings: where the cluster is, the trust for its TLS, and
 * how to authenticate. Not a mapping of its own: {@code MskMessagingConfig} extends it with the
 * Kafka adapter's settings under {@code switchback.messaging.msk}. {@link MskSettings#fromConfig}
 * checks the values.
 */
public interface MskConfig {

  /**
   * {@code bootstrap-servers}: the cluster's bootstrap brokers for the chosen authentication,
   * {@code host:port[,host:port...]} (the {@code BootstrapBrokerStringSaslScram}, {@code
   * ...SaslIam} or {@code ...Tls} of {@code aws kafka get-bootstrap-brokers}). Required.
   */
  Optional<String> bootstrapServers();

  /**
   * {@code auth}: {@code iam} (SASL/IAM signed with {@code switchback.aws.*}), {@code scram}
   * (SASL/SCRAM-SHA-512 with a Secrets Manager secret) or {@code tls} (TLS alone, no SASL).
   * Required, so no deployment ends up unauthenticated by omission.
   */
  Optional<String> auth();

  /** {@code tls.*}: whom to trust. TLS itself is always on. */
  Tls tls();

  /** {@code scram.*}: the secret of {@code auth=scram}. */
  Scram scram();

  /** The {@code tls.*} settings. */
  interface Tls {

    /**
     * {@code tls.ca-file}: a PEM file of the certificate authorities to trust instead of the
     * JVM's (a private CA, a test broker); default the JVM's trust store, which trusts MSK's
     * certificates. The broker's host name is always verified.
     */
    Optional<String> caFile();
  }

  /** The {@code scram.*} settings. */
  interface Scram {

    /**
     * {@code scram.secret-id}: the name or ARN of the Secrets Manager secret holding {@code
     * {"username":"...","password":"..."}}; its name must start with {@code AmazonMSK_}, as MSK
     * requires. Required with {@code auth=scram}.
     */
    Optional<String> secretId();

    /**
     * {@code scram.refresh-after}: how old the copy of the secret may get before a new
     * connection's login reads it again (so a rotated password is picked up without a restart);
     * positive, default {@code 30s}.
     */
    @WithDefault("30s")
    @WithConverter(DurationConverter.class)
    Duration refreshAfter();
  }
}
