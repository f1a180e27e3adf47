package dev.switchback.messaging;

import dev.switchback.AsyncCloseable;

/**
 * A running subscription. {@link #closeAsync()} stops taking new messages, waits for handlers
 * already running to finish, acknowledges what they completed, and then releases the consumer.
 */
public interface Subscription extends AsyncCloseable {

  /** The topic consumed. */
  String topic();

  /** The consumer group: each message is delivered to one subscriber of a group. */
  String group();
}
