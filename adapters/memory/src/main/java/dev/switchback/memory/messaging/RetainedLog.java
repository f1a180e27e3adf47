package dev.switchback.memory.messaging;

import dev.switchback.messaging.Message;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The append-only log of one topic, keeping at most a fixed number of the newest messages.
 * Offsets start at 0 and only grow; the oldest message is dropped when the log is full. The
 * backing array grows on demand, so an idle topic costs little.
 */
final class RetainedLog {
  private static final int INITIAL_SLOTS = 16;

  /** A message at its offset. */
  record Entry(long offset, Message message) {}

  private final int capacity;
  private final ReentrantLock lock = new ReentrantLock();
  private Message[] slots;
  private long start;
  private long end;

  RetainedLog(int capacity) {
    this.capacity = capacity;
    this.slots = new Message[Math.min(capacity, INITIAL_SLOTS)];
  }

  /** Appends {@code message}, dropping the oldest if the log is full; returns its offset. */
  long append(Message message) {
    lock.lock();
    try {
      if (end - start == slots.length) {
        if (slots.length < capacity) {
          grow();
        } else {
          slots[index(start)] = null;
          start++;
        }
      }
      slots[index(end)] = message;
      return end++;
    } finally {
      lock.unlock();
    }
  }

  /** The entry at {@code offset}, or at the oldest retained one if {@code offset} was dropped. */
  @Nullable Entry readFrom(long offset) {
    lock.lock();
    try {
      long at = Math.max(offset, start);
      return at < end ? new Entry(at, slots[index(at)]) : null;
    } finally {
      lock.unlock();
    }
  }

  /** The offset of the oldest retained message (equal to {@link #endOffset()} when empty). */
  long startOffset() {
    lock.lock();
    try {
      return start;
    } finally {
      lock.unlock();
    }
  }

  /** The offset the next message will get. */
  long endOffset() {
    lock.lock();
    try {
      return end;
    } finally {
      lock.unlock();
    }
  }

  private void grow() {
    Message[] grown = new Message[(int) Math.min((long) slots.length * 2, capacity)];
    for (long offset = start; offset < end; offset++) {
      grown[(int) (offset % grown.length)] = slots[index(offset)];
    }
    slots = grown;
  }

  private int index(long offset) {
    return (int) (offset % slots.length);
  }
}
