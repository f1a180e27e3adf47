package dev.switchback.msk;

import static java.util.Objects.requireNonNull;

import dev.switchback.msk.sasl.MskIamCallbackHandler;
import dev.switchback.msk.sasl.MskIamCredentials;
import dev.switchback.msk.sasl.MskScramCallbackHandler;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.Supplier;
import software.amazon.msk.auth.iam.IAMLoginModule;

/**
 * The Kafka client properties that reach an MSK cluster, on top of a client's own: TLS always,
 * verifying the broker's certificate chain and host name ({@code
 * ssl.endpoint.identification.algorithm=https}, never turned off), trusting the JVM's
 * authorities (which trust MSK's) or those of a PEM file; and the SASL mechanism of the cluster's
 * authentication.
 *
 * <ul>
 *   <li>{@link #tls}: {@code security.protocol=SSL}, no SASL (MSK's TLS listener, port 9094).
 *   <li>{@link #scram}: {@code SASL_SSL} with {@code SCRAM-SHA-512} (port 9096); each handshake
 *       takes its username and password from the supplier through {@link
 *       MskScramCallbackHandler}, so neither sits in {@code sasl.jaas.config}.
 *   <li>{@link #iam}: {@code SASL_SSL} with {@code AWS_MSK_IAM} (port 9098), aws-msk-iam-auth's
 *       {@code IAMLoginModule}, signed with {@link MskIamCredentials} through {@link
 *       MskIamCallbackHandler}.
 * </ul>
 *
 * <p>Immutable. {@link #toString()} lists the properties; none of them is a secret (the
 * credential objects show only what {@link ScramSecret} and {@link MskIamCredentials} show), and
 * {@code sasl.jaas.config} is shown as {@code [hidden]} as Kafka does.
 */
public final class MskClientProperties {

  /** {@code security.protocol}. */
  public static final String SECURITY_PROTOCOL = "security.protocol";
  /** {@code ssl.endpoint.identification.algorithm}. */
  public static final String ENDPOINT_IDENTIFICATION = "ssl.endpoint.identification.algorithm";
  /** {@code ssl.truststore.type}. */
  public static final String TRUSTSTORE_TYPE = "ssl.truststore.type";
  /** {@code ssl.truststore.location}. */
  public static final String TRUSTSTORE_LOCATION = "ssl.truststore.location";
  /** {@code sasl.mechanism}. */
  public static final String SASL_MECHANISM = "sasl.mechanism";
  /** {@code sasl.jaas.config}. */
  public static final String SASL_JAAS_CONFIG = "sasl.jaas.config";
  /** {@code sasl.client.callback.handler.class}. */
  public static final String SASL_CALLBACK_HANDLER = "sasl.client.callback.handler.class";

  /** The only SCRAM mechanism MSK offers. */
  public static final String SCRAM_MECHANISM = "SCRAM-SHA-512";

  /**
   * The Kafka client settings MSK's security rests on; a client's own properties must not set
   * them (nor any other {@code ssl.*} or {@code sasl.*} setting), or they would weaken or break
   * what these properties set up.
   */
  public static final Set<String> SECURITY_PREFIXES = Set.of("security.", "ssl.", "sasl.");

  private static final String SCRAM_LOGIN_MODULE =
      "org.apache.kafka.common.security.scram.ScramLoginModule required;";
  private static final String IAM_LOGIN_MODULE = IAMLoginModule.class.getName() + " required;";

  private final Map<String, Object> properties;

  private MskClientProperties(Map<String, Object> properties) {
    this.properties = Collections.unmodifiableMap(properties);
  }

  /** TLS only, no SASL: MSK with unauthenticated access over TLS (or mutual TLS set up apart). */
  public static MskClientProperties tls(Optional<Path> caFile) {
    return new MskClientProperties(tlsProperties("SSL", caFile));
  }

  /**
   * SASL/SCRAM-SHA-512 over TLS, with each handshake's credentials from {@code credentials}
   * (typically a {@link ScramSecret}).
   */
  public static MskClientProperties scram(
      Optional<Path> caFile, Supplier<ScramCredentials> credentials) {
    requireNonNull(credentials, "credentials");
    Map<String, Object> properties = tlsProperties("SASL_SSL", caFile);
    properties.put(SASL_MECHANISM, SCRAM_MECHANISM);
    properties.put(SASL_JAAS_CONFIG, SCRAM_LOGIN_MODULE);
    properties.put(SASL_CALLBACK_HANDLER, MskScramCallbackHandler.class);
    properties.put(MskScramCallbackHandler.CREDENTIALS_CONFIG, credentials);
    return new MskClientProperties(properties);
  }

  /** SASL/IAM ({@code AWS_MSK_IAM}) over TLS, signed with {@code credentials}. */
  public static MskClientProperties iam(Optional<Path> caFile, MskIamCredentials credentials) {
    requireNonNull(credentials, "credentials");
    Map<String, Object> properties = tlsProperties("SASL_SSL", caFile);
    properties.put(SASL_MECHANISM, IAMLoginModule.MECHANISM);
    properties.put(SASL_JAAS_CONFIG, IAM_LOGIN_MODULE);
    properties.put(SASL_CALLBACK_HANDLER, MskIamCallbackHandler.class);
    properties.put(MskIamCallbackHandler.CREDENTIALS_CONFIG, credentials);
    return new MskClientProperties(properties);
  }

  private static Map<String, Object> tlsProperties(String protocol, Optional<Path> caFile) {
    requireNonNull(caFile, "caFile");
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put(SECURITY_PROTOCOL, protocol);
    properties.put(ENDPOINT_IDENTIFICATION, "https");
    caFile.ifPresent(file -> {
      properties.put(TRUSTSTORE_TYPE, "PEM");
      properties.put(TRUSTSTORE_LOCATION, file.toAbsolutePath().toString());
    });
    return properties;
  }

  /** Whether {@code key}, a client property, is one MSK's security owns. */
  public static boolean isSecuritySetting(String key) {
    return SECURITY_PREFIXES.stream().anyMatch(key::startsWith);
  }

  /** The properties, to add to a Kafka client's configuration. Unmodifiable. */
  public Map<String, Object> asMap() {
    return properties;
  }

  @Override
  public String toString() {
    StringJoiner out = new StringJoiner(", ", "MskClientProperties[", "]");
    properties.forEach((key, value) -> out.add(key + "=" + (key.equals(SASL_JAAS_CONFIG)
        ? "[hidden]" : value instanceof Class<?> type ? type.getName() : value)));
    return out.toString();
  }
}
