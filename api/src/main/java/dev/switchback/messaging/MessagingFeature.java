package dev.switchback.messaging;

/** Optional guarantees of a {@link Messaging} backend. */
public enum MessagingFeature {
  /** Messages with the same key are delivered in publish order within a group. */
  ORDERED_PER_KEY,
  /** Messages whose handler keeps failing are moved to a dead-letter topic, not dropped. */
  DEAD_LETTER
}
