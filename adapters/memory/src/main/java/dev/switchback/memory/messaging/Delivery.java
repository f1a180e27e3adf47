package dev.switchback.memory.messaging;

import dev.switchback.messaging.Message;

/**
 * One message of a topic on its way through a consumer group, from the moment the group takes
 * it from the log until a handler acknowledges it. Mutable fields are guarded by the group's
 * lock.
 */
final class Delivery {
  private final long offset;
  private final Message message;
  private int failures;
  private long readyAtNanos;

  Delivery(long offset, Message message) {
    this.offset = offset;
    this.message = message;
  }

  long offset() {
    return offset;
  }

  Message message() {
    return message;
  }

  int failures() {
    return failures;
  }

  int recordFailure() {
    return ++failures;
  }

  long readyAtNanos() {
    return readyAtNanos;
  }

  void readyAt(long nanos) {
    readyAtNanos = nanos;
  }

  @Override
  public String toString() {
    return "Delivery[offset=" + offset + ", " + message + ", failures=" + failures + "]";
  }
}
