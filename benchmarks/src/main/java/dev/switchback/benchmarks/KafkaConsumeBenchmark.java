package dev.switchback.benchmarks;

import static dev.switchback.benchmarks.SetUpValues.required;

import dev.switchback.kafka.KafkaMessaging;
import dev.switchback.kafka.KafkaMessagingSettings;
import dev.switchback.messaging.Message;
import dev.switchback.messaging.Messaging;
import dev.switchback.messaging.Subscription;
import dev.switchback.migration.internal.MessagingMigrationSettings;
import dev.switchback.migration.internal.MessagingMigrationSettings.Store;
import dev.switchback.redis.LettuceResources;
import dev.switchback.redis.cache.RedisCache;
import io.lettuce.core.resource.ClientResources;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Consumer throughput during a Kafka-to-Kafka messaging migration: messages handled per second by
 * a subscriber that consumes both clusters and de-duplicates by message id (stage {@code live})
 * against one that consumes the old cluster only. {@code path}:
 *
 * <ul>
 *   <li>{@code direct}: a subscription of a {@link KafkaMessaging} on the old cluster, no router;
 *   <li>{@code off}: a subscription of a {@code MessagingRouter} in {@code off} over the two
 *       backends: consumes old only, and the router's de-duplicator still sees every message;
 *   <li>{@code live}: the same router in {@code live}: consumes old and new, both feeding one
 *       de-duplicator, so the handler runs once per message id.
 * </ul>
 *
 * <p>Both clusters hold the same {@value #BACKLOG} messages before the first fork subscribes
 * (published once per run; ids {@code consume-<n>}, the id as key, 256-byte payloads, a topic of
 * {@value #PARTITIONS} partitions, the same on each cluster), as a dual-write stage leaves them.
 * Every iteration subscribes with a new consumer group, which reads the backlog from its start,
 * and starts once the first message has been handled, so joining the group is not measured; the
 * subscription is closed after it. The handler marks the id and returns a completed stage. Each
 * call waits until {@value #CHUNK} more distinct messages have been handled, so the score is
 * distinct messages handled per second. Handler runs for an id already handled in the same
 * iteration are counted and printed at the end of the fork; the fork fails if the backlog runs
 * out.
 *
 * <p>The router's de-duplication is configured as {@code switchback.messaging.migration.dedup.*}
 * configures it: {@link #dedupStore} and {@link #dedupMaxEntries}, its window the default 10
 * minutes.
 *
 * <p>Backends have default settings but {@link #maxInFlight} ({@code max-in-flight}): the
 * default, 256, holds a subscription to a few thousand messages per second, whatever the handler
 * (a subscription at its bound pauses fetching and only resumes after a 100 ms poll); a large
 * bound shows what consuming costs without that pause.
 *
 * <p>The router is built directly ({@link FixedStageMessagingRouter}), as {@code
 * Switchback.fromConfig} cannot configure two Kafka clusters as the two sides of a migration
 * ({@link TwoKafkaClusters}).
 *
 * <p>Not final: JMH generates subclasses of benchmark and state classes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 3, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class KafkaConsumeBenchmark {
  static final int BACKLOG = 2_000_000;
  static final int PARTITIONS = 4;
  static final int CHUNK = 1_000;
  private static final String TOPIC = "benchmark.consume";
  private static final String ID_PREFIX = "consume-";
  private static final long STALL_SECONDS = 60;

  /** {@code direct} without a router, else the router's stage. */
  @Param({"direct", "off", "live"})
  public String path = "direct";

  /** {@code max-in-flight} of both backends: records a subscription holds unfinished. */
  @Param({"256", "65536"})
  public int maxInFlight = KafkaMessagingSettings.DEFAULT_MAX_IN_FLIGHT;

  /**
   * {@code switchback.messaging.migration.dedup.store} of the router: {@code memory}, or {@code
   * cache}, a Redis cache on a Redis started for the run.
   */
  @Param({"memory"})
  public String dedupStore = "memory";

  /** {@code switchback.messaging.migration.dedup.max-entries} of the memory store. */
  @Param({"100000"})
  public int dedupMaxEntries = MessagingMigrationSettings.DEFAULTS.maxEntries();

  private final AtomicLong handled = new AtomicLong();
  private final AtomicLong repeated = new AtomicLong();
  private AtomicLongArray seen = new AtomicLongArray(1);
  private long awaited;
  private long repeatedInAll;
  private @Nullable TwoKafkaClusters clusters;
  private @Nullable FixedStageMessagingRouter router;
  private @Nullable ClientResources redisResources;
  private @Nullable RedisCache dedupCache;
  private @Nullable Messaging consumer;
  private @Nullable Subscription subscription;

  /** Fills both clusters' topic once per run and opens the backends and the path's router. */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    BenchmarkTopics.quietKafkaLogs();
    TwoKafkaClusters both =
        new TwoKafkaClusters(KafkaMessagingSettings.builder().maxInFlight(maxInFlight).build());
    clusters = both;
    KafkaMessaging old = both.oldMessaging();
    fill(both.oldServers(), old);
    fill(both.newServers(), both.newMessaging());
    switch (path) {
      case "direct" -> consumer = old;
      case "off", "live" -> {
        MessagingMigrationSettings defaults = MessagingMigrationSettings.DEFAULTS;
        MessagingMigrationSettings dedup = defaults
            .withStore("cache".equals(dedupStore) ? Store.CACHE : Store.MEMORY)
            .withWindow(defaults.window(), dedupMaxEntries);
        if (dedup.store() == Store.CACHE) {
          ClientResources resources = LettuceResources.create();
          redisResources = resources;
          dedupCache = RedisStores.cache(resources, BenchmarkServers.SECOND_REDIS.uri());
        } else if (!"memory".equals(dedupStore)) {
          throw new IllegalArgumentException(
              "unknown dedupStore " + dedupStore + "; accepted: memory, cache");
        }
        FixedStageMessagingRouter routed = new FixedStageMessagingRouter(path, "kafka", old,
            "kafka", both.newMessaging(), dedup, dedupCache);
        router = routed;
        consumer = routed.messaging();
      }
      default -> throw new IllegalArgumentException(
          "unknown path " + path + "; accepted: direct, off, live");
    }
  }

  /** Subscribes with a new group and waits until it has handled its first message. */
  @Setup(Level.Iteration)
  public void subscribe() {
    seen = new AtomicLongArray(BACKLOG / 64 + 1);
    handled.set(0);
    repeated.set(0);
    subscription = required(consumer)
        .subscribe(TOPIC, BenchmarkTopics.unique("benchmark-consume"), this::handle);
    awaited = 0;
    awaited = awaitHandled(1);
  }

  /** Closes the iteration's subscription. */
  @TearDown(Level.Iteration)
  public void unsubscribe() {
    if (subscription != null) {
      subscription.close();
      subscription = null;
    }
    repeatedInAll += repeated.get();
  }

  /** Prints the handler runs for an id already handled, and closes everything. */
  @TearDown(Level.Trial)
  public void tearDown() {
    System.out.println("handler runs for an id already handled: " + repeatedInAll);
    if (router != null) {
      router.close();
    }
    if (clusters != null) {
      clusters.close();
    }
    if (dedupCache != null) {
      dedupCache.closeAsync().toCompletableFuture().join();
    }
    if (redisResources != null) {
      LettuceResources.shutdown(redisResources);
    }
  }

  /** Waits until {@value #CHUNK} more distinct messages have been handled. */
  @Benchmark
  @OperationsPerInvocation(CHUNK)
  public long handleChunk() {
    awaited += CHUNK;
    return awaitHandled(awaited);
  }

  private long awaitHandled(long count) {
    if (count > BACKLOG) {
      throw new IllegalStateException("the backlog of " + BACKLOG + " messages ran out; raise"
          + " KafkaConsumeBenchmark.BACKLOG or shorten the iterations");
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STALL_SECONDS);
    long now;
    while ((now = handled.get()) < count) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("no progress for " + STALL_SECONDS + " s at " + now
            + " messages handled");
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
    }
    return now;
  }

  private CompletionStage<Void> handle(Message message) {
    String id = message.id();
    int n = Integer.parseInt(id, ID_PREFIX.length(), id.length(), 10);
    long bit = 1L << (n & 63);
    long before = seen.getAndAccumulate(n >>> 6, bit, (a, b) -> a | b);
    if ((before & bit) == 0) {
      handled.incrementAndGet();
    } else {
      repeated.incrementAndGet();
    }
    return CompletableFuture.completedFuture(null);
  }

  /** Publishes the messages the topic on this cluster lacks, through {@code messaging}. */
  private static void fill(String servers, Messaging messaging) throws InterruptedException {
    BenchmarkTopics.create(servers, TOPIC, PARTITIONS);
    long present = BenchmarkTopics.size(servers, TOPIC, PARTITIONS);
    if (present >= BACKLOG) {
      return;
    }
    byte[] payload = BenchmarkKeys.value(KafkaPublishBenchmark.PAYLOAD_SIZE);
    PublishWindow slots = new PublishWindow(1024);
    for (long n = present; n < BACKLOG; n++) {
      String id = ID_PREFIX + n;
      slots.take();
      messaging.publish(TOPIC, new Message(id, id, payload, Map.of()))
          .whenComplete((ok, error) -> slots.free(error));
    }
    slots.drain();
  }
}
