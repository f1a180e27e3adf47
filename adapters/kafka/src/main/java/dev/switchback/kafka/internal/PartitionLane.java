package dev.switchback.kafka.internal;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

/**
 * The records of one assigned partition, handled one at a time in offset order: the next record
 * starts only when the one before it has finished for good (handled, or dead-lettered), so
 * messages of one key keep their order even across retries, and the offset to commit is simply
 * the one after the last finished record.
 *
 * <p>The poll thread adds records and commits; handler completions on any thread finish records
 * and start the next. Once stopped (the partition was revoked or lost, or the subscription
 * closes) no record starts, waiting ones are dropped uncommitted, and a record in back-off is
 * given up at once; an attempt already running may still finish, and {@link #stop()} says when.
 * Thread safe.
 */
final class PartitionLane {
  private final TopicPartition partition;
  private final DeliveryContext context;
  private final ReentrantLock lock = new ReentrantLock();
  private final ArrayDeque<ConsumerRecord<byte[], byte[]>> waiting = new ArrayDeque<>();
  private @Nullable RecordDelivery current;
  private boolean attemptRunning;
  private boolean stopped;
  private long finishedUpTo = -1;
  private long committedUpTo = -1;
  private CompletableFuture<Void> idle = CompletableFuture.completedFuture(null);

  PartitionLane(TopicPartition partition, DeliveryContext context) {
    this.partition = partition;
    this.context = context;
  }

  TopicPartition partition() {
    return partition;
  }

  /** Queues {@code records} (in offset order) and starts the first if nothing runs. */
  void add(List<ConsumerRecord<byte[], byte[]>> records) {
    RecordDelivery start = null;
    lock.lock();
    try {
      if (stopped || records.isEmpty()) {
        return;
      }
      context.outstanding().addAndGet(records.size());
      waiting.addAll(records);
      if (current == null) {
        start = startNextLocked();
      }
    } finally {
      lock.unlock();
    }
    if (start != null) {
      start.schedule(0);
    }
  }

  /** Marks the start of an attempt (or a dead-letter publish); false if it must not run. */
  boolean beginAttempt(RecordDelivery delivery) {
    lock.lock();
    try {
      if (stopped || current != delivery) {
        return false;
      }
      attemptRunning = true;
      return true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Ends an attempt that failed. Returns whether the record should be tried again; if the lane
   * has stopped it gives the record up (uncommitted) and returns false.
   */
  boolean attemptFailed(RecordDelivery delivery) {
    CompletableFuture<Void> done = null;
    lock.lock();
    try {
      if (current != delivery) {
        return false;
      }
      attemptRunning = false;
      if (!stopped) {
        return true;
      }
      done = releaseLocked();
    } finally {
      lock.unlock();
    }
    done.complete(null);
    return false;
  }

  /** The record of {@code delivery} finished for good; its offset may be committed. */
  void finished(RecordDelivery delivery) {
    CompletableFuture<Void> done = null;
    RecordDelivery next = null;
    lock.lock();
    try {
      if (current != delivery) {
        return;
      }
      finishedUpTo = delivery.record().offset() + 1;
      attemptRunning = false;
      if (!stopped && !waiting.isEmpty()) {
        context.outstanding().decrementAndGet();
        next = startNextLocked();
      } else {
        done = releaseLocked();
      }
    } finally {
      lock.unlock();
    }
    if (done != null) {
      done.complete(null);
    }
    if (next != null) {
      next.schedule(0);
    }
  }

  /**
   * Stops the lane. The stage completes when no attempt runs any more: at once if none does (a
   * record in back-off is given up), else when the running one ends.
   */
  CompletableFuture<Void> stop() {
    CompletableFuture<Void> done = null;
    lock.lock();
    try {
      if (!stopped) {
        stopped = true;
        context.outstanding().addAndGet(-waiting.size());
        waiting.clear();
        if (current != null && !attemptRunning) {
          done = releaseLocked();
        }
      }
      if (done == null) {
        return idle;
      }
    } finally {
      lock.unlock();
    }
    done.complete(null);
    return done;
  }

  /** The offset to commit if it moved since the last commit, else null. */
  @Nullable OffsetAndMetadata uncommitted() {
    lock.lock();
    try {
      return finishedUpTo > committedUpTo ? new OffsetAndMetadata(finishedUpTo) : null;
    } finally {
      lock.unlock();
    }
  }

  /** Records that {@code offset} was committed. */
  void committed(long offset) {
    lock.lock();
    try {
      committedUpTo = Math.max(committedUpTo, offset);
    } finally {
      lock.unlock();
    }
  }

  private RecordDelivery startNextLocked() {
    RecordDelivery next = new RecordDelivery(this, waiting.poll(), context);
    current = next;
    if (idle.isDone()) {
      idle = new CompletableFuture<>();
    }
    return next;
  }

  private CompletableFuture<Void> releaseLocked() {
    current = null;
    attemptRunning = false;
    context.outstanding().decrementAndGet();
    return idle;
  }

  @Override
  public String toString() {
    return "PartitionLane[" + partition + "]";
  }
}
