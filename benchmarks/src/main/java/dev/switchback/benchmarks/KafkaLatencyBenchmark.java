package dev.switchback.benchmarks;

import static dev.switchback.benchmarks.SetUpValues.required;

import dev.switchback.Switchback;
import dev.switchback.kafka.KafkaMessagingSettings;
import dev.switchback.messaging.Message;
import dev.switchback.messaging.Messaging;
import dev.switchback.messaging.Subscription;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.errors.WakeupException;
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
 * End-to-end latency on Kafka: the time from publishing one message until a subscriber's handler
 * has it (JMH sample time, one caller, one message at a time), through Switchback against raw
 * clients, on the same broker.
 *
 * <ul>
 *   <li>{@code switchback}: {@code publish} and {@code subscribe} of the {@code Messaging} of
 *       {@code Switchback.fromConfig} with {@code switchback.messaging.backend=kafka} and {@code
 *       linger} set to {@link #lingerMs}, everything else at its default. The handler runs on
 *       Switchback's delivery threads, handed over from its poll thread.
 *   <li>{@code kafka}: a {@link KafkaProducer} and a {@link KafkaConsumer} with the settings
 *       Switchback gives its own ({@link RawKafkaClients}; fetch sizes and waits at the client's
 *       defaults on both paths), the consumer polling on a thread of its own (100 ms poll
 *       timeout, as Switchback's) that handles each record on the poll thread and commits
 *       asynchronously every 200 ms, as Switchback commits.
 *   <li>{@code switchback-publish}, {@code switchback-subscribe} (not run unless named with
 *       {@code -p path=...}): Switchback on one side only, the raw client on the other, to tell
 *       which side a difference comes from.
 * </ul>
 *
 * <p>Each call publishes a message with a new id (256-byte payload, no key) and waits until the
 * handler has received that id; it does not wait for the publish's acknowledgement, which comes
 * around the same time. One topic of one partition and one consumer group per fork; the group
 * has joined and received a message before the first measurement.
 *
 * <p>Not final: JMH generates subclasses of benchmark and state classes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Fork(value = 3, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class KafkaLatencyBenchmark {
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
  private static final long COMMIT_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
  private static final long ARRIVAL_TIMEOUT_SECONDS = 10;
  private static final long JOIN_TIMEOUT_SECONDS = 60;

  /** Which clients publish and consume. */
  @Param({"switchback", "kafka"})
  public String path = "switchback";

  /** The producer's linger in milliseconds, the same on both paths. */
  @Param({"0", "5"})
  public int lingerMs;

  private final byte[] payload = BenchmarkKeys.value(KafkaPublishBenchmark.PAYLOAD_SIZE);
  /** The message the caller waits for, and the stage the handler completes on its arrival. */
  private final AtomicReference<@Nullable Awaited> awaited = new AtomicReference<>();
  private String topic = "";
  private @Nullable Switchback switchback;
  private @Nullable Messaging messaging;
  private @Nullable Subscription subscription;
  private @Nullable KafkaProducer<byte[], byte[]> producer;
  private @Nullable KafkaConsumer<byte[], byte[]> consumer;
  private @Nullable Thread pollThread;
  private volatile boolean polling;

  private record Awaited(String id, CompletableFuture<Void> arrived) {}

  /** Makes the topic, the publisher and the subscriber, and waits until a message goes through. */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    BenchmarkTopics.quietKafkaLogs();
    String servers = BenchmarkServers.KAFKA.hostAndPort();
    topic = BenchmarkTopics.unique("benchmark.latency");
    BenchmarkTopics.create(servers, topic, 1);
    String group = BenchmarkTopics.unique("benchmark-latency");
    boolean switchbackPublishes;
    boolean switchbackSubscribes;
    switch (path) {
      case "switchback" -> {
        switchbackPublishes = true;
        switchbackSubscribes = true;
      }
      case "kafka" -> {
        switchbackPublishes = false;
        switchbackSubscribes = false;
      }
      case "switchback-publish" -> {
        switchbackPublishes = true;
        switchbackSubscribes = false;
      }
      case "switchback-subscribe" -> {
        switchbackPublishes = false;
        switchbackSubscribes = true;
      }
      default -> throw new IllegalArgumentException("unknown path " + path + "; accepted:"
          + " switchback, kafka, switchback-publish, switchback-subscribe");
    }
    KafkaMessagingSettings settings =
        KafkaMessagingSettings.builder().linger(Duration.ofMillis(lingerMs)).build();
    if (switchbackPublishes || switchbackSubscribes) {
      switchback = Switchback.fromConfig(Map.of(
          "switchback.messaging.backend", "kafka",
          "switchback.messaging.kafka.bootstrap-servers", servers,
          "switchback.messaging.kafka.linger", lingerMs + "ms"));
    }
    if (switchbackPublishes) {
      messaging = required(switchback).messaging();
    } else {
      producer = RawKafkaClients.producer(servers, settings);
    }
    if (switchbackSubscribes) {
      subscription = required(switchback).messaging().subscribe(topic, group, message -> {
        arrived(message.id());
        return CompletableFuture.completedFuture(null);
      });
    } else {
      KafkaConsumer<byte[], byte[]> opened = RawKafkaClients.consumer(servers, settings, group);
      consumer = opened;
      polling = true;
      Thread thread = new Thread(() -> poll(opened), "benchmark-raw-consumer");
      thread.setDaemon(true);
      pollThread = thread;
      thread.start();
    }
    roundTrip(JOIN_TIMEOUT_SECONDS);
  }

  /** Stops the subscriber and closes the clients. */
  @TearDown(Level.Trial)
  public void tearDown() throws InterruptedException {
    if (subscription != null) {
      subscription.close();
    }
    if (switchback != null) {
      switchback.close();
    }
    polling = false;
    if (consumer != null) {
      consumer.wakeup();
    }
    if (pollThread != null) {
      pollThread.join(TimeUnit.SECONDS.toMillis(30));
    }
    if (producer != null) {
      producer.close(Duration.ofSeconds(30));
    }
  }

  /** Publishes one message and waits until the handler has it. */
  @Benchmark
  public void publishToHandler() throws Exception {
    roundTrip(ARRIVAL_TIMEOUT_SECONDS);
  }

  private void roundTrip(long timeoutSeconds) throws Exception {
    String id = UUID.randomUUID().toString();
    CompletableFuture<Void> arrived = new CompletableFuture<>();
    awaited.set(new Awaited(id, arrived));
    Messaging through = messaging;
    if (through != null) {
      through.publish(topic, new Message(id, null, payload, Map.of()))
          .whenComplete((ok, error) -> failed(arrived, error));
    } else if (producer != null) {
      producer.send(RawKafkaClients.record(topic, id, payload),
          (metadata, error) -> failed(arrived, error));
    } else {
      throw new IllegalStateException("not set up");
    }
    try {
      arrived.get(timeoutSeconds, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException("message " + id + " did not reach the handler in "
          + timeoutSeconds + " s", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("publishing message " + id + " failed", e.getCause());
    }
  }

  private static void failed(CompletableFuture<Void> arrived, @Nullable Throwable error) {
    if (error != null) {
      arrived.completeExceptionally(error);
    }
  }

  private void arrived(@Nullable String id) {
    Awaited waiting = awaited.get();
    if (waiting != null && waiting.id().equals(id)) {
      waiting.arrived().complete(null);
    }
  }

  /** The raw consumer's loop: poll, hand each record over in place, commit now and then. */
  private void poll(KafkaConsumer<byte[], byte[]> client) {
    try (client) {
      client.subscribe(List.of(topic));
      long lastCommit = System.nanoTime();
      boolean uncommitted = false;
      while (polling) {
        for (ConsumerRecord<byte[], byte[]> record : client.poll(POLL_TIMEOUT)) {
          arrived(RawKafkaClients.id(record));
          uncommitted = true;
        }
        if (uncommitted && System.nanoTime() - lastCommit >= COMMIT_INTERVAL_NANOS) {
          client.commitAsync();
          lastCommit = System.nanoTime();
          uncommitted = false;
        }
      }
    } catch (WakeupException closing) {
      // tearDown stops the loop
    }
  }
}
