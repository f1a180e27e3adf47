package dev.switchback.msk;

import static java.util.Objects.requireNonNull;

import dev.switchback.ConfigurationException;
import dev.switchback.spi.support.SettingChecks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checked settings of an MSK cluster: its bootstrap brokers, the authorities trusted for its TLS
 * and how clients authenticate. Immutable; {@link #toString()} holds no secret (a SCRAM secret is
 * named, never read here).
 */
public final class MskSettings {

  /** The accepted form of {@code bootstrap-servers}, for messages. */
  public static final String BOOTSTRAP_FORM = "host:port[,host:port...], for example"
      + " b-1.orders.a1b2c3.c2.kafka.eu-west-1.amazonaws.com:9096 (every broker with its port,"
      + " no scheme)";

  // A DNS name or IPv4 address, or an IPv6 address in brackets; then :port.
  private static final Pattern BROKER =
      Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?):(\\d{1,5})");

  private final String bootstrapServers;
  private final Optional<Path> caFile;
  private final MskAuth auth;

  private MskSettings(String bootstrapServers, Optional<Path> caFile, MskAuth auth) {
    this.bootstrapServers = bootstrapServers;
    this.caFile = caFile;
    this.auth = auth;
  }

  /**
   * Settings for the cluster at {@code bootstrapServers}, trusting {@code caFile}'s authorities
   * (else the JVM's), authenticating as {@code auth}.
   *
   * @throws IllegalArgumentException if the bootstrap servers are blank
   */
  public static MskSettings of(String bootstrapServers, Optional<Path> caFile, MskAuth auth) {
    requireNonNull(bootstrapServers, "bootstrapServers");
    requireNonNull(caFile, "caFile");
    requireNonNull(auth, "auth");
    if (bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("bootstrapServers must not be blank");
    }
    return new MskSettings(bootstrapServers.trim(), caFile, auth);
  }

  /**
   * The settings in {@code config}, whose keys sit under {@code prefix} (for example {@code
   * switchback.messaging.msk}).
   *
   * @throws ConfigurationException naming the full key of the first missing, malformed or
   *     contradictory value, with the accepted values
   */
  public static MskSettings fromConfig(MskConfig config, String prefix) {
    requireNonNull(config, "config");
    requireNonNull(prefix, "prefix");
    String bootstrapKey = prefix + ".bootstrap-servers";
    String bootstrap = bootstrapServers(bootstrapKey, config.bootstrapServers()
        .orElseThrow(() -> new ConfigurationException(bootstrapKey + " is required: "
            + BOOTSTRAP_FORM)));
    Optional<Path> caFile = config.tls().caFile()
        .map(file -> SettingChecks.caFile(prefix + ".tls.ca-file", file));
    return new MskSettings(bootstrap, caFile, auth(config, prefix));
  }

  private static MskAuth auth(MskConfig config, String prefix) {
    String authKey = prefix + ".auth";
    String secretKey = prefix + ".scram.secret-id";
    String mode = config.auth().map(a -> a.trim().toLowerCase(Locale.ROOT))
        .orElseThrow(() -> new ConfigurationException(authKey + " is required; accepted values: "
            + MskAuth.VALUES));
    Optional<String> secretId = config.scram().secretId();
    switch (mode) {
      case "scram": {
        String id = secretId.filter(s -> !s.isBlank()).orElseThrow(() ->
            new ConfigurationException(secretKey + " is required with " + authKey + "=scram: the"
                + " name or ARN of the Secrets Manager secret (AmazonMSK_...) with the username"
                + " and password"));
        return MskAuth.scram(ScramSecret.requireMskName(secretKey, id), SettingChecks.positive(
            prefix + ".scram.refresh-after", config.scram().refreshAfter()));
      }
      case "iam":
      case "tls":
        if (secretId.isPresent()) {
          throw new ConfigurationException(secretKey + " is not used with " + authKey + "="
              + mode + ": remove it or set " + authKey + "=scram");
        }
        return mode.equals("iam") ? MskAuth.iam() : MskAuth.tls();
      default:
        throw new ConfigurationException("Invalid value for " + authKey + ": '" + mode
            + "'; accepted values: " + MskAuth.VALUES);
    }
  }

  private static String bootstrapServers(String key, String value) {
    List<String> brokers = new ArrayList<>();
    for (String part : value.split(",", -1)) {
      String broker = part.trim();
      Matcher matcher = BROKER.matcher(broker);
      if (!matcher.matches()) {
        throw new ConfigurationException("Invalid value for " + key + ": '" + broker
            + "' is not host:port; accepted form: " + BOOTSTRAP_FORM);
      }
      int port = Integer.parseInt(matcher.group(3));
      if (port < 1 || port > 65_535) {
        throw new ConfigurationException("Invalid value for " + key + ": '" + broker
            + "' (the port must be 1 to 65535); accepted form: " + BOOTSTRAP_FORM);
      }
      brokers.add(broker);
    }
    return String.join(",", brokers);
  }

  /** The bootstrap brokers, {@code host:port[,host:port...]}. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** The PEM file of the authorities to trust instead of the JVM's, if any. */
  public Optional<Path> caFile() {
    return caFile;
  }

  /** How clients authenticate. */
  public MskAuth auth() {
    return auth;
  }

  @Override
  public String toString() {
    return "MskSettings[bootstrapServers=" + bootstrapServers
        + caFile.map(f -> ", caFile=" + f).orElse("") + ", auth=" + auth + "]";
  }
}
