package dev.switchback.redis;

import dev.switchback.config.DurationConverter;
import dev.switchback.config.StrictBooleanConverter;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The Lettuce client settings every Redis-based backend shares, as a SmallRye configuration
 * group. Not a mapping of its own: a backend's {@code @ConfigMapping} extends it (directly or
 * through {@link RedisServerConfig}), so the keys sit under that backend's prefix, for example
 * {@code switchback.cache.redis.command-timeout}. Durations take the forms of {@link
 * DurationConverter}, booleans those of {@link StrictBooleanConverter}. {@link RedisClientSettings#fromConfig} checks the values and turns them
 * into client options.
 *
 * <p>Every setting is explicit because Lettuce's own defaults are unbounded (request queue) or
 * have changed between versions (timeouts, disconnected behaviour).
 */
public interface RedisClientConfig {

  /**
   * {@code command-timeout}: how long one command may wait for its reply before it fails with
   * {@link dev.switchback.OperationTimeoutException}; positive, default {@code 2s} ({@link
   * RedisClientSettings#DEFAULT_COMMAND_TIMEOUT}).
   */
  @WithDefault("2s")
  @WithConverter(DurationConverter.class)
  Duration commandTimeout();

  /**
   * {@code connect-timeout}: how long opening a connection (TCP and the Redis handshake) may
   * take; positive, default {@code 5s} ({@link RedisClientSettings#DEFAULT_CONNECT_TIMEOUT}).
   */
  @WithDefault("5s")
  @WithConverter(DurationConverter.class)
  Duration connectTimeout();

  /** {@code keepalive.*}: TCP keepalive, which finds a dead peer on an idle connection. */
  Keepalive keepalive();

  /**
   * {@code request-queue-size}: the most commands one connection holds unanswered; beyond it
   * commands fail at once with {@link dev.switchback.BackendUnavailableException}. At least 1,
   * default {@value RedisClientSettings#DEFAULT_REQUEST_QUEUE_SIZE}.
   */
  @WithDefault("10000")
  int requestQueueSize();

  /**
   * {@code disconnected-behavior}: what happens to commands while the connection is down.
   * {@code reject} (default) fails them at once with {@link
   * dev.switchback.BackendUnavailableException} and fails those in flight when it dropped, so
   * nothing is sent twice; {@code accept} queues them (bounded by {@code request-queue-size} and
   * {@code command-timeout}) and re-sends those in flight after the reconnect, at least once.
   */
  @WithDefault("reject")
  String disconnectedBehavior();

  /**
   * {@code auto-reconnect}: whether a dropped connection is re-established in the background;
   * default {@code true}. Without it a dropped connection stays down.
   */
  @WithDefault("true")
  @WithConverter(StrictBooleanConverter.class)
  boolean autoReconnect();

  /** The {@code keepalive.*} settings. */
  interface Keepalive {

    /**
     * {@code keepalive.enabled}: whether TCP keepalive is on; default {@code true}.
     */
    @WithDefault("true")
    @WithConverter(StrictBooleanConverter.class)
    boolean enabled();

    /**
     * {@code keepalive.idle}: idle time before the first probe; at least 1s, default {@code 15s}.
     */
    @WithDefault("15s")
    @WithConverter(DurationConverter.class)
    Duration idle();

    /**
     * {@code keepalive.interval}: time between probes; at least 1s, default {@code 5s}.
     */
    @WithDefault("5s")
    @WithConverter(DurationConverter.class)
    Duration interval();

    /**
     * {@code keepalive.count}: unanswered probes before the connection is dropped; at least 1,
     * default {@code 3}.
     */
    @WithDefault("3")
    int count();
  }
}
