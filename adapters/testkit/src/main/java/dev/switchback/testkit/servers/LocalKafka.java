package dev.switchback.testkit.servers;

import dev.switchback.testkit.servers.TestCertificateAuthority.ServerCertificate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Uuid;
import org.jspecify.annotations.Nullable;

/**
 * A real Kafka for tests: a KRaft broker that is its own controller, in a process of its own
 * started from the test JVM's class path ({@code kafka.tools.StorageTool format}, then {@code
 * kafka.Kafka server.properties}), listening on {@code 127.0.0.1}.
 *
 * <ul>
 *   <li>{@link #shared()}: one per JVM, started on first use and stopped when the JVM exits.
 *       Every test uses it, so it cannot be stopped or restarted; use topic and group names of
 *       the test's own.
 *   <li>{@link #second()}: another cluster shared the same way, independent of the first: the
 *       other side of a migration between two Kafka clusters.
 *   <li>{@link #sharedSaslSsl()}: a shared cluster whose client listener speaks SASL_SSL with
 *       SCRAM-SHA-512, the shape of an MSK cluster with SCRAM authentication.
 *   <li>{@link #start()}, {@link #start(Map)}, {@link #startSaslSsl()}: a dedicated cluster on
 *       free ports, for tests that {@link #stop()}, {@link #kill()} or {@link #restart()} it. A
 *       restart keeps the port, the cluster id and the data. Stop it for good with {@link
 *       #close()}; it is also stopped at JVM exit.
 * </ul>
 *
 * <p><b>What a test module adds.</b> The testkit does not bring Kafka: a module whose tests use
 * this class adds {@code org.apache.kafka:kafka_2.13} in test scope (the version of its
 * kafka-clients; the parent pom manages both), and an SLF4J binding such as {@code
 * org.slf4j:slf4j-jdk14} to see the broker's log. Without the broker on the class path every
 * factory fails with an {@link IllegalStateException} saying so.
 *
 * <p><b>The broker</b> runs with a 512 MiB heap and settings for one node: replication factor 1
 * for every internal topic, {@code group.initial.rebalance.delay.ms=0}, {@code
 * num.partitions=1} and {@code auto.create.topics.enable=false}, as on MSK: clients create their
 * topics (extra settings given to {@link #start(Map)} win over these). Its directory holds
 * {@code server.properties}, the data and {@code broker.log}, which errors quote. The process
 * halts by itself if the test JVM dies without running its exit hooks.
 *
 * <p><b>SASL_SSL clusters</b> have a second, plaintext listener for the broker's own traffic;
 * clients reach only the SASL_SSL one. Its certificate, for {@code localhost} and {@code
 * 127.0.0.1}, comes from a new {@link TestCertificateAuthority} ({@link
 * #certificateAuthority()}); the SCRAM user {@value #USERNAME} has a random {@link #password()}
 * and is created when the storage is formatted. {@link #clientProperties()} holds all of it.
 *
 * <p>Thread safe.
 */
public final class LocalKafka implements TestServer, AutoCloseable {

  /** The host every instance listens on. */
  public static final String HOST = "127.0.0.1";

  /** The SASL mechanism of SASL_SSL clusters. */
  public static final String SCRAM_MECHANISM = "SCRAM-SHA-512";

  /** The SCRAM user of SASL_SSL clusters. */
  public static final String USERNAME = "switchback";

  private static final String SCRAM_LOGIN_MODULE =
      "org.apache.kafka.common.security.scram.ScramLoginModule";
  private static final SharedServer<LocalKafka> SHARED =
      new SharedServer<>(() -> launch(true, false, Map.of()));
  private static final SharedServer<LocalKafka> SECOND =
      new SharedServer<>(() -> launch(true, false, Map.of()));
  private static final SharedServer<LocalKafka> SHARED_SASL_SSL =
      new SharedServer<>(() -> launch(true, true, Map.of()));

  private final int port;
  private final String clusterId;
  private final @Nullable Credentials credentials; // null for a plaintext cluster
  private final KafkaBroker broker;
  private final ServerLifecycle lifecycle;

  /** The SASL_SSL side: the certificate the listener presents and the SCRAM password. */
  private record Credentials(ServerCertificate certificate, String password) {}

  private LocalKafka(
      int port,
      String clusterId,
      @Nullable Credentials credentials,
      KafkaBroker broker,
      boolean shareable) {
    this.port = port;
    this.clusterId = clusterId;
    this.credentials = credentials;
    this.broker = broker;
    this.lifecycle =
        new ServerLifecycle("Kafka", "LocalKafka.start()", shareable, broker::stopForGood);
  }

  /**
   * The plaintext cluster shared by every test in this JVM, started on first call.
   *
   * @throws IllegalStateException if the broker is not on the class path or does not start
   */
  public static LocalKafka shared() {
    return SHARED.get();
  }

  /**
   * A second plaintext cluster shared by every test in this JVM, independent of {@link
   * #shared()}: its own process, ports, cluster id and data.
   *
   * @throws IllegalStateException if the broker is not on the class path or does not start
   */
  public static LocalKafka second() {
    return SECOND.get();
  }

