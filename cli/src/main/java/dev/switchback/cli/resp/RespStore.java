package dev.switchback.cli.resp;

import static java.util.Objects.requireNonNull;

import dev.switchback.BackendUnavailableException;
import dev.switchback.OperationTimeoutException;
import dev.switchback.SwitchbackException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
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
import org.jspecify.annotations.Nullable;

/**
 * One Redis-protocol store as a copy sees it: the commands of a connection of its own, and the
 * prefix under which the adapter stores its keys (a Switchback key {@code k} is the Redis key
 * {@code prefix + k}).
 *
 * <p>The connection's commands are not flushed one by one: commands issued for a batch go out
 * together when {@link #await} or {@link #awaitAll} is called, which saves a write per command.
 * So the connection must not be shared with code that expects each command to be sent at once.
 * One thread issues and awaits the commands of a batch.
 */
public final class RespStore {

  /** How long one batch of commands may take by default: 30 s. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private final String label;
  private final RedisClusterAsyncCommands<String, byte[]> commands;
  private final String keyPrefix;
  private final Duration timeout;
  private final @Nullable StatefulConnection<?, ?> connection;

  /**
   * A store called {@code label} in messages ({@code the source (redis)}), reached through
   * {@code commands} of a connection no one else uses (their automatic flush is turned off),
   * whose keys start with {@code keyPrefix}; a batch taking longer than {@code timeout} fails.
   */
  public RespStore(String label, RedisClusterAsyncCommands<String, byte[]> commands,
      String keyPrefix, Duration timeout) {
    this.label = requireNonNull(label, "label");
    this.commands = requireNonNull(commands, "commands");
    this.keyPrefix = requireNonNull(keyPrefix, "keyPrefix");
    this.timeout = requireNonNull(timeout, "timeout");
    this.connection = statefulConnection(commands);
    if (connection != null) {
      connection.setAutoFlushCommands(false);
    }
  }

  private static @Nullable StatefulConnection<?, ?> statefulConnection(
      RedisClusterAsyncCommands<String, byte[]> commands) {
    if (commands instanceof RedisAsyncCommands<String, byte[]> standalone) {
      return standalone.getStatefulConnection();
    }
    if (commands instanceof RedisAdvancedClusterAsyncCommands<String, byte[]> cluster) {
      return cluster.getStatefulConnection();
    }
    return null; // an unknown kind of commands: each is sent as it is issued
  }

  private void flush() {
    if (connection != null) {
      connection.flushCommands();
    }
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
   * Sends the commands issued so far and waits for {@code stage}.
   *
   * @throws OperationTimeoutException when it takes longer than the timeout
   * @throws BackendUnavailableException when the store cannot be reached
   * @throws SwitchbackException on any other failure; each names this store and {@code what}
   */
  public <T> T await(CompletionStage<T> stage, String what) {
    flush();
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

  /** Sends the commands issued so far and waits for every one of {@code stages}, failures included. */
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
