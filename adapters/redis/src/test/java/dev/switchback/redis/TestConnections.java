package dev.switchback.redis;

import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.resource.ClientResources;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Connections for tests that own their Lettuce resources, so closing the adapter releases
 * everything, whatever order a test class tears down in.
 */
public final class TestConnections {
  private TestConnections() {}

  /** A connection to {@code server} with the default client settings. */
  public static RedisConnection open(URI server) {
    return open(server, RedisClientSettings.defaults());
  }

  /** A connection to {@code server} with {@code settings}. */
  public static RedisConnection open(URI server, RedisClientSettings settings) {
    ClientResources resources = LettuceResources.create();
    try {
      return new Owning(
          StandaloneRedisConnection.open(resources, RedisURI.create(server), settings),
          resources);
    } catch (RuntimeException e) {
      LettuceResources.shutdown(resources);
      throw e;
    }
  }

  private record Owning(StandaloneRedisConnection connection, ClientResources resources)
      implements RedisConnection {

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

    @Override
    public CompletionStage<Void> closeAsync() {
      return connection
          .closeAsync()
          .thenCompose(
              closed -> CompletableFuture.runAsync(() -> LettuceResources.shutdown(resources)));
    }
  }
}
