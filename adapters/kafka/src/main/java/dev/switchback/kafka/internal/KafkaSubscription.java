package dev.switchback.kafka.internal;

import dev.switchback.messaging.Subscription;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/**
 * One subscription: a Kafka consumer in the subscription's group, owned by one thread that polls,
 * hands records to the {@link PartitionLane}s of the assigned partitions, and commits.
 *
 * <ul>
 *   <li>Commits only offsets whose records all finished (each lane's finished prefix), every
 *       {@value #COMMIT_INTERVAL_MILLIS} ms at most, and synchronously when partitions are
 *       revoked and at close.
 *   <li>Keeps polling while handlers run, however slow, so the member stays in its group; when
 *       {@code max-in-flight} records are fetched and unfinished it pauses its partitions, and
 *       resumes them when handlers catch up.
 *   <li>On revocation it stops the revoked lanes, waits for their running attempts up to the
 *       drain timeout, and commits what finished before the partitions move. Lost partitions are
 *       dropped without a commit.
 *   <li>{@link #closeAsync()} stops polling, waits for running attempts (bounded), commits, and
 *       closes the consumer, leaving the group.
 * </ul>
 */
public final class KafkaSubscription implements Subscription {
  private static final Logger LOG = System.getLogger(KafkaSubscription.class.getName());
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
  /**
   * How long a poll waits while every partition is paused: it only keeps the member alive and
   * lets the loop see handlers catching up, so a short wait resumes fetching soon after, where
   * {@link #POLL_TIMEOUT} made a subscription at its bound idle for a whole poll.
   */
  private static final Duration PAUSED_POLL_TIMEOUT = Duration.ofMillis(5);
  private static final long COMMIT_INTERVAL_MILLIS = 200;
  private static final long COMMIT_INTERVAL_NANOS =
      TimeUnit.MILLISECONDS.toNanos(COMMIT_INTERVAL_MILLIS);
  private static final Duration CONSUMER_CLOSE_TIMEOUT = Duration.ofSeconds(10);
  private static final long MAX_ERROR_PAUSE_MILLIS = 5_000;

  private final DeliveryContext context;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Supplier<CompletionStage<Void>> topicReady;
  private final Consumer<KafkaSubscription> onClosed;
  private final Duration drainTimeout;
  private final int maxInFlight;
  private final Map<TopicPartition, PartitionLane> lanes = new HashMap<>(); // poll thread only
  private final CompletableFuture<Void> closed = new CompletableFuture<>();
  private volatile boolean closing;
  private boolean paused; // poll thread only

  /**
   * Starts polling on a new thread from {@code threads}.
   *
   * @param consumer a consumer with auto-commit off, not yet subscribed; owned from now on
   * @param topicReady completes once the topic exists (or at once when topics are not created)
   * @param onClosed called once the subscription has closed
   */
  public static KafkaSubscription start(
      DeliveryContext context,
      KafkaConsumer<byte[], byte[]> consumer,
      Supplier<CompletionStage<Void>> topicReady,
      ThreadFactory threads,
      Consumer<KafkaSubscription> onClosed) {
    KafkaSubscription subscription =
        new KafkaSubscription(context, consumer, topicReady, onClosed);
    threads.newThread(subscription::run).start();
    return subscription;
  }

  private KafkaSubscription(
      DeliveryContext context,
      KafkaConsumer<byte[], byte[]> consumer,
      Supplier<CompletionStage<Void>> topicReady,
      Consumer<KafkaSubscription> onClosed) {
    this.context = context;
    this.consumer = consumer;
    this.topicReady = topicReady;
    this.onClosed = onClosed;
    this.drainTimeout = context.settings().drainTimeout();
    this.maxInFlight = context.settings().maxInFlight();
  }

  @Override
  public String topic() {
    return context.topic();
  }

  @Override
  public String group() {
    return context.group();
  }

  /**
   * Stops polling, waits up to the drain timeout for running handlers, commits what they
   * finished and closes the consumer. Records not finished by then come again to the group.
   */
  @Override
  public CompletionStage<Void> closeAsync() {
    closing = true;
    return closed;
  }

  private void run() {
    try {
      awaitTopic();
      consumer.subscribe(List.of(context.topic()), new Rebalance());
      pollUntilClosing();
    } catch (Throwable unexpected) { // the subscription must still close cleanly
      LOG.log(Level.ERROR, "the subscription " + this + " stopped polling", unexpected);
    } finally {
      drainAndClose();
    }
  }

