package dev.switchback.cli.resp;

import dev.switchback.testkit.servers.LocalRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;

/**
 * Two dedicated Redis servers with a connection to each for the test's own commands, and stores
 * for the copy on connections of their own.
 */
final class RedisPair implements AutoCloseable {
  final LocalRedis sourceServer;
  final LocalRedis targetServer;
  private final RedisClient client = RedisClient.create();
  final StatefulRedisConnection<String, byte[]> source;
  final StatefulRedisConnection<String, byte[]> target;

  RedisPair(String... targetArgs) {
    sourceServer = LocalRedis.start();
    targetServer = LocalRedis.start(targetArgs);
    source = connect(sourceServer);
    target = connect(targetServer);
  }

  private StatefulRedisConnection<String, byte[]> connect(LocalRedis server) {
    RedisURI uri = RedisURI.create(server.uri());
    uri.setTimeout(Duration.ofSeconds(5));
    return client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE), uri);
  }

  /** A store on a connection of its own, as a {@link RespStore} requires. */
  RespStore sourceStore(String prefix) {
    return new RespStore("the source (redis)", connect(sourceServer).async(), prefix,
        Duration.ofSeconds(10));
  }

  /** A store on a connection of its own, as a {@link RespStore} requires. */
  RespStore targetStore(String prefix) {
    return new RespStore("the target (redis)", connect(targetServer).async(), prefix,
        Duration.ofSeconds(10));
  }

  RedisCommands<String, byte[]> src() {
    return source.sync();
  }

  RedisCommands<String, byte[]> dst() {
    return target.sync();
  }

  @Override
  public void close() {
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    sourceServer.close();
    targetServer.close();
  }
}
