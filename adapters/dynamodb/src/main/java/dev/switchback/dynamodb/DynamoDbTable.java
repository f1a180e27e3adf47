package dev.switchback.dynamodb;

import static java.util.Objects.requireNonNull;

import dev.switchback.BackendUnavailableException;
import dev.switchback.SwitchbackException;
import dev.switchback.dynamodb.internal.SdkErrors;
import dev.switchback.spi.support.CloseOnce;
import dev.switchback.spi.support.DaemonThreads;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * One DynamoDB table as a {@link DynamoDbSessions} or {@link DynamoDbCache} uses it: the SDK's
 * client, the table's name, the name of its TTL attribute, the clock that decides expiry, and the
 * threads that run the SDK's blocking calls. The store built on it owns it and closes it, client
 * included.
 *
 * <p>The table's partition key is the string attribute {@value #KEY_ATTRIBUTE}; there is no sort
 * key. Expired items are filtered on every read, since DynamoDB's TTL deletes them only
 * eventually (typically within days).
 *
 * <p>Thread safe.
 */
public final class DynamoDbTable {

  /** The partition key attribute: {@value}. */
  public static final String KEY_ATTRIBUTE = "id";

  /** The default number of calls in flight: 16. */
  public static final int DEFAULT_MAX_CONCURRENCY = 16;

  /** Calls that may wait for a thread before further ones are refused: 10,000. */
  public static final int MAX_QUEUED_CALLS = 10_000;

  /** How long {@link #createIfMissing()} waits for a new table to become active: 2 minutes. */
  public static final Duration TABLE_CREATION_TIMEOUT = Duration.ofMinutes(2);

  private static final Duration TABLE_POLL_INTERVAL = Duration.ofMillis(250);
  private static final System.Logger LOG = System.getLogger(DynamoDbTable.class.getName());

  private final DynamoDbClient client;
  private final String name;
  private final String ttlAttribute;
  private final Clock clock;
  private final ThreadPoolExecutor executor;
  private final CloseOnce state;

  private DynamoDbTable(Builder builder) {
    this.client = requireNonNull(builder.client, "client");
    this.name = requireNonNull(builder.name, "name");
    this.ttlAttribute = builder.ttlAttribute;
    this.clock = builder.clock;
    this.executor = new ThreadPoolExecutor(builder.maxConcurrency, builder.maxConcurrency, 60,
        TimeUnit.SECONDS, new ArrayBlockingQueue<>(MAX_QUEUED_CALLS),
        DaemonThreads.forNextInstanceOf("switchback-dynamodb"));
    this.executor.allowCoreThreadTimeOut(true);
    this.state = new CloseOnce("DynamoDB store on table " + name);
  }

  /** A builder; client and name are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The table's name. */
  public String name() {
    return name;
  }

  /** The attribute holding the expiry in epoch seconds. */
  public String ttlAttribute() {
    return ttlAttribute;
  }

  /** The SDK client; for tests and tools that read the table raw. Do not close it. */
  public DynamoDbClient client() {
    return client;
  }

  Clock clock() {
    return clock;
  }

  /**
   * Creates the table if it does not exist: partition key {@value #KEY_ATTRIBUTE} (string),
   * on-demand billing, and waits until it is active; then tries to enable TTL on the TTL
   * attribute, logging a warning where the endpoint cannot (emulators) or TTL is already set
   * another way. For development and tests: production tables belong to infrastructure code.
   *
   * @throws SwitchbackException if the table cannot be created
   */
  public void createIfMissing() {
    try {
      client.createTable(r -> r.tableName(name)
          .keySchema(KeySchemaElement.builder().attributeName(KEY_ATTRIBUTE)
              .keyType(KeyType.HASH).build())
          .attributeDefinitions(AttributeDefinition.builder().attributeName(KEY_ATTRIBUTE)
              .attributeType(ScalarAttributeType.S).build())
          .billingMode(BillingMode.PAY_PER_REQUEST));
      LOG.log(System.Logger.Level.INFO, "created DynamoDB table {0}", name);
    } catch (ResourceInUseException exists) {
      // Already there (or being created): wait for it below.
    } catch (RuntimeException e) {
      throw SdkErrors.translate("CreateTable", name, e);
    }
    try {
      // The SDK's default waiter polls every 20 s; a new on-demand table is active in seconds.
      client.waiter().waitUntilTableExists(r -> r.tableName(name), w -> w
          .backoffStrategyV2(BackoffStrategy.fixedDelayWithoutJitter(TABLE_POLL_INTERVAL))
          .waitTimeout(TABLE_CREATION_TIMEOUT));
    } catch (RuntimeException e) {
      throw SdkErrors.translate("DescribeTable", name, e);
    }
    try {
      client.updateTimeToLive(r -> r.tableName(name)
          .timeToLiveSpecification(t -> t.enabled(true).attributeName(ttlAttribute)));
    } catch (DynamoDbException e) {
      LOG.log(System.Logger.Level.WARNING, "could not enable TTL on attribute {0} of DynamoDB"
          + " table {1} ({2}); expired items are still never returned, but are not deleted until"
          + " TTL is enabled", ttlAttribute, name, e.awsErrorDetails() == null ? e.statusCode()
          : e.awsErrorDetails().errorCode());
    }
  }

