package dev.switchback.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchback.MigrationBackends;
import dev.switchback.messaging.Message;
import dev.switchback.messaging.Messaging;
import dev.switchback.messaging.MessagingLag;
import dev.switchback.messaging.Subscription;
import dev.switchback.migration.Side;
import dev.switchback.testkit.Eventually;
import dev.switchback.testkit.Stages;
import dev.switchback.testkit.servers.LocalKafka;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code drain status} against real brokers: the shared Kafka as the old side, the shared
 * SASL_SSL Kafka as MSK on the new side, the service's side of the migration built from the same
 * configuration file the command reads.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DrainStatusTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path dir;
  private KafkaToMsk migration;
  private MigrationBackends service;
  private Messaging old;
  private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();

  @BeforeAll
  void start() {
    migration = new KafkaToMsk();
    service = migration.open();
    old = service.backend(Side.OLD, Messaging.class);
  }

  @AfterEach
  void closeSubscriptions() {
    subscriptions.forEach(s -> Stages.join(s.closeAsync(), WAIT));
    subscriptions.clear();
  }

  @AfterAll
  void stop() {
    Stages.join(service.closeAsync(), WAIT);
    migration.close();
  }

  @Test
  void aGroupThatHandledEveryMessageIsDrained() {
    String topic = newName("orders");
    String group = newName("billing");
    publish(old, topic, 6);
    List<String> handled = new CopyOnWriteArrayList<>();
    subscriptions.add(old.subscribe(topic, group, message -> {
      handled.add(message.id());
      return CompletableFuture.completedFuture(null);
    }));
    Eventually.await(WAIT, () -> assertThat(handled).hasSize(6));
    MessagingLag lag = old.ability(MessagingLag.class).orElseThrow();
    Eventually.await(WAIT, () -> assertThat(Stages.join(lag.lag(topic, group), WAIT).values())
        .containsOnly(0L));

    CliRun run = drainStatus("--group", group, "--topic", topic);
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);
    assertThat(run.out())
        .contains("the source (kafka), the old side (switchback.messaging.backend)")
        .contains("drained: every group has consumed every message");
    assertThat(rows(run.out())).containsExactly(
        row(group, topic, "0", "0"), row(group, topic, "1", "0"), row(group, topic, "2", "0"),
        row(group, topic, "total", "0"), List.of("total", "0"));
  }

  @Test
  void messagesLeftExitOneWithTheFiguresOfEachPartition() throws Exception {
    String topic = newName("payments");
    String behind = newName("behind");
    String fresh = newName("fresh");
    Map<String, Object> client = LocalKafka.shared().clientProperties();
    try (Admin admin = Admin.create(client);
        KafkaProducer<byte[], byte[]> producer =
            new KafkaProducer<>(client, new ByteArraySerializer(), new ByteArraySerializer())) {
      admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all()
          .get(30, TimeUnit.SECONDS);
      sendTo(producer, topic, 0, 2);
      sendTo(producer, topic, 2, 5);
      admin.alterConsumerGroupOffsets(behind,
              Map.of(new TopicPartition(topic, 2), new OffsetAndMetadata(3))).all()
          .get(30, TimeUnit.SECONDS);
    }

    CliRun run = drainStatus("--group", behind, "--group", fresh, "--topic", topic);
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.DIFFERENCES);
    assertThat(rows(run.out())).containsExactly(
        row(behind, topic, "0", "2"), row(behind, topic, "1", "0"), row(behind, topic, "2", "2"),
        row(behind, topic, "total", "4"),
        row(fresh, topic, "0", "2"), row(fresh, topic, "1", "0"), row(fresh, topic, "2", "5"),
        row(fresh, topic, "total", "7"),
        List.of("total", "11"));
    assertThat(run.out()).contains("not drained: 11 messages not yet consumed");
  }

  @Test
  void waitReadsAgainUntilTheHandlersFinish() throws Exception {
    String topic = newName("shipments");
    String group = newName("warehouse");
    publish(old, topic, 3);
    CompletableFuture<Void> release = new CompletableFuture<>();
    List<String> started = new CopyOnWriteArrayList<>();
    subscriptions.add(old.subscribe(topic, group, message -> {
      started.add(message.id());
      return release;
    }));
    Eventually.await(WAIT, () -> assertThat(started).isNotEmpty());

    StringWriter err = new StringWriter();
    StringWriter out = new StringWriter();
    CompletableFuture<Integer> waiting = CompletableFuture.supplyAsync(() ->
        SwitchbackCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
            .execute(args("--group", group, "--topic", topic, "--wait", "--interval", "200ms",
                "--timeout", "2m")));
    Eventually.await(WAIT, () -> assertThat(err.toString()).contains("3 messages left"));
    assertThat(waiting).isNotDone();
    release.complete(null);

    assertThat(waiting.get(WAIT.toSeconds(), TimeUnit.SECONDS)).as(out + "\n" + err)
        .isEqualTo(ExitCodes.OK);
    assertThat(out.toString()).contains("drained: every group");
  }

  @Test
  void waitGivesUpAfterTheTimeoutWithMessagesLeft() {
    String topic = newName("refunds");
    publish(old, topic, 2);
    CliRun run = drainStatus("--group", newName("idle"), "--topic", topic, "--wait",
        "--interval", "200ms", "--timeout", "1s");
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.DIFFERENCES);
    assertThat(run.err()).contains("2 messages left").contains("still not drained after");
    assertThat(run.out()).contains("not drained: 2 messages");
  }

  @Test
  void theNewSideIsReadOverTlsAndScram() {
    Messaging msk = service.backend(Side.NEW, Messaging.class);
    String topic = newName("invoices");
    publish(msk, topic, 4);
    CliRun run = drainStatus("--side", "new", "--group", newName("billing"), "--topic", topic);
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.DIFFERENCES);
    assertThat(run.out()).contains("the target (msk), the new side"
        + " (switchback.messaging.migration.target)").contains("not drained: 4 messages");
  }

  @Test
  void anUnreachableClusterExitsThreeWithinItsTimeouts() throws IOException {
    Map<String, String> nowhere = new HashMap<>(migration.properties);
    nowhere.put("switchback.messaging.kafka.bootstrap-servers", "127.0.0.1:" + closedPort());
    nowhere.put("switchback.messaging.kafka.request-timeout", "2s");
    Path file = PropertiesFile.write(dir, nowhere);

    CliRun backendTimeout = within(WAIT, "drain", "status", "--config", file.toString(),
        "--group", "g", "--topic", "t");
    assertThat(backendTimeout.exitCode()).as(backendTimeout.toString())
        .isEqualTo(ExitCodes.UNAVAILABLE);

    assertThat(backendTimeout.err()).startsWith("switchback: the source (kafka): ")
        .contains("did not answer within 2000 ms");

    CliRun commandTimeout = within(WAIT, "drain", "status", "--config", file.toString(),
        "-D", "switchback.messaging.kafka.request-timeout=20s", "--group", "g", "--topic", "t",
        "--timeout", "1s");
    assertThat(commandTimeout.exitCode()).as(commandTimeout.toString())
        .isEqualTo(ExitCodes.UNAVAILABLE);
    assertThat(commandTimeout.err()).contains("no answer within --timeout 1s");

    CliRun waiting = within(WAIT, "drain", "status", "--config", file.toString(),
        "--group", "g", "--topic", "t", "--wait", "--interval", "500ms", "--timeout", "5s");
    assertThat(waiting.exitCode()).as(waiting.toString()).isEqualTo(ExitCodes.UNAVAILABLE);
    assertThat(waiting.err()).contains("reading failed").contains("did not answer");
  }

  @Test
  void configurationAndBackendProblemsAreUsageErrors() {
    Map<String, String> noTarget = new HashMap<>(migration.properties);
    noTarget.remove("switchback.messaging.migration.target");
    CliRun withoutTarget = drainStatusOf(noTarget, "--group", "g", "--topic", "t");
    assertThat(withoutTarget.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(withoutTarget.err()).contains("switchback.messaging.migration.target is not set");

    Map<String, String> noBackend = new HashMap<>(migration.properties);
    noBackend.remove("switchback.messaging.backend");
    CliRun withoutBackend = drainStatusOf(noBackend, "--group", "g", "--topic", "t");
    assertThat(withoutBackend.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(withoutBackend.err()).contains("switchback.messaging.backend");

    // The in-memory backend lives in the service's process: the tool does not carry it.
    Map<String, String> memory = new HashMap<>(migration.properties);
    memory.put("switchback.messaging.backend", "memory");
    CliRun inMemory = drainStatusOf(memory, "--group", "g", "--topic", "t");
    assertThat(inMemory.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(inMemory.err()).contains("switchback.messaging.backend=memory needs the module");

    Map<String, String> noLag = new HashMap<>(migration.properties);
    noLag.put("switchback.messaging.backend", "nolag");
    CliRun withoutLag = drainStatusOf(noLag, "--group", "g", "--topic", "t");
    assertThat(withoutLag.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(withoutLag.err()).contains("the source (nolag) cannot report consumer lag");

    Map<String, String> badValue = new HashMap<>(migration.properties);
    badValue.put("switchback.messaging.kafka.request-timeout", "soon");
    CliRun badTimeout = drainStatusOf(badValue, "--group", "g", "--topic", "t");
    assertThat(badTimeout.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(badTimeout.err()).contains("switchback.messaging.kafka.request-timeout");
  }

  @Test
  void anUnknownTopicIsReportedAndIsAUsageError() {
    String known = newName("known");
    publish(old, known, 1);
    String typo = newName("ordres");
    CliRun run = drainStatus("--group", newName("g"), "--topic", known, "--topic", typo);
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.out()).contains(typo + "  " + " ".repeat(8) + "-  (unknown topic)");
    assertThat(run.err()).contains("the source (kafka) has no topic " + typo);
  }

  @Test
  void badCommandLinesAreUsageErrorsNamingTheOption() {
    CliRun noGroup = drainStatus("--topic", "t");
    assertThat(noGroup.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(noGroup.err()).contains("--group");
    CliRun badTopic = drainStatus("--group", "g", "--topic", "no spaces");
    assertThat(badTopic.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(badTopic.err()).contains("--topic=no spaces: topic 'no spaces' is not legal");
    CliRun badSide = drainStatus("--side", "sideways", "--group", "g", "--topic", "t");
    assertThat(badSide.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(badSide.err()).contains("'sideways' is not a side; accepted values: old, new");
    CliRun zero = drainStatus("--group", "g", "--topic", "t", "--wait", "--interval", "0s");
    assertThat(zero.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(zero.err()).contains("--interval must be longer than 0");
    CliRun help = CliRun.of("drain", "status", "--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("--wait", "--side", "--interval", "Exit codes:");
  }

  // --- helpers ---

  private CliRun drainStatus(String... options) {
    return CliRun.of(args(options));
  }

  private CliRun drainStatusOf(Map<String, String> properties, String... options) {
    Path file = PropertiesFile.write(dir, properties);
    List<String> all = new ArrayList<>(List.of("drain", "status", "--config", file.toString()));
    all.addAll(List.of(options));
    return CliRun.of(all.toArray(String[]::new));
  }

  private String[] args(String... options) {
    List<String> all = new ArrayList<>(
        List.of("drain", "status", "--config", migration.file(dir).toString()));
    all.addAll(List.of(options));
    return all.toArray(String[]::new);
  }

  /** The run of {@code args}, failing the test if it does not end within {@code bound}. */
  private static CliRun within(Duration bound, String... args) {
    return Stages.join(CompletableFuture.supplyAsync(() -> CliRun.of(args)), bound);
  }

  /** The table's rows, split on blanks: group, topic, partition, lag (and the total row). */
  private static List<List<String>> rows(String out) {
    List<List<String>> rows = new ArrayList<>();
    boolean inTable = false;
    for (String line : out.split("\n")) {
      if (line.startsWith("group ")) {
        inTable = true;
      } else if (line.startsWith("drained") || line.startsWith("not drained")) {
        inTable = false;
      } else if (inTable) {
        rows.add(List.of(line.trim().split("\\s+")));
      }
    }
    return rows;
  }

  private static List<String> row(String group, String topic, String partition, String lag) {
    return List.of(group, topic, partition, lag);
  }

  private static void publish(Messaging messaging, String topic, int count) {
    for (int i = 0; i < count; i++) {
      Stages.join(messaging.publish(topic,
          new Message(UUID.randomUUID().toString(), "key-" + i, ("m" + i).getBytes(UTF_8),
              Map.of())), WAIT);
    }
  }

  private static void sendTo(KafkaProducer<byte[], byte[]> producer, String topic, int partition,
      int count) throws Exception {
    for (int i = 0; i < count; i++) {
      producer.send(new ProducerRecord<>(topic, partition, null, new byte[] {(byte) i}))
          .get(30, TimeUnit.SECONDS);
    }
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static String newName(String what) {
    return "drain-" + what + "-" + UUID.randomUUID();
  }
}
