package dev.switchback.benchmarks;

import dev.switchback.Switchback;
import dev.switchback.cache.Cache;
import dev.switchback.redis.RedisClientSettings;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cache get and put through Switchback's Redis cache against the same commands on a raw Lettuce
 * async connection, on the same Redis server.
 *
 * <ul>
 *   <li>{@code switchback}: the {@link Cache} of {@code Switchback.fromConfig} with {@code
 *       switchback.cache.backend=redis}, every other setting at its default.
 *   <li>{@code lettuce}: a {@link RedisClient} on its own default client resources, with the
 *       same client options as Switchback's defaults ({@link RedisClientSettings#defaults()}:
 *       2 s command timeout, bounded request queue, keepalive, TCP no-delay) and the same codec
 *       (UTF-8 string keys, byte-array values), one connection; {@code GET} and {@code SET}.
 * </ul>
 *
 * <p>Four threads share one connection (Switchback's, or the raw one), each issuing a call and
 * joining it before the next: throughput is what four synchronous callers get from one
 * multiplexed connection. Keys and values as in {@link BenchmarkKeys}: 64 keys written before the
 * run, 64-byte values, no TTL.
 *
 * <p>Not final: JMH generates subclasses of benchmark and state classes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(4)
@Fork(value = 5, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RedisCacheBenchmark {
  static final int VALUE_SIZE = 64;

  /** Which client the calls go through. */
  @Param({"switchback", "lettuce"})
  public String path = "switchback";

  private final String[] keys = BenchmarkKeys.keys("switchback-benchmark:");
  private final byte[] value = BenchmarkKeys.value(VALUE_SIZE);
  private @Nullable Switchback switchback;
  private @Nullable Cache cache;
  private @Nullable ClientResources resources;
  private @Nullable RedisClient client;
  private @Nullable StatefulRedisConnection<String, byte[]> connection;
  private @Nullable RedisAsyncCommands<String, byte[]> lettuce;

  /** Opens the client of {@link #path} and writes every key. */
  @Setup(Level.Trial)
  public void setUp() {
    String uri = BenchmarkServers.REDIS.uri().toString();
    if ("switchback".equals(path)) {
      switchback = Switchback.fromConfig(
          Map.of("switchback.cache.backend", "redis", "switchback.cache.redis.uri", uri));
      cache = switchback.cache();
      for (String key : keys) {
        cache.put(key, value, null).toCompletableFuture().join();
      }
      return;
    }
    if (!"lettuce".equals(path)) {
      throw new IllegalArgumentException(
          "unknown path " + path + "; accepted: switchback, lettuce");
    }
    resources = DefaultClientResources.create();
    client = RedisClient.create(resources, RedisURI.create(uri));
    client.setOptions(RedisClientSettings.defaults().clientOptions());
    connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
    lettuce = connection.async();
    for (String key : keys) {
      lettuce.set(key, value).toCompletableFuture().join();
    }
  }

  /** Deletes the keys (the Redis may be a developer's own) and closes what setUp opened. */
  @TearDown(Level.Trial)
  public void tearDown() {
    if (cache != null) {
      for (String key : keys) {
        cache.delete(key).toCompletableFuture().join();
      }
    }
    if (lettuce != null) {
      lettuce.del(keys).toCompletableFuture().join();
    }
    if (switchback != null) {
      switchback.close();
    }
    if (connection != null) {
      connection.close();
    }
    if (client != null) {
      client.shutdown();
    }
    if (resources != null) {
      resources.shutdown();
    }
  }

  /** Reads a key that is present. */
  @Benchmark
  public Object get(BenchmarkKeys.Cursor cursor) {
    String key = cursor.nextKey(keys);
    if (cache != null) {
      Optional<byte[]> found = cache.get(key).toCompletableFuture().join();
      return found;
    }
    return lettuce().get(key).toCompletableFuture().join();
  }

  /** Overwrites a key that is present with a value of the same size, no TTL. */
  @Benchmark
  public Object put(BenchmarkKeys.Cursor cursor) {
    String key = cursor.nextKey(keys);
    if (cache != null) {
      cache.put(key, value, null).toCompletableFuture().join();
      return key;
    }
    return lettuce().set(key, value).toCompletableFuture().join();
  }

  private RedisAsyncCommands<String, byte[]> lettuce() {
    RedisAsyncCommands<String, byte[]> commands = lettuce;
    if (commands == null) {
      throw new IllegalStateException("not set up");
    }
    return commands;
  }
}
