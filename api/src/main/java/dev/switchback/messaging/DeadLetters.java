package dev.switchback.messaging;

/**
 * How a backend that reports {@link MessagingFeature#DEAD_LETTER} marks the messages it gave up
 * on. A message whose handler kept failing is published to the dead-letter topic, by default the
 * topic's name with {@link #DEFAULT_SUFFIX}, with its id, key, payload and headers unchanged and
 * these headers added, so a tool reading dead letters works the same on every backend. Backends
 * add the headers they can tell: every one adds {@link #TOPIC_HEADER}, {@link #GROUP_HEADER} and
 * {@link #ATTEMPTS_HEADER}; partitioned backends add {@link #PARTITION_HEADER} and
 * {@link #OFFSET_HEADER}.
 */
public final class DeadLetters {

  /** Suffix of a topic's dead-letter topic unless a backend is configured otherwise. */
  public static final String DEFAULT_SUFFIX = ".dlq";

  /** Header naming the topic the message came from. */
  public static final String TOPIC_HEADER = "switchback-dead-letter-topic";

  /** Header naming the consumer group whose handler gave up. */
  public static final String GROUP_HEADER = "switchback-dead-letter-group";

  /** Header holding the number of failed attempts, in decimal. */
  public static final String ATTEMPTS_HEADER = "switchback-dead-letter-attempts";

  /** Header naming the partition the message came from, in decimal. */
  public static final String PARTITION_HEADER = "switchback-dead-letter-partition";

  /** Header holding the offset the message had in its partition, in decimal. */
  public static final String OFFSET_HEADER = "switchback-dead-letter-offset";

  /** Header holding the last failure's type and message. */
  public static final String ERROR_HEADER = "switchback-dead-letter-error";

  private DeadLetters() {}
}
