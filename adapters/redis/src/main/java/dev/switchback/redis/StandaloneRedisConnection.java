package dev.switchback.redis;

import static java.util.Objects.requireNonNull;

import dev.switchback.BackendUnavailableException;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

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

  private final LettuceConnection connection;

  private StandaloneRedisConnection(LettuceConnection connection) {
    this.connection = connection;
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
          new LettuceConnection(
              client,
              connection,
              connection.async(),
              self -> {
                if (connection instanceof RedisChannelHandler<?, ?> handler) {
                  LettuceConnection.disconnect(handler.getChannelWriter());
                }
              },
              endpoint,
              settings.commandTimeout()));
    } catch (RedisException e) {
      client.shutdownAsync(0, CLIENT_SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      throw new BackendUnavailableException("cannot connect to Redis at " + endpoint, e);
    }
  }

  @Override
  public RedisClusterAsyncCommands<String, byte[]> commands() {
    return connection.commands();
  }

  @Override
  public void commandTimedOut() {
    connection.commandTimedOut();
  }

  @Override
  public String endpoint() {
    return connection.endpoint();
  }

  /** Closes the connection, then the client; the shared resources stay up. */
  @Override
  public CompletionStage<Void> closeAsync() {
    return connection.closeAsync();
  }

  @Override
  public String toString() {
    return "StandaloneRedisConnection[" + endpoint() + "]";
  }
}
