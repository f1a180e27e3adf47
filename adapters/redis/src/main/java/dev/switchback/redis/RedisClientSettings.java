package dev.switchback.redis;

import static java.util.Objects.requireNonNull;

import dev.switchback.ConfigurationException;
import dev.switchback.spi.support.SettingChecks;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.ClientOptions.DisconnectedBehavior;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SocketOptions.KeepAliveOptions;
import io.lettuce.core.TimeoutOptions;
import java.time.Duration;
import java.util.Locale;

/**
 * The Lettuce client settings of one Redis backend, checked, with the options they make. Built
 * from configuration with {@link #fromConfig} or in code with {@link #builder()}; immutable and
 * thread safe.
 *
 * <p>{@link #applyTo} writes them into a Lettuce options builder. It takes any subclass of {@link
 * ClientOptions.Builder}, so a cluster backend passes a {@code ClusterClientOptions.Builder} and
 * adds topology refresh, and a TLS backend adds {@code SslOptions}, on top of the same settings:
 *
 * <ul>
 *   <li>command timeout on every command ({@link TimeoutOptions#fixedTimeout}), so no call waits
 *       longer than {@link #commandTimeout()};
 *   <li>connect timeout, TCP no-delay and TCP keepalive with idle, interval and count (the three
 *       are applied where the platform supports them: Linux with NIO on Java 11+, epoll, io_uring;
 *       elsewhere plain {@code SO_KEEPALIVE});
 *   <li>a bounded request queue, the disconnected behaviour and auto-reconnect.
 * </ul>
 */
public final class RedisClientSettings {

  /** Default command timeout: 2 seconds. */
  public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(2);

  /** Default connect timeout: 5 seconds. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /** Default idle time before the first keepalive probe: 15 seconds. */
  public static final Duration DEFAULT_KEEPALIVE_IDLE = Duration.ofSeconds(15);

  /** Default time between keepalive probes: 5 seconds. */
  public static final Duration DEFAULT_KEEPALIVE_INTERVAL = Duration.ofSeconds(5);

  /** Default number of unanswered keepalive probes before the connection is dropped: 3. */
  public static final int DEFAULT_KEEPALIVE_COUNT = 3;

  /** Default bound on the commands one connection holds unanswered: 10,000. */
  public static final int DEFAULT_REQUEST_QUEUE_SIZE = 10_000;

  /** The accepted values of {@code disconnected-behavior}. */
  public static final String DISCONNECTED_BEHAVIORS = "reject, accept";

  private final Duration commandTimeout;
  private final Duration connectTimeout;
  private final boolean keepaliveEnabled;
  private final Duration keepaliveIdle;
  private final Duration keepaliveInterval;
  private final int keepaliveCount;
  private final int requestQueueSize;
  private final boolean rejectWhileDisconnected;
  private final boolean autoReconnect;

  private RedisClientSettings(Builder builder) {
    this.commandTimeout = builder.commandTimeout;
    this.connectTimeout = builder.connectTimeout;
    this.keepaliveEnabled = builder.keepaliveEnabled;
    this.keepaliveIdle = builder.keepaliveIdle;
    this.keepaliveInterval = builder.keepaliveInterval;
    this.keepaliveCount = builder.keepaliveCount;
    this.requestQueueSize = builder.requestQueueSize;
    this.rejectWhileDisconnected = builder.rejectWhileDisconnected;
    this.autoReconnect = builder.autoReconnect;
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The defaults. */
  public static RedisClientSettings defaults() {
    return builder().build();
  }

  /**
   * The settings in {@code config}, whose keys sit under {@code prefix} (for example {@code
   * switchback.cache.redis}).
   *
   * @throws ConfigurationException naming the full key of the first value out of range
   */
  public static RedisClientSettings fromConfig(RedisClientConfig config, String prefix) {
    requireNonNull(config, "config");
    requireNonNull(prefix, "prefix");
    RedisClientConfig.Keepalive keepalive = config.keepalive();
    return builder()
        .commandTimeout(
            SettingChecks.positive(prefix + ".command-timeout", config.commandTimeout()))
        .connectTimeout(
            SettingChecks.positive(prefix + ".connect-timeout", config.connectTimeout()))
        .keepalive(
            keepalive.enabled(),
            wholeSeconds(prefix + ".keepalive.idle", keepalive.idle()),
            wholeSeconds(prefix + ".keepalive.interval", keepalive.interval()),
            SettingChecks.atLeast(prefix + ".keepalive.count", 1, keepalive.count()))
        .requestQueueSize(
            SettingChecks.atLeast(prefix + ".request-queue-size", 1, config.requestQueueSize()))
        .rejectWhileDisconnected(
            rejectWhileDisconnected(
                prefix + ".disconnected-behavior", config.disconnectedBehavior()))
        .autoReconnect(config.autoReconnect())
        .build();
  }

  /** How long one command may wait for its reply. */
  public Duration commandTimeout() {
    return commandTimeout;
  }

  /** How long opening a connection may take. */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** The bound on commands one connection holds unanswered. */
  public int requestQueueSize() {
    return requestQueueSize;
  }

  /** Whether commands fail at once while the connection is down (rather than queue). */
  public boolean rejectWhileDisconnected() {
    return rejectWhileDisconnected;
  }

  /** Whether a dropped connection is re-established in the background. */
  public boolean autoReconnect() {
    return autoReconnect;
  }

  /**
   * Writes these settings into {@code builder} and returns it, for further options (TLS, cluster
   * topology refresh) before {@code build()}.
   */
  public <B extends ClientOptions.Builder> B applyTo(B builder) {
    requireNonNull(builder, "builder");
    KeepAliveOptions keepalive =
        KeepAliveOptions.builder()
            .enable(keepaliveEnabled)
            .idle(keepaliveIdle)
            .interval(keepaliveInterval)
            .count(keepaliveCount)
            .build();
    builder
        .socketOptions(
            SocketOptions.builder()
                .connectTimeout(connectTimeout)
                .tcpNoDelay(true)
                .keepAlive(keepalive)
                .build())
        .timeoutOptions(TimeoutOptions.builder().fixedTimeout(commandTimeout).build())
        .requestQueueSize(requestQueueSize)
        .disconnectedBehavior(
            rejectWhileDisconnected
                ? DisconnectedBehavior.REJECT_COMMANDS
                : DisconnectedBehavior.ACCEPT_COMMANDS)
        .autoReconnect(autoReconnect)
        .suspendReconnectOnProtocolFailure(false)
        .pingBeforeActivateConnection(true);
    return builder;
  }

  /** Lettuce client options with these settings and nothing else. */
  public ClientOptions clientOptions() {
    return applyTo(ClientOptions.builder()).build();
  }

  @Override
  public String toString() {
    return "RedisClientSettings[commandTimeout=" + commandTimeout
        + ", connectTimeout=" + connectTimeout
        + ", keepalive=" + (keepaliveEnabled
            ? keepaliveIdle + "/" + keepaliveInterval + "x" + keepaliveCount : "off")
        + ", requestQueueSize=" + requestQueueSize
        + ", disconnected=" + (rejectWhileDisconnected ? "reject" : "accept")
        + ", autoReconnect=" + autoReconnect + "]";
  }

  // The kernel takes keepalive times in whole seconds; a smaller value would silently become 0.
  private static Duration wholeSeconds(String key, Duration value) {
    if (value.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new ConfigurationException(key + " must be at least 1s, got " + value);
    }
    return value;
  }

  private static boolean rejectWhileDisconnected(String key, String value) {
    switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "reject":
        return true;
      case "accept":
        return false;
      default:
        throw new ConfigurationException(
            "Invalid value for " + key + ": '" + value + "'; accepted values: "
                + DISCONNECTED_BEHAVIORS);
    }
  }

