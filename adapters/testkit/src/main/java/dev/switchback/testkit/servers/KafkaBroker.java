package dev.switchback.testkit.servers;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.StringJoiner;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.jspecify.annotations.Nullable;

/**
 * One KRaft broker process (combined broker and controller) that the testkit started, in a
 * directory of its own holding its settings, its log and its data. The process runs on the test
 * JVM's own class path, so the broker is whatever {@code kafka_2.13} the test module depends on.
 * Not thread safe: {@link LocalKafka} calls it under its {@link ServerLifecycle}'s lock.
 */
final class KafkaBroker {
  private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration STOP_GRACE = Duration.ofSeconds(20);
  private static final Duration READY_PROBE = Duration.ofSeconds(2);
  private static final String BROKER_CLASS = "kafka/Kafka.class";
  private static final String ADMIN_CLASS = "org/apache/kafka/clients/admin/Admin.class";

  /** What a test module adds to run brokers, for error messages. */
  static final String MISSING_BROKER =
      "the Kafka broker is not on the test class path; add org.apache.kafka:kafka_2.13 (test"
          + " scope, the version of kafka-clients) and an SLF4J binding such as"
          + " org.slf4j:slf4j-jdk14 to the module that uses LocalKafka";

  private final String name;
  private final Path directory;
  private final String readinessBootstrap;
  private final Path log;
  private @Nullable Process process;

  private KafkaBroker(String name, Path directory, String readinessBootstrap) {
    this.name = name;
    this.directory = directory;
    this.readinessBootstrap = readinessBootstrap;
    this.log = directory.resolve("broker.log");
  }

  /**
   * Writes {@code settings} as the broker's {@code server.properties} in {@code directory};
   * nothing runs until {@link #format} and {@link #launch()}.
   *
   * @param name the broker in messages, for example {@code Kafka on port 9092}
   * @param readinessBootstrap a plaintext listener ({@code host:port}) to probe for readiness
   * @throws IllegalStateException if the broker or the Kafka clients are not on the class path
   */
  static KafkaBroker prepare(
      String name, Path directory, Map<String, String> settings, String readinessBootstrap) {
    ClassLoader loader = KafkaBroker.class.getClassLoader();
    if (loader.getResource(BROKER_CLASS) == null || loader.getResource(ADMIN_CLASS) == null) {
      throw new IllegalStateException(MISSING_BROKER);
    }
    writeProperties(directory.resolve("server.properties"), settings);
    return new KafkaBroker(name, directory, readinessBootstrap);
  }

  /**
   * Formats the broker's storage for cluster {@code clusterId} ({@code kafka-storage format}).
   *
   * @param options extra options of the tool, such as {@code --add-scram}; they reach it in a
   *     file, never on a command line
   * @throws IllegalStateException if formatting fails
   */
  void format(String clusterId, List<String> options) {
    List<String> format = new ArrayList<>(jvmOptions("256m"));
    format.addAll(List.of("kafka.tools.StorageTool", "format", "--cluster-id", clusterId,
        "--config", directory.resolve("server.properties").toString(), "--ignore-formatted"));
    format.addAll(options);
    ServerProcess.run(
        javaWithArgumentFile(directory.resolve("format.args"), format),
        directory,
        directory.resolve("format.log"),
        FORMAT_TIMEOUT);
  }

  /** Starts the broker and waits until it answers on its plaintext listener. */
  void launch() {
    List<String> run = new ArrayList<>(jvmOptions("512m"));
    run.addAll(List.of(KafkaBrokerMain.class.getName(),
        Long.toString(ProcessHandle.current().pid()),
        directory.resolve("server.properties").toString()));
    Process started =
        ServerProcess.start(javaWithArgumentFile(directory.resolve("broker.args"), run),
            directory, log);
    process = started;
    try (Admin admin = Admin.create(probeSettings())) {
      ServerProcess.awaitReady(name, () -> answers(admin), START_TIMEOUT, started, log);
    } catch (RuntimeException e) {
      kill();
      throw e;
    }
  }

  /** Whether the broker process is alive. */
  boolean isAlive() {
    Process running = process;
    return running != null && running.isAlive();
  }

  /** Stops the broker gracefully (SIGTERM, a controlled shutdown), killing it if it lingers. */
  void stop() {
    Process running = process;
    process = null;
    if (running != null) {
      ServerProcess.stop(running, STOP_GRACE);
    }
  }

  /** Kills the broker at once (SIGKILL), as a crash: what it had not flushed is up to the OS. */
  void kill() {
    Process running = process;
    process = null;
    if (running != null) {
      ServerProcess.kill(running);
    }
  }

  /** Kills the broker if it runs and deletes its directory. */
  void stopForGood() {
    kill();
    ServerProcess.deleteTree(directory);
  }

  private boolean answers(Admin admin) {
    try {
      return !admin.describeCluster(
              new DescribeClusterOptions().timeoutMs((int) READY_PROBE.toMillis()))
          .nodes()
          .get(READY_PROBE.toMillis() * 2, TimeUnit.MILLISECONDS)
          .isEmpty();
    } catch (ExecutionException | TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + name, e);
    }
  }

  private Properties probeSettings() {
    Properties settings = new Properties();
    settings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, readinessBootstrap);
    settings.put(AdminClientConfig.CLIENT_ID_CONFIG, "switchback-testkit-probe");
    settings.put(AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, "50");
    settings.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "200");
    settings.put(
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(READY_PROBE.toMillis()));
    return settings;
  }

  // Small heap, serial GC and the C1 compiler only: a test broker starts fast and stays small.
  private static List<String> jvmOptions(String maxHeap) {
    return List.of("-cp", absoluteClassPath(), "-Xms64m", "-Xmx" + maxHeap,
        "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true",
        "-Djava.net.preferIPv4Stack=true");
  }

  /**
   * {@code java @file} with {@code arguments} written to {@code file}: keeps a long class path
   * and any secret (a SCRAM password) off the command line, which error messages quote.
   */
  private static List<String> javaWithArgumentFile(Path file, List<String> arguments) {
    StringBuilder text = new StringBuilder();
    for (String argument : arguments) {
      text.append('"')
          .append(argument.replace("\\", "\\\\").replace("\"", "\\\""))
          .append("\"\n");
    }
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return List.of(java.toString(), "@" + file);
  }

  private static void writeProperties(Path file, Map<String, String> settings) {
    Properties properties = new Properties();
    properties.putAll(settings);
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      properties.store(out, "written by the Switchback testkit");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  @Override
  public String toString() {
    return "KafkaBroker[" + name + ", " + directory + "]";
  }

  // The broker runs in a directory of its own: entries relative to ours (java -jar target/x.jar)
  // would not be found from there.
  private static String absoluteClassPath() {
    StringJoiner path = new StringJoiner(File.pathSeparator);
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      path.add(entry.isEmpty() ? entry : Path.of(entry).toAbsolutePath().toString());
    }
    return path.toString();
  }
}
