package dev.switchback.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import dev.switchback.InvalidInputException;
import dev.switchback.SwitchbackException;
import dev.switchback.TooLargeException;
import dev.switchback.kafka.internal.ClusterAdmin;
import dev.switchback.kafka.internal.DeliveryContext;
import dev.switchback.kafka.internal.GroupLag;
import dev.switchback.kafka.internal.KafkaFailures;
import dev.switchback.kafka.internal.KafkaRecords;
import dev.switchback.kafka.internal.KafkaSubscription;
import dev.switchback.kafka.internal.MessagingTelemetry;
import dev.switchback.kafka.internal.TopicCreator;
import dev.switchback.messaging.DeadLetters;
import dev.switchback.messaging.Message;
import dev.switchback.messaging.MessageHandler;
import dev.switchback.messaging.Messaging;
import dev.switchback.messaging.MessagingFeature;
import dev.switchback.messaging.MessagingLag;
import dev.switchback.messaging.Subscription;
import dev.switchback.messaging.Topics;
import dev.switchback.spi.Pingable;
import dev.switchback.spi.support.CloseOnce;
import dev.switchback.spi.support.DaemonThreads;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jspecify.annotations.Nullable;

/**
 * {@link Messaging} on Apache Kafka.
 *
 * <p><b>Publish</b> goes through one idempotent producer per instance ({@code acks=all}, {@code
 * enable.idempotence=true}, at most 5 requests in flight per connection, bounded {@code
 * delivery.timeout.ms}): the stage completes when the broker has acknowledged the record, and
 * fails with {@link dev.switchback.OperationTimeoutException} if that does not happen within the
 * delivery timeout (the message may then have been stored). The message's key is the record key
 * (UTF-8), so messages of one key land in one partition; its id travels in the header {@value
 * KafkaRecords#ID_HEADER}, its headers as record headers, and the trace context in the headers of
 * the configured propagators. A bad topic, an empty id, a header named {@value
 * KafkaRecords#ID_HEADER} or a record over {@code max-request-size} fail before anything is sent.
 *
 * <p><b>Subscribe</b> starts one consumer, on a thread of its own, in the consumer group named
 * by the subscription; a new group starts from the earliest retained record. Records of one
 * partition are handled one at a time in offset order ({@link MessagingFeature#ORDERED_PER_KEY}),
 * partitions in parallel on the instance's delivery threads. A handler whose stage fails or that
 * throws is tried again after a growing pause; once its attempts are used up the record is
 * published to the topic's dead-letter topic ({@link #deadLetterTopic(String)}) with headers
 * naming where it came from and why it failed ({@link MessagingFeature#DEAD_LETTER}), or, with
 * dead letters off, tried until it succeeds. An offset is committed only once every record
 * before it has finished. See {@link KafkaSubscription} for rebalances, back-pressure and close.
 *
 * <p><b>Lag</b> ({@link MessagingFeature#LAG}): {@link #lag} reads a group's committed offsets and
 * the partitions' end and log start offsets with the instance's admin client, the one topic
 * creation uses, opened on first need.
 *
 * <p><b>Close</b> closes every subscription (each waits for its running handlers and commits),
 * then flushes and closes the producer and the admin client. Publishing after close fails.
 *
 * <p>Thread safe.
 */
public final class KafkaMessaging implements Messaging, MessagingLag, Pingable {


  private static final int MAX_ERROR_CHARS = 1_000;

  private final KafkaConnection connection;
  private final KafkaMessagingSettings settings;
  private final KafkaProducer<byte[], byte[]> producer;
  private final ClusterAdmin admin;
  private final TopicCreator topics;
  private final GroupLag groupLag;
  private final MessagingTelemetry telemetry;
  private final ThreadPoolExecutor handlers;
  private final ScheduledThreadPoolExecutor timers;
  private final DaemonThreads consumerThreads =
      DaemonThreads.forNextInstanceOf("switchback-kafka-consumer");
  private final Set<KafkaSubscription> subscriptions = ConcurrentHashMap.newKeySet();
  private final CloseOnce state = new CloseOnce("Kafka messaging");

