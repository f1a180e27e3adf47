package dev.switchback.kafka;

import dev.switchback.messaging.DeadLetters;
import static java.util.Objects.requireNonNull;

import dev.switchback.ConfigurationException;
import dev.switchback.spi.support.SettingChecks;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The checked settings of a {@link KafkaMessaging}, everything but how the cluster is reached
 * ({@link KafkaConnection}). Built from configuration with {@link #fromConfig} or in code with
 * {@link #builder()}; immutable and thread safe. The meaning and default of each setting is on
 * the matching key of {@link KafkaMessagingOptions}.
 */
public final class KafkaMessagingSettings {

  /** Default {@code delivery-timeout}: 30 seconds. */
  public static final Duration DEFAULT_DELIVERY_TIMEOUT = Duration.ofSeconds(30);
  /** Default {@code request-timeout}: 10 seconds. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
  /** Default {@code linger}: 5 milliseconds. */
  public static final Duration DEFAULT_LINGER = Duration.ofMillis(5);
  /** Default {@code max-block}: 10 seconds. */
  public static final Duration DEFAULT_MAX_BLOCK = Duration.ofSeconds(10);
  /** Default {@code max-request-size}: 1 MiB, as Kafka. */
  public static final int DEFAULT_MAX_REQUEST_SIZE = 1_048_576;
  /** Default {@code max-in-flight}: 256 records per subscription. */
  public static final int DEFAULT_MAX_IN_FLIGHT = 256;
  /** Default {@code delivery-threads}: 8. */
  public static final int DEFAULT_DELIVERY_THREADS = 8;
  /** Default {@code drain-timeout}: 30 seconds. */
  public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(30);
  /** Default {@code retry.max-attempts}: 10. */
  public static final int DEFAULT_MAX_ATTEMPTS = 10;
  /** Default {@code retry.initial-backoff}: 200 milliseconds. */
  public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(200);
  /** Default {@code retry.max-backoff}: 10 seconds. */
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(10);
  /** Default {@code dead-letter.suffix}: {@value}. */
  public static final String DEFAULT_DEAD_LETTER_SUFFIX = DeadLetters.DEFAULT_SUFFIX;

  private final Duration deliveryTimeout;
  private final Duration requestTimeout;
  private final Duration linger;
  private final Duration maxBlock;
  private final int maxRequestSize;
  private final int maxInFlight;
  private final int deliveryThreads;
  private final Duration drainTimeout;
  private final int maxAttempts;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final boolean deadLetterEnabled;
  private final String deadLetterSuffix;
  private final boolean createTopics;
  private final OptionalInt topicPartitions;
  private final OptionalInt topicReplicationFactor;
  private final Map<String, String> producerProperties;
  private final Map<String, String> consumerProperties;

  private KafkaMessagingSettings(Builder builder) {
    this.deliveryTimeout = builder.deliveryTimeout;
    this.requestTimeout = builder.requestTimeout;
    this.linger = builder.linger;
    this.maxBlock = builder.maxBlock;
    this.maxRequestSize = builder.maxRequestSize;
    this.maxInFlight = builder.maxInFlight;
    this.deliveryThreads = builder.deliveryThreads;
    this.drainTimeout = builder.drainTimeout;
    this.maxAttempts = builder.maxAttempts;
    this.initialBackoff = builder.initialBackoff;
    this.maxBackoff = builder.maxBackoff;
    this.deadLetterEnabled = builder.deadLetterEnabled;
    this.deadLetterSuffix = builder.deadLetterSuffix;
    this.createTopics = builder.createTopics;
    this.topicPartitions = builder.topicPartitions;
    this.topicReplicationFactor = builder.topicReplicationFactor;
    this.producerProperties = builder.producerProperties;
    this.consumerProperties = builder.consumerProperties;
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The defaults. */
  public static KafkaMessagingSettings defaults() {
    return builder().build();
  }

  /**
   * The settings in {@code options}, whose keys sit under {@code prefix} (for example {@code
   * switchback.messaging.kafka}).
   *
   * @throws ConfigurationException naming the full key of the first value out of range, or of a
   *     pass-through property that would weaken delivery, with the accepted values
   */
  public static KafkaMessagingSettings fromConfig(KafkaMessagingOptions options, String prefix) {
    requireNonNull(options, "options");
    requireNonNull(prefix, "prefix");
    Duration deliveryTimeout =
        SettingChecks.positive(prefix + ".delivery-timeout", options.deliveryTimeout());
    Duration requestTimeout =
        SettingChecks.positive(prefix + ".request-timeout", options.requestTimeout());
    Duration linger = SettingChecks.notNegative(prefix + ".linger", options.linger());
    if (deliveryTimeout.compareTo(requestTimeout.plus(linger)) < 0) {
      throw new ConfigurationException(prefix + ".delivery-timeout (" + deliveryTimeout
          + ") must be at least " + prefix + ".request-timeout plus " + prefix + ".linger ("
          + requestTimeout.plus(linger) + ")");
    }
    KafkaMessagingOptions.Retry retry = options.retry();
    Duration initialBackoff =
        SettingChecks.positive(prefix + ".retry.initial-backoff", retry.initialBackoff());
    Duration maxBackoff =
        SettingChecks.positive(prefix + ".retry.max-backoff", retry.maxBackoff());
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new ConfigurationException(prefix + ".retry.max-backoff must not be shorter than "
          + prefix + ".retry.initial-backoff");
    }
    String suffix = options.deadLetter().suffix();
    if (suffix.isEmpty() || !suffix.matches("[a-zA-Z0-9._-]{1,64}")) {
      throw new ConfigurationException("Invalid value for " + prefix + ".dead-letter.suffix: '"
          + suffix + "'; accepted values: 1 to 64 of [a-zA-Z0-9._-]");
    }
    KafkaMessagingOptions.Topics topics = options.topics();
    Builder builder = builder()
        .deliveryTimeout(deliveryTimeout)
        .requestTimeout(requestTimeout)
        .linger(linger)
        .maxBlock(SettingChecks.positive(prefix + ".max-block", options.maxBlock()))
        .maxRequestSize(SettingChecks.atLeast(prefix + ".max-request-size", 1024,
            options.maxRequestSize()))
        .maxInFlight(SettingChecks.atLeast(prefix + ".max-in-flight", 1, options.maxInFlight()))
        .deliveryThreads(
            SettingChecks.atLeast(prefix + ".delivery-threads", 1, options.deliveryThreads()))
        .drainTimeout(SettingChecks.positive(prefix + ".drain-timeout", options.drainTimeout()))
        .retry(SettingChecks.atLeast(prefix + ".retry.max-attempts", 1, retry.maxAttempts()),
            initialBackoff, maxBackoff)
        .deadLetter(options.deadLetter().enabled(), suffix)
        .createTopics(topics.create())
        .producerProperties(
            NoLossProperties.checkProducer(prefix + ".producer", options.producer()))
        .consumerProperties(
            NoLossProperties.checkConsumer(prefix + ".consumer", options.consumer()));
    if (topics.partitions().isPresent()) {
      builder.topicPartitions(
          SettingChecks.atLeast(prefix + ".topics.partitions", 1, topics.partitions().getAsInt()));
    }
    if (topics.replicationFactor().isPresent()) {
      builder.topicReplicationFactor(SettingChecks.atLeast(prefix + ".topics.replication-factor",
          1, topics.replicationFactor().getAsInt()));
    }
    return builder.build();
  }

  /** How long a publish waits for the broker's acknowledgement, retries included. */
  public Duration deliveryTimeout() {
    return deliveryTimeout;
  }

  /** How long one request to a broker waits. */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  /** How long the producer waits to fill a batch. */
  public Duration linger() {
    return linger;
  }

  /** How long a publish may hold the calling thread for metadata or buffer space. */
  public Duration maxBlock() {
    return maxBlock;
  }

  /** The largest record in bytes. */
  public int maxRequestSize() {
    return maxRequestSize;
  }

  /** Records one subscription holds fetched and not yet handled. */
  public int maxInFlight() {
    return maxInFlight;
  }

  /** Threads that run handlers. */
  public int deliveryThreads() {
    return deliveryThreads;
  }

  /** How long a subscription waits for running handlers at close or revocation. */
  public Duration drainTimeout() {
    return drainTimeout;
  }

  /** Handler attempts of one message before it is dead-lettered. */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** The pause after a message's first failure. */
  public Duration initialBackoff() {
    return initialBackoff;
  }

  /** The longest pause between attempts. */
  public Duration maxBackoff() {
    return maxBackoff;
  }

  /** Whether messages whose attempts are used up go to the dead-letter topic. */
  public boolean deadLetterEnabled() {
    return deadLetterEnabled;
  }

  /** What is appended to a topic's name to name its dead-letter topic. */
  public String deadLetterSuffix() {
    return deadLetterSuffix;
  }

  /** Whether topics are created before first use. */
  public boolean createTopics() {
    return createTopics;
  }

  /** Partitions of a created topic; empty for the broker's default. */
  public OptionalInt topicPartitions() {
    return topicPartitions;
  }

  /** Replicas of a created topic; empty for the broker's default. */
  public OptionalInt topicReplicationFactor() {
    return topicReplicationFactor;
  }

  /** Further producer properties, already checked. */
  public Map<String, String> producerProperties() {
    return producerProperties;
  }

  /** Further consumer properties, already checked. */
  public Map<String, String> consumerProperties() {
    return consumerProperties;
  }

  @Override
  public String toString() {
    return "KafkaMessagingSettings[deliveryTimeout=" + deliveryTimeout
        + ", requestTimeout=" + requestTimeout + ", linger=" + linger + ", maxBlock=" + maxBlock
        + ", maxRequestSize=" + maxRequestSize + ", maxInFlight=" + maxInFlight
        + ", deliveryThreads=" + deliveryThreads + ", drainTimeout=" + drainTimeout
        + ", maxAttempts=" + maxAttempts + ", backoff=" + initialBackoff + ".." + maxBackoff
        + ", deadLetter=" + (deadLetterEnabled ? "<topic>" + deadLetterSuffix : "off")
        + ", createTopics=" + createTopics + ", producer=" + producerProperties.keySet()
        + ", consumer=" + consumerProperties.keySet() + "]";
  }

  /** Settings of a {@link KafkaMessagingSettings}; setters check their argument and return this. */
  public static final class Builder {
    private Duration deliveryTimeout = DEFAULT_DELIVERY_TIMEOUT;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private Duration linger = DEFAULT_LINGER;
    private Duration maxBlock = DEFAULT_MAX_BLOCK;
    private int maxRequestSize = DEFAULT_MAX_REQUEST_SIZE;
    private int maxInFlight = DEFAULT_MAX_IN_FLIGHT;
    private int deliveryThreads = DEFAULT_DELIVERY_THREADS;
    private Duration drainTimeout = DEFAULT_DRAIN_TIMEOUT;
    private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
    private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
    private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
    private boolean deadLetterEnabled = true;
    private String deadLetterSuffix = DEFAULT_DEAD_LETTER_SUFFIX;
    private boolean createTopics;
    private OptionalInt topicPartitions = OptionalInt.empty();
    private OptionalInt topicReplicationFactor = OptionalInt.empty();
    private Map<String, String> producerProperties = Map.of();
    private Map<String, String> consumerProperties = Map.of();

    private Builder() {}

    /** Default {@link #DEFAULT_DELIVERY_TIMEOUT}; positive. */
    public Builder deliveryTimeout(Duration deliveryTimeout) {
      this.deliveryTimeout = requirePositive(deliveryTimeout, "deliveryTimeout");
      return this;
    }

    /** Default {@link #DEFAULT_REQUEST_TIMEOUT}; positive. */
    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = requirePositive(requestTimeout, "requestTimeout");
      return this;
    }

    /** Default {@link #DEFAULT_LINGER}; zero or more. */
    public Builder linger(Duration linger) {
      requireNonNull(linger, "linger");
      if (linger.isNegative()) {
        throw new IllegalArgumentException("linger must not be negative, got " + linger);
      }
      this.linger = linger;
      return this;
    }

    /** Default {@link #DEFAULT_MAX_BLOCK}; positive. */
    public Builder maxBlock(Duration maxBlock) {
      this.maxBlock = requirePositive(maxBlock, "maxBlock");
      return this;
    }

    /** Default {@value #DEFAULT_MAX_REQUEST_SIZE}; at least 1024. */
    public Builder maxRequestSize(int maxRequestSize) {
      this.maxRequestSize = requireAtLeast(maxRequestSize, 1024, "maxRequestSize");
      return this;
    }

    /** Default {@value #DEFAULT_MAX_IN_FLIGHT}; at least 1. */
    public Builder maxInFlight(int maxInFlight) {
      this.maxInFlight = requireAtLeast(maxInFlight, 1, "maxInFlight");
      return this;
    }

    /** Default {@value #DEFAULT_DELIVERY_THREADS}; at least 1. */
    public Builder deliveryThreads(int deliveryThreads) {
      this.deliveryThreads = requireAtLeast(deliveryThreads, 1, "deliveryThreads");
      return this;
    }

    /** Default {@link #DEFAULT_DRAIN_TIMEOUT}; positive. */
    public Builder drainTimeout(Duration drainTimeout) {
      this.drainTimeout = requirePositive(drainTimeout, "drainTimeout");
      return this;
    }

    /**
     * Attempts of one message (at least 1) and the pause after a failure, doubling from {@code
     * initialBackoff} up to {@code maxBackoff}. Default {@value #DEFAULT_MAX_ATTEMPTS}, {@link
     * #DEFAULT_INITIAL_BACKOFF}, {@link #DEFAULT_MAX_BACKOFF}.
     */
    public Builder retry(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
      requirePositive(initialBackoff, "initialBackoff");
      requirePositive(maxBackoff, "maxBackoff");
      if (maxBackoff.compareTo(initialBackoff) < 0) {
        throw new IllegalArgumentException("maxBackoff must not be shorter than initialBackoff");
      }
      this.maxAttempts = requireAtLeast(maxAttempts, 1, "maxAttempts");
      this.initialBackoff = initialBackoff;
      this.maxBackoff = maxBackoff;
      return this;
    }

    /** Default on, with suffix {@value #DEFAULT_DEAD_LETTER_SUFFIX}. */
    public Builder deadLetter(boolean enabled, String suffix) {
      requireNonNull(suffix, "suffix");
      if (!suffix.matches("[a-zA-Z0-9._-]{1,64}")) {
        throw new IllegalArgumentException("suffix must be 1 to 64 of [a-zA-Z0-9._-]: " + suffix);
      }
      this.deadLetterEnabled = enabled;
      this.deadLetterSuffix = suffix;
      return this;
    }

    /** Default {@code false}. */
    public Builder createTopics(boolean createTopics) {
      this.createTopics = createTopics;
      return this;
    }

    /** Partitions of created topics; at least 1. Default: the broker's. */
    public Builder topicPartitions(int partitions) {
      this.topicPartitions = OptionalInt.of(requireAtLeast(partitions, 1, "partitions"));
      return this;
    }

    /** Replicas of created topics; at least 1. Default: the broker's. */
    public Builder topicReplicationFactor(int replicationFactor) {
      this.topicReplicationFactor =
          OptionalInt.of(requireAtLeast(replicationFactor, 1, "replicationFactor"));
      return this;
    }

    /**
     * Further producer properties.
     *
     * @throws ConfigurationException if one would weaken delivery
     */
    public Builder producerProperties(Map<String, String> properties) {
      this.producerProperties =
          Map.copyOf(NoLossProperties.checkProducer("producer", requireNonNull(properties)));
      return this;
    }

    /**
     * Further consumer properties.
     *
     * @throws ConfigurationException if one would lose messages
     */
    public Builder consumerProperties(Map<String, String> properties) {
      this.consumerProperties =
          Map.copyOf(NoLossProperties.checkConsumer("consumer", requireNonNull(properties)));
      return this;
    }

    /**
     * The settings.
     *
     * @throws IllegalArgumentException if the delivery timeout is shorter than the request
     *     timeout plus linger
     */
    public KafkaMessagingSettings build() {
      if (deliveryTimeout.compareTo(requestTimeout.plus(linger)) < 0) {
        throw new IllegalArgumentException(
            "deliveryTimeout must be at least requestTimeout plus linger");
      }
      return new KafkaMessagingSettings(this);
    }

    private static Duration requirePositive(Duration value, String name) {
      requireNonNull(value, name);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, got " + value);
      }
      return value;
    }

    private static int requireAtLeast(int value, int minimum, String name) {
      if (value < minimum) {
        throw new IllegalArgumentException(name + " must be at least " + minimum + ", got "
            + value);
      }
      return value;
    }
  }
}
