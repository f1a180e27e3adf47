package dev.switchback.redis.internal;

import static java.util.Objects.requireNonNull;

import dev.switchback.SwitchbackException;
import dev.switchback.redis.RedisConnection;
import dev.switchback.spi.support.CloseOnce;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Runs the operations of one adapter on its {@link RedisConnection}: refuses them after close,
 * turns a check that throws into a failed stage (so nothing is sent), translates Lettuce's
 * failures with {@link RedisFailures}, and tells the connection about timeouts. Thread safe.
 */
public final class RedisCalls {
  private final CloseOnce state;
  private final RedisConnection connection;

  /** Calls on {@code connection} for the adapter whose open state is {@code state}. */
  public RedisCalls(CloseOnce state, RedisConnection connection) {
    this.state = requireNonNull(state, "state");
    this.connection = requireNonNull(connection, "connection");
  }

  /** The connection the calls go to. */
  public RedisConnection connection() {
    return connection;
  }

  /**
   * Runs {@code call}, which checks its input (throwing before sending anything) and then sends
   * commands. The stage fails only with a {@link SwitchbackException}; {@code operation} (for
   * example {@code cache get}) names the call in messages.
   */
  public <T> CompletionStage<T> run(
      String operation, Supplier<? extends CompletionStage<T>> call) {
    CompletionStage<T> sent;
    try {
      state.requireOpen();
      sent = call.get();
    } catch (RuntimeException refused) {
      return CompletableFuture.failedFuture(failure(operation, refused));
    }
    CompletableFuture<T> result = new CompletableFuture<>();
    sent.whenComplete(
        (value, failure) -> {
          if (failure == null) {
            result.complete(value);
          } else {
            result.completeExceptionally(failure(operation, failure));
          }
        });
    return result;
  }

  /** One {@code PING} round trip, for {@link dev.switchback.spi.Pingable}. */
  public CompletionStage<Void> ping() {
    return run("ping", () -> connection.commands().ping().thenApply(pong -> (Void) null));
  }

  private SwitchbackException failure(String operation, Throwable failure) {
    if (state.isClosed() && !(RedisFailures.unwrap(failure) instanceof SwitchbackException)) {
      return state.closedException();
    }
    if (RedisFailures.isCommandTimeout(failure)) {
      connection.commandTimedOut();
    }
    return RedisFailures.translate(failure, operation, connection.endpoint());
  }
}