  private KafkaMessaging(Builder builder) {
    this.connection = builder.connection;
    this.settings = builder.settings;
    this.telemetry = new MessagingTelemetry(builder.openTelemetry);
    this.admin = new ClusterAdmin(connection);
    this.topics =
        new TopicCreator(admin, settings.createTopics(), settings.topicPartitions(),
            settings.topicReplicationFactor(), settings.requestTimeout());
    this.groupLag = new GroupLag(admin, settings.requestTimeout());
    KafkaClients.checkConsumer(connection, settings);
    this.producer = KafkaClients.producer(connection, settings);
    this.handlers =
        (ThreadPoolExecutor) Executors.newFixedThreadPool(settings.deliveryThreads(),
            DaemonThreads.forNextInstanceOf("switchback-kafka-delivery"));
    this.timers =
        new ScheduledThreadPoolExecutor(
            1, DaemonThreads.forNextInstanceOf("switchback-kafka-retry"));
    timers.setRemoveOnCancelPolicy(true);
    timers.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  /** A builder for an instance on {@code connection}, with default settings and no tracing. */
  public static Builder builder(KafkaConnection connection) {
    return new Builder(connection);
  }

  /**
   * Publishes {@code message} to {@code topic}; completes when the broker acknowledged it. May
   * hold the calling thread up to {@code max-block} while the topic's metadata is fetched.
   */
  @Override
  public CompletionStage<Void> publish(String topic, Message message) {
    ProducerRecord<byte[], byte[]> record;
    try {
      Topics.requireValidTopic(topic);
      Topics.requireValidMessage(message);
      state.requireOpen();
      record = KafkaRecords.toRecord(topic, message);
    } catch (SwitchbackException refused) {
      return CompletableFuture.failedFuture(refused);
    }
    Context caller = Context.current();
    CompletableFuture<Void> created = topics.ensure(topic).toCompletableFuture();
    if (created.isDone() && !created.isCompletedExceptionally()) {
      return send(record, message, caller);
    }
    return created.isDone()
        ? created.thenCompose(ignored -> send(record, message, caller))
        // Not on the admin client's thread, which send may block while it fetches metadata.
        : created.thenComposeAsync(ignored -> send(record, message, caller), handlers);
  }

  private CompletionStage<Void> send(
      ProducerRecord<byte[], byte[]> record, Message message, Context caller) {
    Span span = telemetry.startSend(caller, record.topic(), message, record.headers());
    long size = KafkaRecords.sizeUpperBound(record);
    if (size > settings.maxRequestSize()) {
      TooLargeException tooLarge = new TooLargeException("message " + message.id() + " takes up"
          + " to " + size + " bytes with its key and headers; the limit (max-request-size) is "
          + settings.maxRequestSize() + " bytes");
      MessagingTelemetry.end(span, tooLarge);
      return CompletableFuture.failedFuture(tooLarge);
    }
    Acknowledgement acknowledged = new Acknowledgement(record.topic(), span);
    try {
      producer.send(record, acknowledged);
      acknowledged.handedOver = true;
    } catch (KafkaException | IllegalStateException e) {
      MessagingTelemetry.end(span, e);
      acknowledged.completeExceptionally(state.isClosed()
          ? state.closedException() : KafkaFailures.translate(acknowledged.what(), e, true));
    }
    return acknowledged;
  }

  /**
   * The caller's stage of one publish and the producer's callback for it, in one object: it
   * completes when the broker acknowledged the record, or with the translated failure.
   */
  private static final class Acknowledgement extends CompletableFuture<Void> implements Callback {
    private final String topic;
    private final Span span;
    // Set once send returned: a callback before that means the record never left the client.
    private volatile boolean handedOver;

    Acknowledgement(String topic, Span span) {
      this.topic = topic;
      this.span = span;
    }

    String what() {
      return "publish to " + topic;
    }

    @Override
    public void onCompletion(RecordMetadata metadata, @Nullable Exception failure) {
      MessagingTelemetry.end(span, failure);
      if (failure == null) {
        complete(null);
      } else {
        completeExceptionally(KafkaFailures.translate(what(), failure, !handedOver));
      }
    }
  }

  /**
   * Starts a consumer of {@code topic} in {@code group} on a thread of its own; delivery begins
   * once it has joined the group.
   *
   * @throws InvalidInputException for a bad topic or blank group
   * @throws SwitchbackException if this instance is closed, or the consumer cannot be made
   */
  @Override
  public Subscription subscribe(String topic, String group, MessageHandler handler) {
    Topics.requireValidTopic(topic);
    Topics.requireValidGroup(group);
    requireNonNull(handler, "handler");
    state.requireOpen();
    DeliveryContext context =
        new DeliveryContext(topic, group, handler, settings, handlers, timers, telemetry,
            this::deadLetter, new AtomicInteger());
    KafkaConsumer<byte[], byte[]> consumer;
    try {
      consumer = KafkaClients.consumer(connection, settings, group);
    } catch (KafkaException e) {
      throw KafkaFailures.translate("subscribing to " + topic, e, true);
    }
    KafkaSubscription subscription =
        KafkaSubscription.start(context, consumer, () -> topics.ensure(topic), consumerThreads,
            subscriptions::remove);
    subscriptions.add(subscription);
    if (state.isClosed()) {
      // Lost a race with closeAsync, which may not have seen this subscription.
      subscription.closeAsync();
      throw state.closedException();
    }
    return subscription;
  }

  /** Asks the cluster for its nodes with the admin client, bounded by the request timeout. */
  @Override
  public CompletionStage<Void> ping() {
    if (state.isClosed()) {
      return CompletableFuture.failedFuture(state.closedException());
    }
    return admin.ping(settings.requestTimeout());
  }

  /**
   * {@link MessagingFeature#ORDERED_PER_KEY} and {@link MessagingFeature#LAG}, and {@link
   * MessagingFeature#DEAD_LETTER} if on.
   */
  @Override
  public Set<MessagingFeature> features() {
    EnumSet<MessagingFeature> features =
        EnumSet.of(MessagingFeature.ORDERED_PER_KEY, MessagingFeature.LAG);
    if (settings.deadLetterEnabled()) {
      features.add(MessagingFeature.DEAD_LETTER);
    }
    return Set.copyOf(features);
  }

  /**
   * The lag of {@code group} on each partition of {@code topic}: the partition's end offset minus
   * the group's committed offset, or minus the log start offset (the earliest retained record)
   * where the group has committed nothing, as a new group starts from the earliest. A record
   * counts until the group's handler finished with it and its offset was committed (every 200 ms
   * at most), so a message being handled, waiting for a retry, or failing until it goes to its
   * dead-letter topic keeps the lag above 0. Offsets count every record, so on a compacted topic
   * the figure is an upper bound. A topic the cluster does not know gives an empty map.
   *
   * <p>The query is bounded by {@code request-timeout} as a whole; it fails with {@link
   * dev.switchback.OperationTimeoutException} when the cluster did not answer in that time, with
   * {@link dev.switchback.BackendUnavailableException} for Kafka's other retriable errors, and
   * with {@link InvalidInputException} for a bad topic or blank group (nothing is asked).
   */
  @Override
  public CompletionStage<Map<Integer, Long>> lag(String topic, String group) {
    try {
      Topics.requireValidTopic(topic);
      Topics.requireValidGroup(group);
      state.requireOpen();
    } catch (SwitchbackException refused) {
      return CompletableFuture.failedFuture(refused);
    }
    return groupLag.of(topic, group);
  }

  /**
   * The dead-letter topic of {@code topic}: {@code <topic><suffix>} ({@code orders.dlq}), or, if
   * that would pass Kafka's 249 characters, the topic cut short plus {@code -} and 8 hex digits
   * of its SHA-256 before the suffix.
   */
  public String deadLetterTopic(String topic) {
    String suffix = settings.deadLetterSuffix();
    if (topic.length() + suffix.length() <= Messaging.MAX_TOPIC_LENGTH) {
      return topic + suffix;
    }
    String hash;
    try {
      hash = HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(topic.getBytes(UTF_8)), 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
    return topic.substring(0, Messaging.MAX_TOPIC_LENGTH - suffix.length() - 9) + "-" + hash
        + suffix;
  }

  /** How this instance reaches its cluster, for tools that need an admin client of it. */
  public KafkaConnection connection() {
    return connection;
  }

  /** The settings of this instance. */
  public KafkaMessagingSettings settings() {
    return settings;
  }

  private CompletionStage<Void> deadLetter(
      ConsumerRecord<byte[], byte[]> record, String group, int attempts, Throwable failure) {
    String topic = deadLetterTopic(record.topic());
    Headers headers = new RecordHeaders();
    for (Header header : record.headers()) {
      headers.add(header);
    }
    String error = failure.getClass().getName() + ": " + failure.getMessage();
    headers.add(DeadLetters.TOPIC_HEADER, bytes(record.topic()));
    headers.add(DeadLetters.PARTITION_HEADER, bytes(Integer.toString(record.partition())));
    headers.add(DeadLetters.OFFSET_HEADER, bytes(Long.toString(record.offset())));
    headers.add(DeadLetters.GROUP_HEADER, bytes(group));
    headers.add(DeadLetters.ATTEMPTS_HEADER, bytes(Integer.toString(attempts)));
    headers.add(DeadLetters.ERROR_HEADER,
        bytes(error.length() > MAX_ERROR_CHARS ? error.substring(0, MAX_ERROR_CHARS) : error));
    ProducerRecord<byte[], byte[]> letter =
        new ProducerRecord<>(topic, null, record.key(), record.value(), headers);
    return topics.ensure(topic).thenCompose(ignored -> sendRaw(letter));
  }

  private CompletionStage<Void> sendRaw(ProducerRecord<byte[], byte[]> record) {
    CompletableFuture<Void> acknowledged = new CompletableFuture<>();
    try {
      producer.send(record, (metadata, failure) -> {
        if (failure == null) {
          acknowledged.complete(null);
        } else {
          acknowledged.completeExceptionally(
              KafkaFailures.translate("publish to " + record.topic(), failure, false));
        }
      });
    } catch (KafkaException | IllegalStateException e) {
      acknowledged.completeExceptionally(
          KafkaFailures.translate("publish to " + record.topic(), e, true));
    }
    return acknowledged;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }

  /**
   * Refuses new work, closes every subscription (each waits up to the drain timeout for its
   * running handlers and commits), then flushes and closes the producer and the delivery threads.
   */
  @Override
  public CompletionStage<Void> closeAsync() {
    return state.close(() -> {
      List<CompletableFuture<Void>> closing =
          subscriptions.stream().map(s -> s.closeAsync().toCompletableFuture()).toList();
      return CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new))
          .handle((ignored, failure) -> null)
          .thenRunAsync(this::closeClients,
              task -> DaemonThreads.forNextInstanceOf("switchback-kafka-close")
                  .newThread(task).start());
    });
  }

