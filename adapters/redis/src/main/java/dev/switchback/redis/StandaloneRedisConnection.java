package dev.switchback.redis;

import static java.util.Objects.requireNonNull;

import dev.switchback.BackendUnavailableException;
import io.lettuce.core.Delegating;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisChannelWriter;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.protocol.DefaultEndpoint;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * A {@link RedisConnection} to one standalone Redis server: a Lettuce {@link RedisClient} on
 * shared {@link ClientResources} and one multiplexed connection, closed together.
 *
 * <p><b>Connecting.</b> {@link #open} connects at once and fails with {@link
 * BackendUnavailableException} if the server cannot be reached within the connect timeout. Once
 * open, a dropped connection is re-established in the background (with auto-reconnect on).
 *
 * <p><b>After a timeout</b> the underlying channel is disconnected, at most once per command
 * timeout, and the client reconnects; see {@link RedisConnection#commandTimedOut()}.
 *
 * <p>Thread safe.
 */
public final class StandaloneRedisConnection implements RedisConnection {

  /** String keys in UTF-8, values as raw bytes. */
  public static final RedisCodec<String, byte[]> CODEC =
      RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

  private static final Duration CLIENT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(2);

  private final RedisClient client;
  private final StatefulRedisConnection<String, byte[]> connection;
  private final String endpoint;
  private final long dropIntervalNanos;
  private final AtomicLong lastDropNanos;

  private StandaloneRedisConnection(
      RedisClient client,
      StatefulRedisConnection<String, byte[]> connection,
      String endpoint,
      Duration commandTimeout) {
    this.client = client;
    this.connection = connection;
    this.endpoint = endpoint;
    this.dropIntervalNanos = commandTimeout.toNanos();
    this.lastDropNanos = new AtomicLong(System.nanoTime() - dropIntervalNanos);
  }

  /**
   * Connects to {@code uri} with {@code settings}, on {@code resources} (which the connection
   * does not shut down).
   *
   * @throws BackendUnavailableException if the server cannot be reached or refuses the handshake
   */
  public static StandaloneRedisConnection open(
      ClientResources resources, RedisURI uri, RedisClientSettings settings) {
    requireNonNull(resources, "resources");
    requireNonNull(uri, "uri");
    requireNonNull(settings, "settings");
    RedisURI timed = RedisURI.builder(uri).withTimeout(settings.commandTimeout()).build();
    RedisClient client = RedisClient.create(resources, timed);
    client.setOptions(settings.clientOptions());
    String endpoint = RedisUris.endpoint(timed);
    try {
      StatefulRedisConnection<String, byte[]> connection = client.connect(CODEC);
      return new StandaloneRedisConnection(
          client, connection, endpoint, settings.commandTimeout());
    } catch (RedisException e) {
      client.shutdownAsync(0, CLIENT_SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      throw new BackendUnavailableException("cannot connect to Redis at " + endpoint, e);
    }
  }

  @Override
  public RedisClusterAsyncCommands<String, byte[]> commands() {
    return connection.async();
  }

  @Override
  public void commandTimedOut() {
    long now = System.nanoTime();
    long last = lastDropNanos.get();
    // Many commands time out together when the link dies: one disconnect serves them all.
    if (now - last < dropIntervalNanos || !lastDropNanos.compareAndSet(last, now)) {
      return;
    }
    if (connection instanceof RedisChannelHandler<?, ?> handler) {
      DefaultEndpoint channel = defaultEndpoint(handler.getChannelWriter());
      if (channel != null) {
        channel.disconnect();
      }
    }
  }

  @Override
  public String endpoint() {
    return endpoint;
  }

  /** Closes the connection, then the client; the shared resources stay up. */
  @Override
  public CompletionStage<Void> closeAsync() {
    return connection
        .closeAsync()
        .handle((ignored, failure) -> null)
        .thenCompose(
            ignored ->
                client.shutdownAsync(
                    0, CLIENT_SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
        .handle((ignored, failure) -> (Void) null);
  }

  @Override
  public String toString() {
    return "StandaloneRedisConnection[" + endpoint + "]";
  }

  /** The endpoint under Lettuce's writer decorators (timeouts, listeners), or null. */
  private static @Nullable DefaultEndpoint defaultEndpoint(RedisChannelWriter writer) {
    Object current = writer;
    while (current instanceof Delegating<?> delegating) {
      current = delegating.getDelegate();
    }
    return current instanceof DefaultEndpoint endpoint ? endpoint : null;
  }
}
