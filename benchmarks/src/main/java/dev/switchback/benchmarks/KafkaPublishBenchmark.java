package dev.switchback.benchmarks;

import static dev.switchback.benchmarks.SetUpValues.required;

import dev.switchback.Switchback;
import dev.switchback.kafka.KafkaMessagingSettings;
import dev.switchback.messaging.Message;
import dev.switchback.messaging.Messaging;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Publish throughput through Switchback's Kafka messaging against a raw {@link KafkaProducer}
 * with the same settings, on the same broker.
 *
 * <ul>
 *   <li>{@code switchback}: {@code Messaging.publish} of {@code Switchback.fromConfig} with
 *       {@code switchback.messaging.backend=kafka}, every other setting at its default (linger
 *       5 ms, {@code acks=all}, idempotence on, no compression).
 *   <li>{@code kafka}: a {@link KafkaProducer} given the same settings ({@link RawKafkaClients}),
 *       sending the record Switchback sends: no key, the payload, and the message id (a random
 *       UUID, as {@link Message#of(byte[])} makes) in the {@code switchback-id} header.
 * </ul>
 *
 * <p>One benchmark thread keeps a window of {@link #window} publishes in flight ({@link
 * PublishWindow}): each call waits for a free slot, sends, and frees the slot when the broker
 * acknowledges, so the producer has records to batch and throughput is the rate of
 * acknowledgements. 256-byte payloads, to a topic of one partition made for the fork. Every
 * publish in flight is answered at the end of each iteration, and any failure fails the run.
 *
 * <p>Not final: JMH generates subclasses of benchmark and state classes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 3, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 2)
public class KafkaPublishBenchmark {
  static final int PAYLOAD_SIZE = 256;

  /** Which client the publishes go through. */
  @Param({"switchback", "kafka"})
  public String path = "switchback";

  /** Publishes in flight at most. */
  @Param({"128"})
  public int window = 128;

  private final byte[] payload = BenchmarkKeys.value(PAYLOAD_SIZE);
  private @Nullable PublishWindow inFlight;
  private String topic = "";
  private @Nullable Switchback switchback;
  private @Nullable Messaging messaging;
  private @Nullable KafkaProducer<byte[], byte[]> producer;

  /** Makes the topic and the client of {@link #path}, and publishes once to load metadata. */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    BenchmarkTopics.quietKafkaLogs();
    String servers = BenchmarkServers.KAFKA.hostAndPort();
    String name = BenchmarkTopics.unique("benchmark.publish");
    BenchmarkTopics.create(servers, name, 1);
    topic = name;
    inFlight = new PublishWindow(window);
    switch (path) {
      case "switchback" -> {
        switchback = Switchback.fromConfig(Map.of(
            "switchback.messaging.backend", "kafka",
            "switchback.messaging.kafka.bootstrap-servers", servers));
        messaging = switchback.messaging();
      }
      case "kafka" -> producer = RawKafkaClients.producer(servers, KafkaMessagingSettings.defaults());
      default -> throw new IllegalArgumentException(
          "unknown path " + path + "; accepted: switchback, kafka");
    }
    publish();
    endIteration();
  }

  /** Waits until every publish in flight has been answered; fails if one failed. */
  @TearDown(Level.Iteration)
  public void endIteration() throws InterruptedException {
    window().drain();
  }

  /** Closes the client. */
  @TearDown(Level.Trial)
  public void tearDown() {
    if (switchback != null) {
      switchback.close();
    }
    if (producer != null) {
      producer.close(Duration.ofSeconds(30));
    }
  }

  /** Takes a slot of the window and publishes one message; the slot is freed on its answer. */
  @Benchmark
  public void publish() throws InterruptedException {
    PublishWindow slots = window();
    slots.take();
    Messaging through = messaging;
    if (through != null) {
      through.publish(topic, Message.of(payload)).whenComplete((ok, error) -> slots.free(error));
      return;
    }
    required(producer).send(RawKafkaClients.record(topic, payload), (metadata, error) -> slots.free(error));
  }

  private PublishWindow window() {
    return required(inFlight);
  }
}
