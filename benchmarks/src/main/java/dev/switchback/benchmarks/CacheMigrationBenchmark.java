package dev.switchback.benchmarks;

import dev.switchback.cache.Cache;
import dev.switchback.migration.internal.CacheRouter;
import dev.switchback.redis.LettuceResources;
import dev.switchback.redis.cache.RedisCache;
import io.lettuce.core.resource.ClientResources;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
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
 * What a caller waits for during a Redis-to-Redis cache migration, against a single store: the
 * latency distribution (JMH sample time, one caller) of puts and gets on
 *
 * <ul>
 *   <li>{@code old}: the old store's {@link RedisCache} alone (the local Redis);
 *   <li>{@code new}: the new store's {@link RedisCache} alone (a second Redis started for the
 *       run);
 *   <li>{@code dualwrite}, {@code shadow}: a {@link CacheRouter} over the two in that stage;
 *   <li>{@code two-stores}: both caches called by hand the way the router calls them, without its
 *       bookkeeping: a put writes old and, when old has answered, sends the put to new and
 *       answers without waiting for it; a get sends to old and new at once and answers with old.
 *       The floor of what touching two stores costs the caller on this machine.
 * </ul>
 *
 * <p>In {@code dualwrite} a put writes old, answers, and mirrors into new off the caller's path; in
 * {@code shadow} a get reads old, answers with it, and reads new off the caller's path to compare.
 * The two caches share one set of Lettuce client resources with Switchback's defaults, as the two
 * backends of one {@code Switchback} instance do; the router is wired as {@code Switchback} wires
 * it, with the guard off so nothing moves the stage. Both stores hold every key before the run,
 * so reads hit on both sides and nothing is copied on read.
 *
 * <p>Not final: JMH generates subclasses of benchmark and state classes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Fork(value = 3, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class CacheMigrationBenchmark {
  /** {@code old} or {@code new} for one store alone, else the router's stage. */
  @Param({"old", "new", "dualwrite", "shadow", "two-stores"})
  public String path = "old";

  private final String[] keys = BenchmarkKeys.keys("switchback-benchmark:migration:");
  private final byte[] value = BenchmarkKeys.value(RedisCacheBenchmark.VALUE_SIZE);
  private @Nullable ClientResources resources;
  private @Nullable RedisCache oldCache;
  private @Nullable RedisCache newCache;
  private @Nullable FixedStageCacheRouter router;
  private @Nullable Cache cache;

  /** Opens both caches, writes every key into both, and builds the router for its stages. */
  @Setup(Level.Trial)
  public void setUp() {
    ClientResources shared = LettuceResources.create();
    resources = shared;
    RedisCache old = RedisStores.cache(shared, BenchmarkServers.REDIS.uri());
    RedisCache fresh = RedisStores.cache(shared, BenchmarkServers.SECOND_REDIS.uri());
    oldCache = old;
    newCache = fresh;
    for (String key : keys) {
      old.put(key, value, null).toCompletableFuture().join();
      fresh.put(key, value, null).toCompletableFuture().join();
    }
    switch (path) {
      case "old" -> cache = old;
      case "new" -> cache = fresh;
      case "two-stores" -> cache = null;
      case "dualwrite", "shadow" -> {
        FixedStageCacheRouter routed =
            new FixedStageCacheRouter(path, "redis", old, "redis", fresh);
        router = routed;
        cache = routed.cache();
      }
      default -> throw new IllegalArgumentException(
          "unknown path " + path + "; accepted: old, new, dualwrite, shadow, two-stores");
    }
  }

  /**
   * Deletes the keys from the old store (the server may be a developer's own; the new one is
   * stopped after the run) and closes what {@link #setUp()} opened.
   */
  @TearDown(Level.Trial)
  public void tearDown() {
    if (router != null) {
      router.close();
    }
    if (oldCache != null) {
      for (String key : keys) {
        oldCache.delete(key).toCompletableFuture().join();
      }
      oldCache.closeAsync().toCompletableFuture().join();
    }
    if (newCache != null) {
      newCache.closeAsync().toCompletableFuture().join();
    }
    if (resources != null) {
      LettuceResources.shutdown(resources);
    }
  }

  /** Reads a key that both stores hold. */
  @Benchmark
  public Optional<byte[]> get(BenchmarkKeys.Cursor cursor) {
    String key = cursor.nextKey(keys);
    Cache one = cache;
    if (one != null) {
      return one.get(key).toCompletableFuture().join();
    }
    CompletionStage<Optional<byte[]>> answer = store(oldCache).get(key);
    store(newCache).get(key);
    return answer.toCompletableFuture().join();
  }

  /** Overwrites a key that both stores hold with a value of the same size, no TTL. */
  @Benchmark
  public @Nullable Void put(BenchmarkKeys.Cursor cursor) {
    String key = cursor.nextKey(keys);
    Cache one = cache;
    if (one != null) {
      return one.put(key, value, null).toCompletableFuture().join();
    }
    Cache other = store(newCache);
    return store(oldCache).put(key, value, null)
        .thenApply(
            done -> {
              other.put(key, value, null);
              return done;
            })
        .toCompletableFuture()
        .join();
  }

  private static Cache store(@Nullable Cache cache) {
    if (cache == null) {
      throw new IllegalStateException("not set up");
    }
    return cache;
  }
}
