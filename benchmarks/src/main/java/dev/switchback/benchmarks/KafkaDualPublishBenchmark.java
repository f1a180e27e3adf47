package dev.switchback.benchmarks;

import static dev.switchback.benchmarks.SetUpValues.required;

import dev.switchback.kafka.KafkaMessagingSettings;
import dev.switchback.messaging.Message;
import dev.switchback.messaging.Messaging;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * Publish throughput during a Kafka-to-Kafka messaging migration: dual publishing to two clusters
 * against publishing to one. Two Kafka messaging backends with default settings, old on the first
 * cluster and new on a second, independent one ({@link TwoKafkaClusters}). {@code path}:
 *
 * <ul>
 *   <li>{@code single}: old alone, no router;
 *   <li>{@code off}, {@code dualwrite}: a {@code MessagingRouter} over the two in that stage,
 *       wired as {@code Switchback} wires it (default timeouts, guard off). In {@code off} it
 *       publishes to old only; in {@code dualwrite} to old, answers the caller when old has
 *       acknowledged, and then publishes to new off the caller's path;
 *   <li>{@code two-clusters}: both called by hand as the router calls them, without its
 *       bookkeeping: old, then new once old has acknowledged, answering without waiting for new.
 *       The floor of publishing to two clusters on this machine.
 * </ul>
 *
 * <p>{@code Switchback.fromConfig} cannot configure this pair (see {@link TwoKafkaClusters}), so
 * the router is built directly ({@link FixedStageMessagingRouter}).
 *
 * <p>One benchmark thread keeps {@link KafkaPublishBenchmark#window} publishes in flight, as in
 * {@link KafkaPublishBenchmark} (256-byte payloads, no key, a topic of one partition per fork on
 * each cluster); a slot is freed when the caller's stage completes. The secondary result {@code
 * mirrored} is the rate at which new acknowledged its copies during the iteration: if it keeps up
 * with the primary result, the mirror keeps pace. At the end of each iteration every publish,
 * mirrors included, has been answered; any failure fails the run.
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
public class KafkaDualPublishBenchmark {
  private static final long MIRROR_DRAIN_SECONDS = 60;

  /** The router's stage, or {@code single} / {@code two-clusters} without a router. */
  @Param({"single", "off", "dualwrite", "two-clusters"})
  public String path = "single";

  /** Publishes in flight at most. */
  @Param({"128"})
  public int window = 128;

  private final byte[] payload = BenchmarkKeys.value(KafkaPublishBenchmark.PAYLOAD_SIZE);
  private String topic = "";
  private @Nullable PublishWindow inFlight;
  private @Nullable TwoKafkaClusters clusters;
  private @Nullable CountingMessaging counted;
  private @Nullable FixedStageMessagingRouter router;
  private @Nullable Messaging messaging;

  /**
   * The rate at which the new cluster acknowledged copies during an iteration. JMH reads the
   * counter after the iteration's tear-down, which waits for every copy, so the count is the one
   * the last measured call saw.
   */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Mirrors {
    private long atStart;
    private long latest;

    /** Notes where the count stands as the iteration starts. */
    @Setup(Level.Iteration)
    public void start(KafkaDualPublishBenchmark benchmark) {
      atStart = required(benchmark.counted).answered();
      latest = atStart;
    }

    /** Copies the new cluster acknowledged from the iteration's start to the last call. */
    public long mirrored() {
      return latest - atStart;
    }
  }

  /** Makes the topic on both clusters, both backends and the path's router. */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    BenchmarkTopics.quietKafkaLogs();
    TwoKafkaClusters both = new TwoKafkaClusters(KafkaMessagingSettings.defaults());
    clusters = both;
    topic = BenchmarkTopics.unique("benchmark.dual");
    both.createTopic(topic, 1);
    inFlight = new PublishWindow(window);
    Messaging old = both.oldMessaging();
    CountingMessaging counting = new CountingMessaging(both.newMessaging());
    counted = counting;
    switch (path) {
      case "single" -> messaging = old;
      case "two-clusters" -> messaging = null;
      case "off", "dualwrite" -> {
        FixedStageMessagingRouter routed =
            new FixedStageMessagingRouter(path, "kafka", old, "kafka", counting);
        router = routed;
        messaging = routed.messaging();
      }
      default -> throw new IllegalArgumentException(
          "unknown path " + path + "; accepted: single, off, dualwrite, two-clusters");
    }
    // Loads both clusters' metadata for the topic before the first measurement.
    both.newMessaging().publish(topic, Message.of(payload)).toCompletableFuture().join();
    publish(new Mirrors());
    endIteration();
  }

  /** Waits until every publish in flight, and every copy to new, has been answered. */
  @TearDown(Level.Iteration)
  public void endIteration() throws InterruptedException {
    window().drain();
    if (counted != null) {
      counted.drain(MIRROR_DRAIN_SECONDS);
    }
  }

  /** Closes the router and both backends. */
  @TearDown(Level.Trial)
  public void tearDown() {
    if (router != null) {
      router.close();
    }
    if (clusters != null) {
      clusters.close();
    }
  }

  /** Takes a slot of the window and publishes one message; the slot is freed on its answer. */
  @Benchmark
  public void publish(Mirrors mirrors) throws InterruptedException {
    PublishWindow slots = window();
    slots.take();
    CountingMessaging copy = required(counted);
    mirrors.latest = copy.answered();
    Message message = Message.of(payload);
    Messaging through = messaging;
    if (through != null) {
      through.publish(topic, message).whenComplete((ok, error) -> slots.free(error));
      return;
    }
    required(clusters).oldMessaging().publish(topic, message).whenComplete((ok, error) -> {
      if (error == null) {
        copy.publish(topic, message);
      }
      slots.free(error);
    });
  }

  private PublishWindow window() {
    return required(inFlight);
  }
}
