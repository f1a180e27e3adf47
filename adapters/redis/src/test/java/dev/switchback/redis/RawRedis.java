package dev.switchback.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import dev.switchback.testkit.servers.TestServer;

/**
 * A plain Lettuce client of its own, to look at what an adapter left in Redis without going
 * through the adapter.
 */
public final class RawRedis implements AutoCloseable {
  private final RedisClient client;
  private final StatefulRedisConnection<String, byte[]> connection;

  private RawRedis(RedisClient client) {
    this.client = client;
    this.connection = client.connect(StandaloneRedisConnection.CODEC);
  }

  /** A client of {@code server}. */
  public static RawRedis to(TestServer server) {
    return new RawRedis(RedisClient.create(RedisURI.create(server.uri())));
  }

  /** A client of {@code server} that authenticates with {@code password}. */
  public static RawRedis to(TestServer server, String password) {
    return new RawRedis(
        RedisClient.create(
            RedisURI.builder(RedisURI.create(server.uri()))
                .withPassword(password.toCharArray())
                .build()));
  }

  /** The synchronous commands. */
  public RedisCommands<String, byte[]> sync() {
    return connection.sync();
  }

  /** GET. */
  public byte[] get(String key) {
    return sync().get(key);
  }

  /** PTTL. */
  public long pttl(String key) {
    return sync().pttl(key);
  }

  /** HGETALL. */
  public java.util.Map<String, byte[]> hgetall(String key) {
    return sync().hgetall(key);
  }

  /** DBSIZE. */
  public long dbsize() {
    return sync().dbsize();
  }

  @Override
  public void close() {
    connection.close();
    client.shutdown();
  }
}