  /**
   * Runs {@code call} on one of the table's threads. The stage fails with the {@link
   * SwitchbackException} {@code call} threw, or with the translation of an SDK exception.
   */
  <T> CompletionStage<T> call(String operation, Supplier<T> call) {
    if (state.isClosed()) {
      return CompletableFuture.failedFuture(state.closedException());
    }
    CompletableFuture<T> result = new CompletableFuture<>();
    try {
      executor.execute(() -> {
        try {
          result.complete(call.get());
        } catch (RuntimeException e) {
          result.completeExceptionally(SdkErrors.translate(operation, name, e));
        }
      });
    } catch (RejectedExecutionException e) {
      result.completeExceptionally(state.isClosed() ? state.closedException()
          : new BackendUnavailableException(operation + " on DynamoDB table " + name
              + " refused: " + MAX_QUEUED_CALLS + " calls are already waiting"));
    }
    return result;
  }

  /**
   * Runs {@code check} on the caller's thread, then {@code call} with its result on one of the
   * table's threads. What {@code check} throws (bad input) fails the stage before anything is
   * sent.
   */
  <I, T> CompletionStage<T> call(String operation, Supplier<I> check, Function<I, T> call) {
    I input;
    try {
      input = check.get();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return call(operation, () -> call.apply(input));
  }

  /** Stops taking calls, lets those started finish, then closes the client. */
  CompletionStage<Void> closeAsync() {
    return state.close(() -> {
      executor.shutdown();
      return CompletableFuture.runAsync(() -> {
        try {
          executor.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } finally {
          client.close();
        }
      }, runnable -> new Thread(runnable, "switchback-dynamodb-close").start());
    });
  }

  @Override
  public String toString() {
    return "DynamoDbTable[" + name + ", ttlAttribute=" + ttlAttribute + "]";
  }

  /** Settings of a {@link DynamoDbTable}. */
  public static final class Builder {
    private @Nullable DynamoDbClient client;
    private @Nullable String name;
    private String ttlAttribute = DynamoDbSettings.DEFAULT_TTL_ATTRIBUTE;
    private Clock clock = Clock.systemUTC();
    private int maxConcurrency = DEFAULT_MAX_CONCURRENCY;

    private Builder() {}

    /** The SDK client, which the store built on the table closes; required. */
    public Builder client(DynamoDbClient client) {
      this.client = requireNonNull(client, "client");
      return this;
    }

    /** The table's name; required. */
    public Builder name(String name) {
      this.name = requireNonNull(name, "name");
      return this;
    }

    /**
     * The attribute holding the expiry in epoch seconds; default {@value
     * DynamoDbSettings#DEFAULT_TTL_ATTRIBUTE}.
     */
    public Builder ttlAttribute(String ttlAttribute) {
      this.ttlAttribute = requireNonNull(ttlAttribute, "ttlAttribute");
      return this;
    }

    /** The clock that decides creation and expiry; default {@link Clock#systemUTC()}. */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The calls in flight at once; default {@value DynamoDbTable#DEFAULT_MAX_CONCURRENCY}.
     *
     * @throws IllegalArgumentException if it is not positive
     */
    public Builder maxConcurrency(int maxConcurrency) {
      if (maxConcurrency < 1) {
        throw new IllegalArgumentException("maxConcurrency must be positive, got "
            + maxConcurrency);
      }
      this.maxConcurrency = maxConcurrency;
      return this;
    }

    /**
     * The table.
     *
     * @throws NullPointerException if the client or name is missing
     */
    public DynamoDbTable build() {
      return new DynamoDbTable(this);
    }
  }
}
