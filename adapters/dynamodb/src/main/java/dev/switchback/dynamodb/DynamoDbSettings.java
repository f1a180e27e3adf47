package dev.switchback.dynamodb;

import dev.switchback.aws.internal.EndpointConverter;
import dev.switchback.config.DurationConverter;
import dev.switchback.config.StrictBooleanConverter;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The settings the DynamoDB session store and cache share, each under its own prefix ({@link
 * DynamoDbSessionsConfig}, {@link DynamoDbCacheConfig}). Region, credentials and the HTTP client
 * come from {@code switchback.aws.*}. Durations accept {@code 500ms}, {@code 5s}, a bare number
 * of seconds or ISO-8601.
 */
public interface DynamoDbSettings {

  /** The default name of the TTL attribute: {@value}. */
  String DEFAULT_TTL_ATTRIBUTE = "expires_at_s";

  /**
   * {@code table}: the table's name; required. Its partition key is the string attribute {@code
   * id}. Use one table per store: a cache and a session store must not share one.
   */
  String table();

  /**
   * {@code ttl-attribute}: the attribute holding the expiry in epoch seconds, the one the table's
   * TTL is enabled on; default {@value #DEFAULT_TTL_ATTRIBUTE}.
   */
  @WithDefault(DEFAULT_TTL_ATTRIBUTE)
  String ttlAttribute();

  /**
   * {@code endpoint}: an {@code http}/{@code https} URI for this store's client, taking precedence
   * over {@code switchback.aws.endpoint-override}; absent means the region's endpoint.
   */
  @WithConverter(EndpointConverter.class)
  Optional<URI> endpoint();

  /**
   * {@code create-table}: whether to create the table (on-demand billing) and try to enable its
   * TTL at start when it is missing. For development only; default {@code false}.
   */
  @WithDefault("false")
  @WithConverter(StrictBooleanConverter.class)
  boolean createTable();

  /**
   * {@code api-call-timeout}: the most one operation may take, retries included, before it fails
   * with {@link dev.switchback.OperationTimeoutException}; default 5s.
   */
  @WithDefault("5s")
  @WithConverter(DurationConverter.class)
  Duration apiCallTimeout();

  /** {@code api-call-attempt-timeout}: the most one HTTP attempt may take; default 2s. */
  @WithDefault("2s")
  @WithConverter(DurationConverter.class)
  Duration apiCallAttemptTimeout();

  /**
   * {@code max-concurrency}: the calls in flight at once (threads running the SDK's blocking
   * client); default 16. Further calls queue, up to 10,000; beyond that they fail with {@link
   * dev.switchback.BackendUnavailableException}.
   */
  @WithDefault("16")
  int maxConcurrency();

  /** {@code retry.*}: retries of throttled and failed attempts. */
  Retry retry();

  /** {@code retry.*}. */
  interface Retry {

    /**
     * {@code retry.max-attempts}: attempts per operation, the first included, 1 to 10; default 4.
     * Throttling ({@code ProvisionedThroughputExceededException}, {@code ThrottlingException})
     * left after the last attempt fails with {@link dev.switchback.BackendUnavailableException}.
     */
    @WithDefault("4")
    int maxAttempts();

    /**
     * {@code retry.base-delay}: the first back-off, doubled at each retry with full jitter;
     * default 50ms.
     */
    @WithDefault("50ms")
    @WithConverter(DurationConverter.class)
    Duration baseDelay();

    /** {@code retry.max-backoff}: the longest back-off between two attempts; default 1s. */
    @WithDefault("1s")
    @WithConverter(DurationConverter.class)
    Duration maxBackoff();
  }
}
