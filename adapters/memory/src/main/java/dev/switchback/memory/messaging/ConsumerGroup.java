package dev.switchback.memory.messaging;

import dev.switchback.messaging.Message;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * The position of one consumer group in one topic, shared by the group's subscriptions.
 *
 * <p>The group outlives its subscriptions: what a closed subscription acknowledged stays
 * acknowledged, and what failed waits here for the next member. Order per key: while a message of
 * a key is being handled or waits for redelivery, later messages of that key wait behind it, so
 * every member sees a key's messages in publish order.
 */
final class ConsumerGroup {
  private final String name;
  private final RetainedLog log;
  private final RedeliveryPolicy policy;
  private final BiConsumer<ConsumerGroup, Delivery> deadLetters;
  private final List<MemorySubscription> members = new CopyOnWriteArrayList<>();

  private final ReentrantLock lock = new ReentrantLock();
  private long next;
  private final TreeSet<Long> unfinished = new TreeSet<>();
  private final PriorityQueue<Delivery> retries =
      new PriorityQueue<>(Comparator.comparingLong(Delivery::readyAtNanos));
  private final ArrayDeque<Delivery> released = new ArrayDeque<>();
  private final Map<String, ArrayDeque<Delivery>> waitingByKey = new HashMap<>();
  private final Set<String> busyKeys = new HashSet<>();

  ConsumerGroup(
      String name,
      RetainedLog log,
      RedeliveryPolicy policy,
      BiConsumer<ConsumerGroup, Delivery> deadLetters) {
    this.name = name;
    this.log = log;
    this.policy = policy;
    this.deadLetters = deadLetters;
    this.next = log.startOffset();
  }

  String name() {
    return name;
  }

  void join(MemorySubscription member) {
    members.add(member);
  }

  void leave(MemorySubscription member) {
    members.remove(member);
  }

  /** Tells every member there may be something to take. */
  void signalMembers() {
    for (MemorySubscription member : members) {
      member.signal();
    }
  }

  /**
   * Takes the next message to hand to a member: a redelivery whose pause is over, then a message
   * whose key has become free, then the next message of the log. Null when there is none.
   */
  @Nullable Delivery poll(long nowNanos) {
    lock.lock();
    try {
      Delivery retry = retries.peek();
      if (retry != null && retry.readyAtNanos() - nowNanos <= 0) {
        return retries.poll();
      }
      Delivery free = released.poll();
      if (free != null) {
        return free;
      }
      while (true) {
        RetainedLog.Entry entry = log.readFrom(next);
        if (entry == null) {
          return null;
        }
        next = entry.offset() + 1;
        Delivery delivery = new Delivery(entry.offset(), entry.message());
        unfinished.add(entry.offset());
        String key = entry.message().key();
        if (key == null || busyKeys.add(key)) {
          return delivery;
        }
        waitingByKey.computeIfAbsent(key, k -> new ArrayDeque<>()).add(delivery);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Marks {@code delivery} handled for good and frees its key for the next message. */
  void acknowledge(Delivery delivery) {
    lock.lock();
    try {
      finish(delivery);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Records a failed attempt. Returns the pause in nanoseconds before the message is offered
   * again, or -1 if it went to the dead-letter topic instead.
   */
  long fail(Delivery delivery, long nowNanos) {
    lock.lock();
    try {
      int failures = delivery.recordFailure();
      if (policy.givesUp(failures)) {
        deadLetters.accept(this, delivery);
        finish(delivery);
        return -1;
      }
      long delay = policy.delayNanos(failures);
      delivery.readyAt(nowNanos + delay);
      retries.add(delivery);
      return delay;
    } finally {
      lock.unlock();
    }
  }

  /**
   * The committed position: every message before it has been acknowledged (or dropped by
   * retention before this group read it).
   */
  long committedOffset() {
    lock.lock();
    try {
      return unfinished.isEmpty() ? Math.max(next, log.startOffset()) : unfinished.first();
    } finally {
      lock.unlock();
    }
  }

  private void finish(Delivery delivery) {
    unfinished.remove(delivery.offset());
    Message message = delivery.message();
    String key = message.key();
    if (key == null) {
      return;
    }
    ArrayDeque<Delivery> waiting = waitingByKey.get(key);
    if (waiting == null) {
      busyKeys.remove(key);
      return;
    }
    // The key stays busy: it passes to the next waiting message.
    released.add(waiting.poll());
    if (waiting.isEmpty()) {
      waitingByKey.remove(key);
    }
  }

  @Override
  public String toString() {
    return "ConsumerGroup[" + name + "]";
  }
}