  /**
   * The SASL_SSL (SCRAM-SHA-512) cluster shared by every test in this JVM.
   *
   * @throws IllegalStateException if the broker or {@code openssl} is missing, or it does not
   *     start
   */
  public static LocalKafka sharedSaslSsl() {
    return SHARED_SASL_SSL.get();
  }

  /**
   * Starts a dedicated plaintext cluster on free ports and waits until it answers.
   *
   * @throws IllegalStateException if the broker is not on the class path or does not start
   */
  public static LocalKafka start() {
    return launch(false, false, Map.of());
  }

  /**
   * Starts a dedicated plaintext cluster whose {@code server.properties} also hold {@code
   * brokerSettings}, which win over the testkit's (for example {@code message.max.bytes}).
   *
   * @throws IllegalStateException if the broker is not on the class path or does not start
   */
  public static LocalKafka start(Map<String, String> brokerSettings) {
    return launch(false, false, Map.copyOf(brokerSettings));
  }

  /**
   * Starts a dedicated SASL_SSL (SCRAM-SHA-512) cluster on free ports.
   *
   * @throws IllegalStateException if the broker or {@code openssl} is missing, or it does not
   *     start
   */
  public static LocalKafka startSaslSsl() {
    return launch(false, true, Map.of());
  }

  private static LocalKafka launch(
      boolean shareable, boolean saslSsl, Map<String, String> brokerSettings) {
    List<Integer> ports = new ArrayList<>();
    for (int i = saslSsl ? 3 : 2; i > 0; i--) {
      ports.add(FreePort.pickOutsideEphemeral(ports));
    }
    int port = ports.get(0);
    int controllerPort = ports.get(1);
    int internalPort = saslSsl ? ports.get(2) : port;
    Path directory = newDirectory();
    Credentials credentials =
        saslSsl
            ? new Credentials(
                TestCertificateAuthority.create("Switchback Kafka test CA")
                    .issue("localhost", HOST),
                randomPassword())
            : null;
    Map<String, String> settings =
        settings(directory, port, controllerPort, internalPort, credentials);
    settings.putAll(brokerSettings);
    String name = (saslSsl ? "SASL_SSL Kafka" : "Kafka") + " on port " + port;
    KafkaBroker broker;
    try {
      broker = KafkaBroker.prepare(name, directory, settings, HOST + ":" + internalPort);
    } catch (RuntimeException e) {
      ServerProcess.deleteTree(directory);
      throw e;
    }
    String clusterId = Uuid.randomUuid().toString();
    LocalKafka kafka = new LocalKafka(port, clusterId, credentials, broker, shareable);
    List<String> formatOptions =
        credentials == null
            ? List.of()
            : List.of("--add-scram", SCRAM_MECHANISM + "=[name=" + USERNAME + ",password="
                + credentials.password() + "]");
    kafka.lifecycle.launch(
        "stop-kafka-" + port,
        () -> {
          broker.format(clusterId, formatOptions);
          broker.launch();
        });
    return kafka;
  }

