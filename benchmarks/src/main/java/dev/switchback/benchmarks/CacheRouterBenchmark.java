package dev.switchback.benchmarks;

import dev.switchback.cache.Cache;
import dev.switchback.memory.cache.MemoryCache;
import dev.switchback.migration.internal.CacheRouter;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of the cache router per operation: a {@link MemoryCache} called directly ({@code
 * direct}) against two memory caches joined by a {@link CacheRouter} in each stage. Both caches
 * hold every key before the first operation, so reads hit in every stage and nothing is copied
 * on read; writes reuse the same keys, so memory stays flat. The guard is off so that nothing
 * the benchmark does can move the stage.
 *
 * <p>Not final: JMH generates subclasses of benchmark and state classes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class CacheRouterBenchmark {
  /** {@code direct} for the memory cache alone, else the router's stage. */
  @Param({"direct", "off", "dualwrite", "shadow", "live", "rampdown", "complete"})
  public String stage = "direct";

  private final String[] keys = BenchmarkKeys.keys("");
  private final byte[] value = BenchmarkKeys.value(16);
  private @Nullable MemoryCache oldCache;
  private @Nullable MemoryCache newCache;
  private @Nullable FixedStageCacheRouter router;
  /** What the benchmarks call; set by {@link #setUp()}, never null once a benchmark runs. */
  private Cache cache = MemoryCache.create();

  /** Builds the caches (and the router) and writes every key into both caches. */
  @Setup(Level.Trial)
  public void setUp() {
    MemoryCache old = MemoryCache.create();
    MemoryCache fresh = MemoryCache.create();
    for (String key : keys) {
      old.put(key, value, null).toCompletableFuture().join();
      fresh.put(key, value, null).toCompletableFuture().join();
    }
    oldCache = old;
    newCache = fresh;
    if ("direct".equals(stage)) {
      cache = old;
      return;
    }
    FixedStageCacheRouter routed =
        new FixedStageCacheRouter(stage, "memory", old, "memory", fresh);
    router = routed;
    cache = routed.cache();
  }

  /** Closes what {@link #setUp()} opened. */
  @TearDown(Level.Trial)
  public void tearDown() {
    if (router != null) {
      router.close();
    }
    if (oldCache != null) {
      oldCache.closeAsync().toCompletableFuture().join();
    }
    if (newCache != null) {
      newCache.closeAsync().toCompletableFuture().join();
    }
  }

  /** Reads a key that is present, and the value with it. */
  @Benchmark
  public Optional<byte[]> get(BenchmarkKeys.Cursor cursor) {
    return cache.get(cursor.nextKey(keys)).toCompletableFuture().join();
  }

  /** Overwrites a key that is present with the same small value, without expiry. */
  @Benchmark
  public @Nullable Void put(BenchmarkKeys.Cursor cursor) {
    return cache.put(cursor.nextKey(keys), value, null).toCompletableFuture().join();
  }
}
