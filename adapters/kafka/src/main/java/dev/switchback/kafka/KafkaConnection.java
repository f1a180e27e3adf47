package dev.switchback.kafka;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * How to reach one Kafka cluster: its bootstrap servers and the client properties every client
 * of it needs, such as TLS and SASL settings. The same for the producer, the consumers and the
 * admin client of a {@link KafkaMessaging}; a backend on a managed cluster (MSK) builds one with
 * its own security properties and reuses everything else.
 *
 * <p>Immutable and thread safe. Property values may be secrets (a JAAS line with a password):
 * {@link #toString()} shows only the property names.
 */
public final class KafkaConnection {
  private final String bootstrapServers;
  private final Map<String, Object> properties;

  private KafkaConnection(String bootstrapServers, Map<String, Object> properties) {
    this.bootstrapServers = bootstrapServers;
    this.properties = properties;
  }

  /**
   * A connection to the cluster at {@code bootstrapServers} ({@code host:port[,host:port...]}),
   * plaintext and unauthenticated until {@link #withClientProperties} adds more.
   *
   * @throws IllegalArgumentException if {@code bootstrapServers} is blank
   */
  public static KafkaConnection to(String bootstrapServers) {
    requireNonNull(bootstrapServers, "bootstrapServers");
    if (bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("bootstrapServers must not be blank");
    }
    return new KafkaConnection(bootstrapServers.trim(), Map.of());
  }

  /**
   * This connection with {@code clientProperties} added (later values win): Kafka client
   * settings such as {@code security.protocol}, {@code ssl.truststore.location}, {@code
   * sasl.mechanism} or {@code sasl.jaas.config}, given to every client.
   *
   * @throws IllegalArgumentException if they set {@code bootstrap.servers}
   */
  public KafkaConnection withClientProperties(Map<String, ?> clientProperties) {
    requireNonNull(clientProperties, "clientProperties");
    if (clientProperties.containsKey(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)) {
      throw new IllegalArgumentException(
          "bootstrap.servers is the connection's own; give it to KafkaConnection.to(...)");
    }
    Map<String, Object> merged = new LinkedHashMap<>(properties);
    clientProperties.forEach(
        (name, value) -> merged.put(requireNonNull(name, "name"), requireNonNull(value, name)));
    return new KafkaConnection(bootstrapServers, Map.copyOf(merged));
  }

  /** The bootstrap servers, {@code host:port[,host:port...]}. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /**
   * {@code bootstrap.servers} and every client property of this connection, in a new mutable map
   * that a caller may add its client's own settings to.
   */
  public Map<String, Object> clientProperties() {
    Map<String, Object> all = new LinkedHashMap<>(properties);
    all.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return all;
  }

  /**
   * A new admin client of this cluster with {@code client.id} {@code clientId}, for topic
   * management and consumer group queries; the caller closes it.
   */
  public Admin createAdmin(String clientId) {
    Map<String, Object> settings = clientProperties();
    settings.put(AdminClientConfig.CLIENT_ID_CONFIG, requireNonNull(clientId, "clientId"));
    return Admin.create(settings);
  }

  @Override
  public String toString() {
    return "KafkaConnection[" + bootstrapServers + ", client properties "
        + new TreeSet<>(properties.keySet()) + "]";
  }
}