  /** Settings of a {@link RedisClientSettings}; setters check their argument and return this. */
  public static final class Builder {
    private Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private boolean keepaliveEnabled = true;
    private Duration keepaliveIdle = DEFAULT_KEEPALIVE_IDLE;
    private Duration keepaliveInterval = DEFAULT_KEEPALIVE_INTERVAL;
    private int keepaliveCount = DEFAULT_KEEPALIVE_COUNT;
    private int requestQueueSize = DEFAULT_REQUEST_QUEUE_SIZE;
    private boolean rejectWhileDisconnected = true;
    private boolean autoReconnect = true;

    private Builder() {}

    /** Default {@link #DEFAULT_COMMAND_TIMEOUT}; must be positive. */
    public Builder commandTimeout(Duration commandTimeout) {
      this.commandTimeout = requirePositive(commandTimeout, "commandTimeout");
      return this;
    }

    /** Default {@link #DEFAULT_CONNECT_TIMEOUT}; must be positive. */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = requirePositive(connectTimeout, "connectTimeout");
      return this;
    }

    /**
     * TCP keepalive: on or off, idle time and interval (at least a second each) and probe count
     * (at least 1). Default on, {@link #DEFAULT_KEEPALIVE_IDLE}, {@link
     * #DEFAULT_KEEPALIVE_INTERVAL}, {@value #DEFAULT_KEEPALIVE_COUNT}.
     */
    public Builder keepalive(boolean enabled, Duration idle, Duration interval, int count) {
      requireNonNull(idle, "idle");
      requireNonNull(interval, "interval");
      if (idle.compareTo(Duration.ofSeconds(1)) < 0
          || interval.compareTo(Duration.ofSeconds(1)) < 0
          || count < 1) {
        throw new IllegalArgumentException("keepalive needs idle and interval of at least 1s and"
            + " a count of at least 1, got " + idle + ", " + interval + ", " + count);
      }
      this.keepaliveEnabled = enabled;
      this.keepaliveIdle = idle;
      this.keepaliveInterval = interval;
      this.keepaliveCount = count;
      return this;
    }

    /** Default {@value #DEFAULT_REQUEST_QUEUE_SIZE}; must be at least 1. */
    public Builder requestQueueSize(int requestQueueSize) {
      if (requestQueueSize < 1) {
        throw new IllegalArgumentException(
            "requestQueueSize must be at least 1, got " + requestQueueSize);
      }
      this.requestQueueSize = requestQueueSize;
      return this;
    }

    /** Default {@code true}: fail commands at once while disconnected. */
    public Builder rejectWhileDisconnected(boolean reject) {
      this.rejectWhileDisconnected = reject;
      return this;
    }

    /** Default {@code true}. */
    public Builder autoReconnect(boolean autoReconnect) {
      this.autoReconnect = autoReconnect;
      return this;
    }

    /** The settings. */
    public RedisClientSettings build() {
      return new RedisClientSettings(this);
    }

    private static Duration requirePositive(Duration value, String name) {
      requireNonNull(value, name);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, got " + value);
      }
      return value;
    }
  }
}
