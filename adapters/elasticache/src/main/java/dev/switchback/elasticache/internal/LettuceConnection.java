package dev.switchback.elasticache.internal;

import static java.util.Objects.requireNonNull;

import dev.switchback.redis.RedisConnection;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.Delegating;
import io.lettuce.core.RedisChannelWriter;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.protocol.DefaultEndpoint;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A {@link RedisConnection} over one Lettuce client and its connection, standalone or cluster,
 * closed together. After a command timeout it drops the connection's sockets underneath, at most
 * once per command timeout, so a path that silently lost bytes is replaced by a fresh connection
 * (the client reconnects). Thread safe.
 */
public final class LettuceConnection implements RedisConnection {
  private static final Duration CLIENT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(2);

  private final AbstractRedisClient client;
  private final StatefulConnection<String, byte[]> connection;
  private final RedisClusterAsyncCommands<String, byte[]> commands;
  private final Consumer<LettuceConnection> dropSockets;
  private final String endpoint;
  private final long dropIntervalNanos;
  private final AtomicLong lastDropNanos;

  /**
   * @param client the client, shut down on close
   * @param connection its connection, closed on close
   * @param commands the connection's asynchronous commands
   * @param dropSockets disconnects the connection's sockets (one, or one per cluster node)
   * @param endpoint {@code host:port} for messages
   * @param commandTimeout the command timeout, which spaces drops apart
   */
  public LettuceConnection(
      AbstractRedisClient client,
      StatefulConnection<String, byte[]> connection,
      RedisClusterAsyncCommands<String, byte[]> commands,
      Consumer<LettuceConnection> dropSockets,
      String endpoint,
      Duration commandTimeout) {
    this.client = requireNonNull(client, "client");
    this.connection = requireNonNull(connection, "connection");
    this.commands = requireNonNull(commands, "commands");
    this.dropSockets = requireNonNull(dropSockets, "dropSockets");
    this.endpoint = requireNonNull(endpoint, "endpoint");
    this.dropIntervalNanos = commandTimeout.toNanos();
    this.lastDropNanos = new AtomicLong(System.nanoTime() - dropIntervalNanos);
  }

  @Override
  public RedisClusterAsyncCommands<String, byte[]> commands() {
    return commands;
  }

  @Override
  public void commandTimedOut() {
    long now = System.nanoTime();
    long last = lastDropNanos.get();
    // Many commands time out together when a link dies: one drop serves them all.
    if (now - last < dropIntervalNanos || !lastDropNanos.compareAndSet(last, now)) {
      return;
    }
    dropSockets.accept(this);
  }

  /** Disconnects the socket under {@code writer}, if it is a Lettuce endpoint; it reconnects. */
  public static void disconnect(RedisChannelWriter writer) {
    Object current = writer;
    while (current instanceof Delegating<?> delegating) {
      current = delegating.getDelegate();
    }
    if (current instanceof DefaultEndpoint socket) {
      socket.disconnect();
    }
  }

  @Override
  public String endpoint() {
    return endpoint;
  }

  /** Closes the connection, then the client; shared client resources stay up. */
  @Override
  public CompletionStage<Void> closeAsync() {
    return connection.closeAsync()
        .handle((ignored, failure) -> null)
        .thenCompose(ignored -> client.shutdownAsync(
            0, CLIENT_SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
        .handle((ignored, failure) -> (@Nullable Void) null);
  }

  @Override
  public String toString() {
    return "LettuceConnection[" + endpoint + "]";
  }
}
