package dev.switchback.memory.messaging;

import static java.util.Objects.requireNonNull;

import dev.switchback.InvalidInputException;
import dev.switchback.SwitchbackException;
import dev.switchback.TooLargeException;
import dev.switchback.spi.Pingable;
import dev.switchback.spi.support.CloseOnce;
import dev.switchback.spi.support.DaemonThreads;
import dev.switchback.messaging.DeadLetters;
import dev.switchback.messaging.Message;
import dev.switchback.messaging.MessageHandler;
import dev.switchback.messaging.Messaging;
import dev.switchback.messaging.MessagingFeature;
import dev.switchback.messaging.MessagingLag;
import dev.switchback.messaging.Subscription;
import dev.switchback.messaging.Topics;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * {@link Messaging} held in memory, for tests and the embedded default. Nothing survives the
 * instance: "durable" here means stored in the instance's topic log.
 *
 * <p><b>Topics</b> are append-only logs created on first use. Each keeps the newest {@link
 * Builder#retainedMessagesPerTopic(int)} messages (default {@value #DEFAULT_RETAINED_MESSAGES});
 * when a topic is full its oldest message is dropped, and a group that had not yet read it skips
 * it, as with Kafka's retention. A message a group has already taken (running, or waiting for
 * redelivery) is kept until it is acknowledged.
 *
 * <p><b>Groups</b> keep their position for the life of the instance. A new group starts at the
 * oldest retained message. The subscriptions of one group share its messages, each message to
 * one subscription at a time; different groups each get every message.
 *
 * <p><b>Delivery</b> runs on a small executor owned by the instance ({@link
 * Builder#deliveryThreads(int)}); publish never waits for handlers. A handler's stage completing
 * normally acknowledges its message; completing exceptionally, throwing or returning null makes
 * the message come back after a pause that starts at {@link Builder#redeliveryDelay(Duration,
 * Duration)} and doubles up to its maximum. Each subscription runs at most {@link
 * Builder#maxInFlightPerSubscription(int)} handlers at once.
 *
 * <p><b>Order</b>: messages with the same key are handled one at a time per group, in publish
 * order, even across redelivery ({@link MessagingFeature#ORDERED_PER_KEY}). Messages without a
 * key are unordered.
 *
 * <p><b>Dead letters</b> are off by default. With {@link Builder#deadLetterAfter(int)} set to
 * {@code n > 0}, a message that failed {@code n} times in a group is published to the topic
 * {@code <topic>.dlq} with the {@link DeadLetters} headers of topic, group and attempts, and
 * acknowledged; the instance then reports {@link MessagingFeature#DEAD_LETTER}. Topics whose dead-letter name would
 * be illegal (longer than {@value Messaging#MAX_TOPIC_LENGTH}) are then refused.
 *
 * <p><b>Lag</b> ({@link MessagingFeature#LAG}): a topic is one partition, numbered 0; a group's
 * lag is the count of retained messages from its committed position on.
 *
 * <p>Thread safe.
 */
public final class MemoryMessaging implements Messaging, MessagingLag, Pingable {

  /** Messages kept per topic unless configured: {@value}. */
  public static final int DEFAULT_RETAINED_MESSAGES = 10_000;
  /** Largest payload accepted unless configured: {@value} bytes (1 MiB, as Kafka). */
  public static final int DEFAULT_MAX_PAYLOAD_BYTES = 1_048_576;
  /** Handlers one subscription runs at once unless configured: {@value}. */
  public static final int DEFAULT_MAX_IN_FLIGHT = 16;
  /** Delivery threads unless configured: {@value}. */
  public static final int DEFAULT_DELIVERY_THREADS = 2;
  /** First pause before a redelivery unless configured: 50 ms. */
  public static final Duration DEFAULT_REDELIVERY_DELAY = Duration.ofMillis(50);
  /** Longest pause before a redelivery unless configured: 2 s. */
  public static final Duration DEFAULT_MAX_REDELIVERY_DELAY = Duration.ofSeconds(2);

  private final int retainedMessages;
  private final int maxPayloadBytes;
  private final int maxInFlight;
  private final RedeliveryPolicy redelivery;
  private final ScheduledThreadPoolExecutor executor;
  private final ConcurrentHashMap<String, MemoryTopic> topics = new ConcurrentHashMap<>();
  private final Set<MemorySubscription> subscriptions = ConcurrentHashMap.newKeySet();
  private final CloseOnce state = new CloseOnce("MemoryMessaging");

  private MemoryMessaging(Builder builder) {
    this.retainedMessages = builder.retainedMessages;
    this.maxPayloadBytes = builder.maxPayloadBytes;
    this.maxInFlight = builder.maxInFlight;
    this.redelivery =
        new RedeliveryPolicy(
            builder.redeliveryDelay, builder.maxRedeliveryDelay, builder.deadLetterAfter);
    this.executor =
        new ScheduledThreadPoolExecutor(
            builder.deliveryThreads,
            DaemonThreads.forNextInstanceOf("switchback-memory-messaging"));
    executor.setRemoveOnCancelPolicy(true);
    // Pending redelivery timers must not keep a closed instance's threads alive.
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  /** An instance with every default. */
  public static MemoryMessaging create() {
    return builder().build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Stores {@code message} at the end of {@code topic}'s log and wakes its groups. Fails with
   * {@link InvalidInputException} for a bad topic or an empty id and with {@link
   * TooLargeException} for a payload over the limit, storing nothing. The payload is copied.
   */
  @Override
  public CompletionStage<Void> publish(String topic, Message message) {
    try {
      Topics.requireValidTopic(topic);
      Topics.requireValidMessage(message);
      if (message.payload().length > maxPayloadBytes) {
        throw new TooLargeException(
            "payload of " + message.payload().length + " bytes is over the limit of "
                + maxPayloadBytes + " bytes");
      }
      state.requireOpen();
    } catch (SwitchbackException refused) {
      return CompletableFuture.failedFuture(refused);
    }
    append(topic, copyOf(message));
    return CompletableFuture.completedFuture(null);
  }

  /**
   * Joins {@code group} on {@code topic}; delivery starts at once on the instance's executor.
   *
   * @throws InvalidInputException for a bad topic or blank group
   * @throws SwitchbackException if this instance is closed
   */
  @Override
  public Subscription subscribe(String topic, String group, MessageHandler handler) {
    Topics.requireValidTopic(topic);
    Topics.requireValidGroup(group);
    requireNonNull(handler, "handler");
    if (redelivery.deadLetterAfter() > 0) {
      Topics.requireValidTopic(topic + DeadLetters.DEFAULT_SUFFIX);
    }
    state.requireOpen();
    ConsumerGroup consumers = topic(topic).group(group, name -> newGroup(topic, name));
    MemorySubscription subscription =
        new MemorySubscription(
            topic, consumers, handler, executor, maxInFlight, subscriptions::remove);
    subscriptions.add(subscription);
    if (state.isClosed()) {
      // Lost a race with closeAsync, which may not have seen this subscription.
      subscription.closeAsync();
      throw state.closedException();
    }
    consumers.join(subscription);
    subscription.signal();
    return subscription;
  }

  /**
   * {@link MessagingFeature#ORDERED_PER_KEY} and {@link MessagingFeature#LAG}, and {@link
   * MessagingFeature#DEAD_LETTER} if on.
   */
  @Override
  public Set<MessagingFeature> features() {
    Set<MessagingFeature> features = EnumSet.of(MessagingFeature.ORDERED_PER_KEY, MessagingFeature.LAG);
    if (redelivery.deadLetterAfter() > 0) {
      features.add(MessagingFeature.DEAD_LETTER);
    }
    return Set.copyOf(features);
  }

  /**
   * The committed position of {@code group} on {@code topic}: every message before this offset
   * has been acknowledged. 0 for a group that never subscribed.
   */
  public long committedOffset(String topic, String group) {
    MemoryTopic known = topics.get(topic);
    ConsumerGroup consumers = known == null ? null : known.existingGroup(group);
    return consumers == null ? 0 : consumers.committedOffset();
  }

  /**
   * The lag of {@code group} on {@code topic} under partition 0: retained messages from the
   * group's committed position on (all retained messages for a group that never subscribed); an
   * empty map for a topic never used.
   */
  @Override
  public CompletionStage<Map<Integer, Long>> lag(String topic, String group) {
    try {
      Topics.requireValidTopic(topic);
      Topics.requireValidGroup(group);
    } catch (InvalidInputException refused) {
      return CompletableFuture.failedFuture(refused);
    }
    MemoryTopic known = topics.get(topic);
    if (known == null) {
      return CompletableFuture.completedFuture(Map.of());
    }
    ConsumerGroup consumers = known.existingGroup(group);
    RetainedLog log = known.log();
    long from = consumers == null ? log.startOffset() : consumers.committedOffset();
    return CompletableFuture.completedFuture(Map.of(0, Math.max(0, log.endOffset() - from)));
  }

  /**
   * Refuses new work, closes every subscription (each waits for its running handlers), then
   * stops the delivery threads. Retained messages are dropped with the instance.
   */
  @Override
  public CompletionStage<Void> closeAsync() {
    return state.close(
        () ->
            CompletableFuture.allOf(
                    subscriptions.stream()
                        .map(s -> s.closeAsync().toCompletableFuture())
                        .toArray(CompletableFuture[]::new))
                .whenComplete((ignored, failure) -> executor.shutdown()));
  }

  private void append(String topic, Message message) {
    MemoryTopic target = topic(topic);
    target.log().append(message);
    for (ConsumerGroup group : target.groups()) {
      group.signalMembers();
    }
  }

  private MemoryTopic topic(String name) {
    return topics.computeIfAbsent(name, n -> new MemoryTopic(n, retainedMessages));
  }

  private ConsumerGroup newGroup(String topic, String group) {
    return new ConsumerGroup(
        group,
        topic(topic).log(),
        redelivery,
        (consumers, delivery) -> deadLetter(topic, consumers, delivery));
  }

  private void deadLetter(String topic, ConsumerGroup group, Delivery delivery) {
    Message original = delivery.message();
    Map<String, String> headers = new HashMap<>(original.headers());
    headers.put(DeadLetters.TOPIC_HEADER, topic);
    headers.put(DeadLetters.GROUP_HEADER, group.name());
    headers.put(DeadLetters.ATTEMPTS_HEADER, Integer.toString(delivery.failures()));
    append(
        topic + DeadLetters.DEFAULT_SUFFIX,
        new Message(original.id(), original.key(), original.payload(), headers));
  }

  private static Message copyOf(Message message) {
    return new Message(
        message.id(), message.key(), message.payload().clone(), message.headers());
  }

  @Override
  public String toString() {
    return "MemoryMessaging[topics=" + topics.size() + "]";
  }

  /** Builds a {@link MemoryMessaging}; every setting has a documented default. */
  public static final class Builder {
    private int retainedMessages = DEFAULT_RETAINED_MESSAGES;
    private int maxPayloadBytes = DEFAULT_MAX_PAYLOAD_BYTES;
    private int maxInFlight = DEFAULT_MAX_IN_FLIGHT;
    private int deliveryThreads = DEFAULT_DELIVERY_THREADS;
    private Duration redeliveryDelay = DEFAULT_REDELIVERY_DELAY;
    private Duration maxRedeliveryDelay = DEFAULT_MAX_REDELIVERY_DELAY;
    private int deadLetterAfter;

    private Builder() {}

    /** Messages kept per topic, at least 1; older ones are dropped. */
    public Builder retainedMessagesPerTopic(int messages) {
      this.retainedMessages = requirePositive(messages, "retainedMessagesPerTopic");
      return this;
    }

    /** Largest payload accepted, in bytes, at least 1. */
    public Builder maxPayloadBytes(int bytes) {
      this.maxPayloadBytes = requirePositive(bytes, "maxPayloadBytes");
      return this;
    }

    /** Handlers one subscription runs at once, at least 1. */
    public Builder maxInFlightPerSubscription(int handlers) {
      this.maxInFlight = requirePositive(handlers, "maxInFlightPerSubscription");
      return this;
    }

    /** Threads that run handlers and redelivery timers, at least 1. */
    public Builder deliveryThreads(int threads) {
      this.deliveryThreads = requirePositive(threads, "deliveryThreads");
      return this;
    }

    /**
     * The pause before the first redelivery of a failed message, doubling after each further
     * failure up to {@code max}.
     */
    public Builder redeliveryDelay(Duration first, Duration max) {
      requireNonNull(first, "first");
      requireNonNull(max, "max");
      if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
        throw new IllegalArgumentException(
            "redelivery delays must satisfy 0 < first <= max, got " + first + " and " + max);
      }
      this.redeliveryDelay = first;
      this.maxRedeliveryDelay = max;
      return this;
    }

    /**
     * Moves a message to {@code <topic>.dlq} after it failed {@code failures} times in a group;
     * 0 (the default) redelivers for ever.
     */
    public Builder deadLetterAfter(int failures) {
      if (failures < 0) {
        throw new IllegalArgumentException("deadLetterAfter must be 0 or more, got " + failures);
      }
      this.deadLetterAfter = failures;
      return this;
    }

    /** The instance; it owns its delivery threads until closed. */
    public MemoryMessaging build() {
      return new MemoryMessaging(this);
    }

    private static int requirePositive(int value, String name) {
      if (value < 1) {
        throw new IllegalArgumentException(name + " must be at least 1, got " + value);
      }
      return value;
    }
  }

  /** In process, so it answers while open and fails once closed. */
  @Override
  public CompletionStage<Void> ping() {
    return state.completeNow(() -> null);
  }
}