  private void closeClients() {
    try {
      producer.close(settings.drainTimeout());
    } finally {
      admin.close();
      handlers.shutdown();
      timers.shutdownNow();
      try {
        handlers.awaitTermination(settings.drainTimeout().toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public String toString() {
    return "KafkaMessaging[" + connection.bootstrapServers() + "]";
  }

  /** Settings of a {@link KafkaMessaging}; setters check their argument and return this. */
  public static final class Builder {
    private final KafkaConnection connection;
    private KafkaMessagingSettings settings = KafkaMessagingSettings.defaults();
    private OpenTelemetry openTelemetry = OpenTelemetry.noop();

    private Builder(KafkaConnection connection) {
      this.connection = requireNonNull(connection, "connection");
    }

    /** Default {@link KafkaMessagingSettings#defaults()}. */
    public Builder settings(KafkaMessagingSettings settings) {
      this.settings = requireNonNull(settings, "settings");
      return this;
    }

    /** Spans and trace propagation; default none. */
    public Builder openTelemetry(OpenTelemetry openTelemetry) {
      this.openTelemetry = requireNonNull(openTelemetry, "openTelemetry");
      return this;
    }

    /**
     * The instance, with its producer created (it connects in the background).
     *
     * @throws SwitchbackException if the Kafka clients refuse the settings
     */
    public KafkaMessaging build() {
      try {
        return new KafkaMessaging(this);
      } catch (KafkaException e) {
        throw KafkaFailures.translate("creating the Kafka producer", e, true);
      }
    }
  }
}
