package dev.switchback.kafka;

import dev.switchback.config.DurationConverter;
import dev.switchback.config.StrictBooleanConverter;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The settings of Kafka messaging that do not depend on how the cluster is reached, as a
 * SmallRye configuration group. Not a mapping of its own: a backend's {@code @ConfigMapping}
 * extends it ({@link KafkaMessagingConfig} for {@code kafka}; MSK's adds its endpoint and
 * authentication), so the keys sit under that backend's prefix, for example {@code
 * switchback.messaging.kafka.delivery-timeout}. {@link KafkaMessagingSettings#fromConfig} checks
 * the values. Durations take the forms of {@link DurationConverter}, booleans those of {@link
 * StrictBooleanConverter}.
 */
public interface KafkaMessagingOptions {

  /**
   * {@code delivery-timeout}: the longest a publish waits for the broker's acknowledgement,
   * retries included, before it fails with {@link dev.switchback.OperationTimeoutException}
   * (Kafka's {@code delivery.timeout.ms}); default {@code 30s}. At least {@code request-timeout}
   * plus {@code linger}.
   */
  @WithDefault("30s")
  @WithConverter(DurationConverter.class)
  Duration deliveryTimeout();

  /** {@code request-timeout}: the longest one request to a broker waits; default {@code 10s}. */
  @WithDefault("10s")
  @WithConverter(DurationConverter.class)
  Duration requestTimeout();

  /** {@code linger}: how long the producer waits to fill a batch; default {@code 5ms}. */
  @WithDefault("5ms")
  @WithConverter(DurationConverter.class)
  Duration linger();

  /**
   * {@code max-block}: the longest a publish may hold the calling thread while the producer
   * fetches the topic's metadata or waits for buffer space (Kafka's {@code max.block.ms});
   * default {@code 10s}. Past it the publish fails with {@link
   * dev.switchback.BackendUnavailableException}, nothing sent.
   */
  @WithDefault("10s")
  @WithConverter(DurationConverter.class)
  Duration maxBlock();

  /**
   * {@code max-request-size}: the largest record, payload, key and headers together, in bytes
   * (Kafka's {@code max.request.size}); default {@code 1048576}. Larger messages fail with
   * {@link dev.switchback.TooLargeException} before anything is sent.
   */
  @WithDefault("1048576")
  int maxRequestSize();

  /**
   * {@code max-in-flight}: records one subscription holds fetched and not yet handled; at the
   * bound it pauses fetching (while staying in its group) until handlers catch up. Default
   * {@code 256}.
   */
  @WithDefault("256")
  int maxInFlight();

  /** {@code delivery-threads}: threads of one instance that run handlers; default {@code 8}. */
  @WithDefault("8")
  int deliveryThreads();

  /**
   * {@code drain-timeout}: how long a subscription waits for running handlers when it closes or
   * its partitions move to another member, before it commits what completed; default {@code
   * 30s}. Handlers still running then are not committed, so their messages come again.
   */
  @WithDefault("30s")
  @WithConverter(DurationConverter.class)
  Duration drainTimeout();

  /** {@code retry.*}: how a message whose handler failed is tried again. */
  Retry retry();

  /** {@code dead-letter.*}: where a message goes once its attempts are used up. */
  DeadLetter deadLetter();

  /** {@code topics.*}: whether and how topics are created. */
  Topics topics();

  /**
   * {@code producer.*}: further Kafka producer properties, for example {@code
   * producer.compression.type=lz4}. Settings that would weaken delivery are refused at start.
   */
  Map<String, String> producer();

  /**
   * {@code consumer.*}: further Kafka consumer properties, for example {@code
   * consumer.max.poll.interval.ms=600000}. Settings that would lose messages are refused at
   * start.
   */
  Map<String, String> consumer();

  /** The {@code retry.*} settings. */
  interface Retry {

    /**
     * {@code retry.max-attempts}: handler attempts of one message before it goes to the
     * dead-letter topic; at least 1, default {@code 10}. Without a dead-letter topic it is
     * retried until it succeeds.
     */
    @WithDefault("10")
    int maxAttempts();

    /** {@code retry.initial-backoff}: the pause after the first failure; default {@code 200ms}. */
    @WithDefault("200ms")
    @WithConverter(DurationConverter.class)
    Duration initialBackoff();

    /** {@code retry.max-backoff}: the pause doubles up to this; default {@code 10s}. */
    @WithDefault("10s")
    @WithConverter(DurationConverter.class)
    Duration maxBackoff();
  }

  /** The {@code dead-letter.*} settings. */
  interface DeadLetter {

    /**
     * {@code dead-letter.enabled}: whether a message whose attempts are used up is published to
     * the dead-letter topic and committed; default {@code true}. When off it is retried until it
     * succeeds, holding back its partition.
     */
    @WithDefault("true")
    @WithConverter(StrictBooleanConverter.class)
    boolean enabled();

    /**
     * {@code dead-letter.suffix}: the dead-letter topic is the topic plus this; default {@code
     * .dlq}.
     */
    @WithDefault(".dlq")
    String suffix();
  }

  /** The {@code topics.*} settings. */
  interface Topics {

    /**
     * {@code topics.create}: whether topics are created (with the admin client) before their
     * first publish or subscription; default {@code false}, as production topics are made by
     * their owners. For development and tests.
     */
    @WithDefault("false")
    @WithConverter(StrictBooleanConverter.class)
    boolean create();

    /** {@code topics.partitions}: partitions of a created topic; default the broker's. */
    OptionalInt partitions();

    /** {@code topics.replication-factor}: replicas of a created topic; default the broker's. */
    OptionalInt replicationFactor();
  }
}
