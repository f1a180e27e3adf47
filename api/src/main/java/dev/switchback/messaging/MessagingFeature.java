package dev.switchback.messaging;

/**
 * Optional guarantees and abilities of a {@link Messaging} backend. An ability (such as {@link
 * #LAG}) is offered through {@link Messaging#ability(Class)} exactly when it is reported.
 */
public enum MessagingFeature {
  /** Messages with the same key are delivered in publish order within a group. */
  ORDERED_PER_KEY,
  /** Messages whose handler keeps failing are moved to a dead-letter topic, not dropped. */
  DEAD_LETTER,
  /** {@link MessagingLag}: the consumer lag of a group on a topic, per partition. */
  LAG
}
