package dev.switchback.redis.internal;

import dev.switchback.BackendUnavailableException;
import dev.switchback.OperationTimeoutException;
import dev.switchback.SwitchbackException;
import dev.switchback.spi.support.Causes;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Turns what Lettuce fails a command with into Switchback's exceptions, by what the caller can do
 * about it:
 *
 * <ul>
 *   <li>no reply within the command timeout, or the connection dropped while the command was in
 *       flight (it may or may not have been applied): {@link OperationTimeoutException};
 *   <li>not sent (refused while disconnected, request queue full, connect failed, server busy
 *       loading, read-only replica, out of memory): {@link BackendUnavailableException};
 *   <li>anything else, such as a server error reply: {@link SwitchbackException}.
 * </ul>
 *
 * Messages name the operation and the server ({@code host:port}), never values or credentials.
 * Lettuce reports several connection states only by message text; the texts matched here are
 * those of Lettuce 7 ({@code DefaultEndpoint}), and the reliability tests pin them down.
 */
public final class RedisFailures {

  /** Lettuce refused the command because the connection is down (it was not sent). */
  static final String REJECTED_WHILE_DISCONNECTED = "Currently not connected";

  /** The connection dropped with the command in flight (outcome unknown). */
  static final String DROPPED_IN_FLIGHT = "Connection disconnected";

  /**
   * Too many commands waiting on the connection (not sent): the end of Lettuce's "Request queue",
   * "Command buffer" and "Internal stack size exceeded" messages.
   */
  static final String QUEUE_FULL = "Commands are not accepted until";

  /** The connection was closed by its owner: "Connection closed", "Connection is closed". */
  static final Set<String> CLOSED = Set.of("Connection closed", "Connection is closed");

  // Server replies that mean "not now", not "wrong": retrying later may succeed.
  private static final Set<String> UNAVAILABLE_REPLIES =
      Set.of("LOADING", "BUSY", "MASTERDOWN", "READONLY", "CLUSTERDOWN", "TRYAGAIN", "OOM",
          "NOREPLICAS", "MOVED", "ASK");

  private static final int MAX_SERVER_MESSAGE = 200;

  private RedisFailures() {}

  /** The failure itself under {@link CompletionException} and {@link ExecutionException}. */
  public static Throwable unwrap(Throwable failure) {
    return Causes.unwrap(failure);
  }

  /** Whether {@code failure} is Lettuce's command timeout. */
  public static boolean isCommandTimeout(Throwable failure) {
    return unwrap(failure) instanceof RedisCommandTimeoutException;
  }

  /**
   * The Switchback exception for {@code failure} of {@code operation} (for example {@code cache
   * get}) against {@code endpoint}. A {@link SwitchbackException} is returned as it is.
   */
  public static SwitchbackException translate(
      Throwable failure, String operation, String endpoint) {
    Throwable cause = unwrap(failure);
    if (cause instanceof SwitchbackException switchback) {
      return switchback;
    }
    String where = operation + " on Redis at " + endpoint;
    if (cause instanceof RedisCommandTimeoutException) {
      return new OperationTimeoutException(
          where + " got no reply within the command timeout; it may or may not have been applied",
          cause);
    }
    if (cause instanceof CancellationException) {
      return new OperationTimeoutException(
          where + " was cancelled before its reply; it may or may not have been applied", cause);
    }
    if (cause instanceof RedisConnectionException) {
      return new BackendUnavailableException(where + " failed: cannot connect", cause);
    }
    if (cause instanceof RedisCommandExecutionException) {
      return serverError(where, cause);
    }
    String message = cause.getMessage() == null ? "" : cause.getMessage();
    if (cause instanceof RedisException) {
      if (message.startsWith(DROPPED_IN_FLIGHT)) {
        return new OperationTimeoutException(
            where + " lost its connection before the reply; it may or may not have been applied",
            cause);
      }
      if (message.startsWith(REJECTED_WHILE_DISCONNECTED)) {
        return new BackendUnavailableException(
            where + " failed: not connected (reconnecting); nothing was sent", cause);
      }
      if (message.contains(QUEUE_FULL)) {
        return new BackendUnavailableException(
            where + " failed: too many commands waiting for replies; nothing was sent", cause);
      }
      if (CLOSED.contains(message)) {
        return new BackendUnavailableException(where + " failed: the connection is closed", cause);
      }
    }
    if (cause instanceof IOException || cause instanceof ClosedChannelException) {
      return new BackendUnavailableException(where + " failed: connection error", cause);
    }
    return new SwitchbackException(
        where + " failed: " + cause.getClass().getSimpleName(), cause);
  }

  private static SwitchbackException serverError(String where, Throwable cause) {
    String reply = cause.getMessage() == null ? "" : cause.getMessage();
    String code = reply.split(" ", 2)[0].toUpperCase(Locale.ROOT);
    String shown =
        reply.length() > MAX_SERVER_MESSAGE ? reply.substring(0, MAX_SERVER_MESSAGE) + "…" : reply;
    if (UNAVAILABLE_REPLIES.contains(code)) {
      return new BackendUnavailableException(where + " was refused: " + shown, cause);
    }
    if (code.equals("NOAUTH") || code.equals("WRONGPASS") || code.equals("NOPERM")) {
      return new SwitchbackException(where + " was refused: " + code + " (check credentials)",
          cause);
    }
    return new SwitchbackException(where + " failed: " + shown, cause);
  }
}
