package dev.switchback.redis;

import dev.switchback.AsyncCloseable;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

/**
 * One open connection to a Redis deployment, standalone or cluster, as the adapters of this module
 * use it. The adapters never create clients: a provider opens a connection ({@link
 * StandaloneRedisConnection} here; a cluster or TLS one elsewhere) and hands it over, and the
 * adapter closes it when it is closed.
 *
 * <p>{@link #commands()} is {@link RedisClusterAsyncCommands}, the interface standalone and
 * cluster connections share, so an adapter written against it uses only commands that touch one
 * key (or one slot) each and works on both.
 *
 * <p>Implementations are thread safe.
 */
public interface RedisConnection extends AsyncCloseable {

  /** The asynchronous commands, string keys and byte-array values. */
  RedisClusterAsyncCommands<String, byte[]> commands();

  /**
   * Told that a command timed out. The connection's replies may no longer match its requests (a
   * network path that drops bytes while TCP stays up leaves every later command waiting for a
   * reply meant for an earlier one), so an implementation drops the connection underneath and
   * lets the client reconnect; commands in flight fail. Thread safe and cheap to call often.
   */
  void commandTimedOut();

  /**
   * What messages may say about the server: {@code host:port} and the like, never credentials.
   */
  String endpoint();
}