  private static Map<String, String> settings(
      Path directory,
      int port,
      int controllerPort,
      int internalPort,
      @Nullable Credentials credentials) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("process.roles", "broker,controller");
    settings.put("node.id", "1");
    settings.put("controller.quorum.voters", "1@" + HOST + ":" + controllerPort);
    settings.put("controller.listener.names", "CONTROLLER");
    if (credentials == null) {
      settings.put("listeners",
          "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
      settings.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
      settings.put("inter.broker.listener.name", "PLAINTEXT");
      settings.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    } else {
      settings.put("listeners", "SASL_SSL://" + HOST + ":" + port + ",INTERNAL://" + HOST + ":"
          + internalPort + ",CONTROLLER://" + HOST + ":" + controllerPort);
      settings.put("advertised.listeners",
          "SASL_SSL://" + HOST + ":" + port + ",INTERNAL://" + HOST + ":" + internalPort);
      settings.put("inter.broker.listener.name", "INTERNAL");
      settings.put("listener.security.protocol.map",
          "SASL_SSL:SASL_SSL,INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT");
      settings.put("sasl.enabled.mechanisms", SCRAM_MECHANISM);
      settings.put("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config",
          SCRAM_LOGIN_MODULE + " required;");
      settings.put("ssl.keystore.type", "PEM");
      settings.put("ssl.keystore.certificate.chain",
          read(credentials.certificate().certificate()));
      settings.put("ssl.keystore.key", read(credentials.certificate().privateKey()));
      settings.put("ssl.client.auth", "none");
    }
    settings.put("log.dirs", directory.resolve("data").toString());
    settings.put("num.partitions", "1");
    settings.put("default.replication.factor", "1");
    settings.put("min.insync.replicas", "1");
    settings.put("auto.create.topics.enable", "false");
    settings.put("group.initial.rebalance.delay.ms", "0");
    settings.put("offsets.topic.replication.factor", "1");
    settings.put("offsets.topic.num.partitions", "5");
    settings.put("transaction.state.log.replication.factor", "1");
    settings.put("transaction.state.log.min.isr", "1");
    settings.put("transaction.state.log.num.partitions", "5");
    settings.put("share.coordinator.state.topic.replication.factor", "1");
    settings.put("share.coordinator.state.topic.min.isr", "1");
    settings.put("num.network.threads", "2");
    settings.put("num.io.threads", "4");
    settings.put("num.recovery.threads.per.data.dir", "1");
    settings.put("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024));
    return settings;
  }

  @Override
  public String host() {
    return HOST;
  }

  /** The port clients connect to (the SASL_SSL one on a SASL_SSL cluster). */
  @Override
  public int port() {
    return port;
  }

  /** {@code kafka://127.0.0.1:<port>}; the protocol to speak is {@link #securityProtocol()}. */
  @Override
  public URI uri() {
    return URI.create("kafka://" + HOST + ":" + port);
  }

  /** {@code 127.0.0.1:<port>}, the value of a client's {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return HOST + ":" + port;
  }

  /** The cluster id the storage was formatted with; a restart keeps it. */
  public String clusterId() {
    return clusterId;
  }

  /** {@code PLAINTEXT}, or {@code SASL_SSL} for a SASL_SSL cluster. */
  public String securityProtocol() {
    return credentials == null ? "PLAINTEXT" : "SASL_SSL";
  }

  /** Whether clients must speak SASL_SSL with SCRAM-SHA-512. */
  public boolean isSaslSsl() {
    return credentials != null;
  }

  /**
   * The PEM file of the authority that issued the listener's certificate.
   *
   * @throws IllegalStateException for a plaintext cluster
   */
  public Path certificateAuthority() {
    return saslSsl().certificate().issuer();
  }

  /**
   * The SCRAM user, {@value #USERNAME}.
   *
   * @throws IllegalStateException for a plaintext cluster
   */
  public String username() {
    saslSsl();
    return USERNAME;
  }

  /**
   * The SCRAM user's password, random per cluster.
   *
   * @throws IllegalStateException for a plaintext cluster
   */
  public String password() {
    return saslSsl().password();
  }

  /**
   * What a producer, consumer or admin client needs to reach this cluster: {@code
   * bootstrap.servers}, and on a SASL_SSL cluster {@code security.protocol}, {@code
   * sasl.mechanism}, {@code sasl.jaas.config} and a PEM trust store of {@link
   * #certificateAuthority()}. A new mutable map each call.
   */
  public Map<String, Object> clientProperties() {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("bootstrap.servers", bootstrapServers());
    if (credentials != null) {
      properties.put("security.protocol", "SASL_SSL");
      properties.put("sasl.mechanism", SCRAM_MECHANISM);
      properties.put("sasl.jaas.config", SCRAM_LOGIN_MODULE + " required username=\""
          + USERNAME + "\" password=\"" + credentials.password() + "\";");
      properties.put("ssl.truststore.type", "PEM");
      properties.put("ssl.truststore.location", certificateAuthority().toString());
    }
    return properties;
  }

  /** Whether the broker process is alive. */
  public boolean isRunning() {
    return broker.isAlive();
  }

  /**
   * Stops the broker gracefully (a controlled shutdown); {@link #restart()} starts it again.
   *
   * @throws IllegalStateException for a shared instance
   */
  public void stop() {
    lifecycle.changeDedicated("stop", broker::stop);
  }

  /**
   * Kills the broker at once (SIGKILL), as a crash; {@link #restart()} brings it back with the
   * data it had written.
   *
   * @throws IllegalStateException for a shared instance
   */
  public void kill() {
    lifecycle.changeDedicated("kill", broker::kill);
  }

  /**
   * Stops the broker if it runs (gracefully) and starts it again on the same ports with the
   * same data, waiting until it answers.
   *
   * @throws IllegalStateException for a shared instance, or if it does not come back
   */
  public void restart() {
    lifecycle.changeDedicated(
        "restart",
        () -> {
          broker.stop();
          broker.launch();
        });
  }

  /** Stops a dedicated cluster for good and deletes its data; does nothing for a shared one. */
  @Override
  public void close() {
    lifecycle.close();
  }

  @Override
  public String toString() {
    return "LocalKafka[" + securityProtocol() + "://" + bootstrapServers() + "]";
  }

  private Credentials saslSsl() {
    if (credentials == null) {
      throw new IllegalStateException(this + " is a plaintext cluster; use "
          + "LocalKafka.sharedSaslSsl() or LocalKafka.startSaslSsl() for SASL_SSL");
    }
    return credentials;
  }

  private static Path newDirectory() {
    try {
      return Files.createTempDirectory("switchback-kafka");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a directory for Kafka", e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static String randomPassword() {
    byte[] secret = new byte[16];
    new SecureRandom().nextBytes(secret);
    return HexFormat.of().formatHex(secret);
  }
}