  private void awaitTopic() {
    try {
      topicReady.get().toCompletableFuture()
          .get(drainTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      LOG.log(Level.WARNING, () -> "topic " + context.topic() + " could not be created; the"
          + " subscription waits for it: " + KafkaFailures.unwrap(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void pollUntilClosing() throws InterruptedException {
    long lastCommit = System.nanoTime();
    long errorPause = 100;
    while (!closing) {
      try {
        applyBackPressure();
        ConsumerRecords<byte[], byte[]> records =
            consumer.poll(paused ? PAUSED_POLL_TIMEOUT : POLL_TIMEOUT);
        for (TopicPartition partition : records.partitions()) {
          lanes.computeIfAbsent(partition, this::newLane).add(records.records(partition));
        }
        if (System.nanoTime() - lastCommit >= COMMIT_INTERVAL_NANOS) {
          commitAsync();
          lastCommit = System.nanoTime();
        }
        errorPause = 100;
      } catch (KafkaException e) {
        // Fatal errors (authorisation, a deleted topic) keep the subscription trying, loudly.
        LOG.log(Level.WARNING, "polling " + this + " failed; trying again", e);
        Thread.sleep(errorPause);
        errorPause = Math.min(errorPause * 2, MAX_ERROR_PAUSE_MILLIS);
      }
    }
  }

  private void applyBackPressure() {
    if (context.outstanding().get() >= maxInFlight) {
      consumer.pause(consumer.assignment()); // again each time: new partitions may have come
      paused = true;
    } else if (paused) {
      consumer.resume(consumer.paused());
      paused = false;
    }
  }

  private PartitionLane newLane(TopicPartition partition) {
    return new PartitionLane(partition, context);
  }

  private void commitAsync() {
    Map<TopicPartition, OffsetAndMetadata> offsets = uncommitted(lanes.values());
    if (offsets.isEmpty()) {
      return;
    }
    consumer.commitAsync(offsets, (committed, failure) -> {
      if (failure == null) {
        markCommitted(committed);
      } else {
        LOG.log(Level.DEBUG, () -> "commit of " + this + " failed; the next one retries: "
            + failure);
      }
    });
  }

  /** Waits for the lanes' running attempts (bounded) and commits what finished. */
  private void drainAndCommit(Collection<PartitionLane> leaving) {
    if (leaving.isEmpty()) {
      return;
    }
    List<CompletableFuture<Void>> running = new ArrayList<>();
    for (PartitionLane lane : leaving) {
      running.add(lane.stop());
    }
    try {
      CompletableFuture.allOf(running.toArray(CompletableFuture[]::new))
          .get(drainTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      LOG.log(Level.WARNING, () -> this + ": handlers still running after " + drainTimeout
          + "; their messages will be delivered again");
    } catch (ExecutionException e) {
      throw new IllegalStateException("a lane's stop failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Map<TopicPartition, OffsetAndMetadata> offsets = uncommitted(leaving);
    if (offsets.isEmpty()) {
      return;
    }
    try {
      consumer.commitSync(offsets, drainTimeout);
      markCommitted(offsets);
    } catch (KafkaException e) {
      LOG.log(Level.WARNING, "final commit of " + this + " failed; its last messages will be"
          + " delivered again", e);
    }
  }

  private void drainAndClose() {
    try {
      List<PartitionLane> all = new ArrayList<>(lanes.values());
      lanes.clear();
      drainAndCommit(all);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "draining " + this + " failed", e);
    } finally {
      try {
        consumer.close(CloseOptions.timeout(CONSUMER_CLOSE_TIMEOUT));
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "closing the consumer of " + this + " failed", e);
      }
      onClosed.accept(this);
      closed.complete(null);
    }
  }

  private static Map<TopicPartition, OffsetAndMetadata> uncommitted(
      Collection<PartitionLane> lanes) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (PartitionLane lane : lanes) {
      OffsetAndMetadata offset = lane.uncommitted();
      if (offset != null) {
        offsets.put(lane.partition(), offset);
      }
    }
    return offsets;
  }

  private void markCommitted(Map<TopicPartition, OffsetAndMetadata> offsets) {
    offsets.forEach((partition, offset) -> {
      PartitionLane lane = lanes.get(partition);
      if (lane != null) {
        lane.committed(offset.offset());
      }
    });
  }

  @Override
  public String toString() {
    return "KafkaSubscription[" + context.topic() + "/" + context.group() + "]";
  }

  /** Runs on the poll thread, inside {@code poll}. */
  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      try {
        drainAndCommit(remove(partitions));
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "handing over " + partitions + " of " + KafkaSubscription.this
            + " failed", e);
      }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      for (PartitionLane lane : remove(partitions)) {
        lane.stop();
      }
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      for (TopicPartition partition : partitions) {
        lanes.computeIfAbsent(partition, KafkaSubscription.this::newLane);
      }
    }

    private List<PartitionLane> remove(Collection<TopicPartition> partitions) {
      List<PartitionLane> removed = new ArrayList<>();
      for (TopicPartition partition : partitions) {
        PartitionLane lane = lanes.remove(partition);
        if (lane != null) {
          removed.add(lane);
        }
      }
      return removed;
    }
  }
}
