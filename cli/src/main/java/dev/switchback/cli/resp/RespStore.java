package dev.switchback.cli.resp;

import static java.util.Objects.requireNonNull;

import dev.switchback.BackendUnavailableException;
import dev.switchback.OperationTimeoutException;
import dev.switchback.SwitchbackException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.cluster.api.async.RedisAdvancedClusterAsyncCommands;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One Redis-protocol store as a copy sees it: the commands of the connection its adapter opened,
 * and the prefix under which the adapter stores its keys (a Switchback key {@code k} is the Redis
 * key {@code prefix + k}). Thread safe as Lettuce's commands are.
 */
public final class RespStore {

  /** How long one batch of commands may take by default: 30 s. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private final String label;
  private final RedisClusterAsyncCommands<String, byte[]> commands;
  private final String keyPrefix;
  private final Duration timeout;

  /**
   * A store called {@code label} in messages ({@code the source (redis)}), reached through
   * {@code commands}, whose keys start with {@code keyPrefix}; a batch taking longer than {@code
   * timeout} fails.
   */
  public RespStore(String label, RedisClusterAsyncCommands<String, byte[]> commands,
      String keyPrefix, Duration timeout) {
    this.label = requireNonNull(label, "label");
    this.commands = requireNonNull(commands, "commands");
    this.keyPrefix = requireNonNull(keyPrefix, "keyPrefix");
    this.timeout = requireNonNull(timeout, "timeout");
  }

  /** What this store is, for messages. */
  public String label() {
    return label;
  }

  /** The connection's commands. */
  public RedisClusterAsyncCommands<String, byte[]> commands() {
    return commands;
  }

  /**
   * Whether this is a cluster, whose keys are spread over nodes that each have their own {@code
   * SCAN} cursor.
   */
  public boolean cluster() {
    return commands instanceof RedisAdvancedClusterAsyncCommands;
  }

  /** The prefix of every key the adapter stores. */
  public String keyPrefix() {
    return keyPrefix;
  }

  /** The Redis key of {@code key} in a store whose prefix is {@code sourcePrefix}, in this one. */
  public String translate(String key, String sourcePrefix) {
    return keyPrefix + key.substring(sourcePrefix.length());
  }

  /**
   * Waits for {@code stage}.
   *
   * @throws OperationTimeoutException when it takes longer than the timeout
   * @throws BackendUnavailableException when the store cannot be reached
   * @throws SwitchbackException on any other failure; each names this store and {@code what}
   */
  public <T> T await(CompletionStage<T> stage, String what) {
    try {
      return stage.toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new OperationTimeoutException(label + ": " + what + " took longer than " + timeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SwitchbackException(label + ": interrupted during " + what, e);
    } catch (ExecutionException e) {
      throw translate(e.getCause(), what);
    }
  }

  /** Waits for every one of {@code stages}, failures included, within the timeout. */
  public void awaitAll(List<? extends CompletionStage<?>> stages, String what) {
    CompletableFuture<?>[] all = stages.stream()
        .map(CompletionStage::toCompletableFuture).toArray(CompletableFuture[]::new);
    await(CompletableFuture.allOf(all).handle((ok, error) -> null), what);
  }

  /** {@code error} as a {@link SwitchbackException} naming this store and {@code what}. */
  public SwitchbackException translate(Throwable error, String what) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    String message = label + ": " + what + " failed: " + cause.getMessage();
    if (cause instanceof SwitchbackException switchback) {
      return switchback;
    }
    if (cause instanceof RedisCommandTimeoutException) {
      return new OperationTimeoutException(message, cause);
    }
    if (cause instanceof RedisConnectionException
        || cause instanceof java.io.IOException) {
      return new BackendUnavailableException(message, cause);
    }
    return new SwitchbackException(message, cause);
  }

  @Override
  public String toString() {
    return "RespStore[" + label + ", prefix '" + keyPrefix + "']";
  }
}
