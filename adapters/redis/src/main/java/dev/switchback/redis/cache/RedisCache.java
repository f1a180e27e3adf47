package dev.switchback.redis.cache;

import static java.util.Objects.requireNonNull;

import dev.switchback.ConfigurationException;
import dev.switchback.InvalidInputException;
import dev.switchback.SwitchbackException;
import dev.switchback.TooLargeException;
import dev.switchback.cache.BulkCache;
import dev.switchback.cache.Cache;
import dev.switchback.cache.CacheEntry;
import dev.switchback.cache.CacheFeature;
import dev.switchback.cache.CacheInput;
import dev.switchback.redis.RedisConnection;
import dev.switchback.redis.internal.LuaScript;
import dev.switchback.redis.internal.RedisCalls;
import dev.switchback.spi.Pingable;
import dev.switchback.spi.support.CloseOnce;
import dev.switchback.spi.support.SettingChecks;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Cache} in Redis, with the {@link CacheFeature#BULK} ability, on a {@link
 * RedisConnection} it owns (closing the cache closes the connection).
 *
 * <p><b>Layout.</b> Each entry is one Redis string: key {@code <keyPrefix><key>} (the prefix is
 * empty by default), value the bytes as given, expiry the Redis key expiry in milliseconds ({@code
 * SET ... PX}). A TTL with a fraction of a millisecond is rounded up, as in the memory cache; one
 * longer than {@link #MAX_TTL} is capped to it. Redis expires keys itself, so an expired entry is
 * never returned.
 *
 * <p><b>Commands.</b> {@code get} is {@code GET}; {@code put} is {@code SET} (with {@code PX}
 * when there is a TTL, which also clears an earlier one when there is none); {@code putIfAbsent}
 * is {@code SET NX}; {@code delete} is {@code DEL}, true when it removed a key (Redis never
 * counts an expired one); {@code getEntry} reads the value and its {@code PTTL} in one Lua
 * script, so they belong together. The bulk calls send one command per key, pipelined on the
 * connection, so they work on a Redis Cluster where the keys live in different slots; they are
 * not atomic across keys. Each command of a bulk call counts against the connection's request
 * queue.
 *
 * <p><b>Errors.</b> Bad input fails the stage with {@link InvalidInputException} before anything
 * is sent. A command without a reply in time fails with {@link
 * dev.switchback.OperationTimeoutException} (it may have been applied), one that could not be
 * sent with {@link dev.switchback.BackendUnavailableException}.
 *
 * <p>Thread safe. Stages complete on Lettuce's I/O threads: do not block in their callbacks.
 */
public final class RedisCache implements Cache, BulkCache, Pingable {

  /** The default bound on a value's size: 512 MiB, the largest string Redis accepts by default. */
  public static final int DEFAULT_MAX_VALUE_BYTES = 512 * 1024 * 1024;

  /** The longest TTL stored; longer ones are capped to it: 1,000 years. */
  public static final Duration MAX_TTL = Duration.ofDays(365L * 1000);

  private static final Set<CacheFeature> FEATURES = Set.of(CacheFeature.BULK);

  private static final LuaScript GET_WITH_TTL =
      new LuaScript(
          """
          local value = redis.call('GET', KEYS[1])
          if not value then return {} end
          return {value, redis.call('PTTL', KEYS[1])}
          """);

  private final CloseOnce state = new CloseOnce("redis cache");
  private final RedisConnection connection;
  private final RedisCalls calls;
  private final String keyPrefix;
  private final int maxValueBytes;
  private final Clock clock;

  private RedisCache(Builder builder) {
    this.connection = builder.connection;
    this.calls = new RedisCalls(state, builder.connection);
    this.keyPrefix = builder.keyPrefix;
    this.maxValueBytes = builder.maxValueBytes;
    this.clock = builder.clock;
  }

  /** A builder for a cache on {@code connection}, which the cache then owns. */
  public static Builder builder(RedisConnection connection) {
    return new Builder(connection);
  }

  @Override
  public CompletionStage<Optional<byte[]>> get(String key) {
    return calls.run(
        "cache get",
        () -> commands().get(redisKey(key)).thenApply(Optional::ofNullable));
  }

  @Override
  public CompletionStage<Optional<CacheEntry>> getEntry(String key) {
    return calls.run(
        "cache getEntry",
        () -> {
          String[] keys = {redisKey(key)};
          return GET_WITH_TTL.<List<Object>>run(commands(), ScriptOutputType.MULTI, keys)
              .thenApply(this::entry);
        });
  }

  @Override
  public CompletionStage<Void> put(String key, byte[] value, @Nullable Duration ttl) {
    return calls.run(
        "cache put",
        () -> {
          String redisKey = redisKey(key);
          byte[] copy = storable(value);
          SetArgs args = expiry(new SetArgs(), CacheInput.requireValidTtl(ttl));
          return commands().set(redisKey, copy, args).thenApply(ok -> (Void) null);
        });
  }

  @Override
  public CompletionStage<Boolean> putIfAbsent(String key, byte[] value, @Nullable Duration ttl) {
    return calls.run(
        "cache putIfAbsent",
        () -> {
          String redisKey = redisKey(key);
          byte[] copy = storable(value);
          SetArgs args = expiry(new SetArgs().nx(), CacheInput.requireValidTtl(ttl));
          // SET NX answers OK when it stored the value and nil when the key held one.
          return commands().set(redisKey, copy, args).thenApply(ok -> ok != null);
        });
  }

  @Override
  public CompletionStage<Boolean> delete(String key) {
    return calls.run(
        "cache delete", () -> commands().del(redisKey(key)).thenApply(removed -> removed > 0));
  }

  @Override
  public CompletionStage<Map<String, byte[]>> getAll(Collection<String> keys) {
    return calls.run(
        "cache getAll",
        () -> {
          if (keys == null) {
            throw new InvalidInputException("keys must not be null");
          }
          Map<String, String> redisKeys = new LinkedHashMap<>();
          for (String key : new LinkedHashSet<>(keys)) {
            redisKeys.put(key, redisKey(key));
          }
          Map<String, CompletableFuture<byte[]>> replies = new LinkedHashMap<>();
          redisKeys.forEach(
              (key, redisKey) -> replies.put(key, commands().get(redisKey).toCompletableFuture()));
          return CompletableFuture.allOf(replies.values().toArray(CompletableFuture<?>[]::new))
              .thenApply(
                  done -> {
                    Map<String, byte[]> found = new HashMap<>();
                    replies.forEach(
                        (key, reply) -> {
                          byte[] value = reply.join();
                          if (value != null) {
                            found.put(key, value);
                          }
                        });
                    return found;
                  });
        });
  }

  @Override
  public CompletionStage<Void> putAll(Map<String, byte[]> values, @Nullable Duration ttl) {
    return calls.run(
        "cache putAll",
        () -> {
          if (values == null) {
            throw new InvalidInputException("values must not be null");
          }
          CacheInput.requireValidTtl(ttl);
          // Check every element before sending any, so one bad element writes nothing.
          List<Map.Entry<String, byte[]>> checked = new ArrayList<>(values.size());
          for (Map.Entry<String, byte[]> entry : values.entrySet()) {
            checked.add(
                Map.entry(
                    redisKey(entry.getKey()),
                    storable(entry.getValue())));
          }
          SetArgs args = expiry(new SetArgs(), ttl);
          CompletableFuture<?>[] writes = new CompletableFuture<?>[checked.size()];
          for (int i = 0; i < writes.length; i++) {
            Map.Entry<String, byte[]> entry = checked.get(i);
            writes[i] =
                commands().set(entry.getKey(), entry.getValue(), args).toCompletableFuture();
          }
          return CompletableFuture.allOf(writes);
        });
  }

  @Override
  public Set<CacheFeature> features() {
    return FEATURES;
  }

  /** The prefix put in front of every key in Redis. */
  public String keyPrefix() {
    return keyPrefix;
  }

  /**
   * Closes the connection. Operations started afterwards fail with {@link SwitchbackException};
   * calling it again returns the same stage.
   */
  /** A {@code PING} on the connection. */
  @Override
  public CompletionStage<Void> ping() {
    return calls.ping();
  }

  @Override
  public CompletionStage<Void> closeAsync() {
    return state.close(connection::closeAsync);
  }

  @Override
  public String toString() {
    return "RedisCache[" + connection.endpoint() + ", keyPrefix='" + keyPrefix + "']";
  }

  private RedisClusterAsyncCommands<String, byte[]> commands() {
    return connection.commands();
  }

  private String redisKey(String key) {
    return keyPrefix + CacheInput.requireValidKey(key);
  }

  private Optional<CacheEntry> entry(@Nullable List<Object> reply) {
    if (reply == null || reply.isEmpty()) {
      return Optional.empty();
    }
    if (reply.size() != 2
        || !(reply.get(0) instanceof byte[] value)
        || !(reply.get(1) instanceof Long pttl)) {
      throw new SwitchbackException("cache getEntry got a reply of an unexpected shape");
    }
    // PTTL is -1 for a key without expiry; the key is there, the script just read it.
    Instant expiresAt = pttl < 0 ? null : clock.instant().plusMillis(pttl);
    return Optional.of(new CacheEntry(value, expiresAt));
  }

  /** A copy of {@code value} if it may be stored, else the failure, before anything is sent. */
  private byte[] storable(byte @Nullable [] value) {
    byte[] checked = CacheInput.requireValidValue(value);
    if (checked.length > maxValueBytes) {
      throw new TooLargeException("cache value is " + checked.length + " bytes; the limit is "
          + maxValueBytes + " (max-value-bytes)");
    }
    return checked.clone();
  }

  private static SetArgs expiry(SetArgs args, @Nullable Duration ttl) {
    return ttl == null ? args : args.px(ttlMillis(ttl));
  }

  /** {@code ttl} in whole milliseconds, rounded up, at most {@link #MAX_TTL}. */
  static long ttlMillis(Duration ttl) {
    if (ttl.compareTo(MAX_TTL) >= 0) {
      return MAX_TTL.toMillis();
    }
    long millis = ttl.toMillis();
    return ttl.getNano() % 1_000_000 == 0 ? millis : millis + 1;
  }

  /** Settings of a {@link RedisCache}; setters check their argument and return this builder. */
  public static final class Builder {
    private final RedisConnection connection;
    private String keyPrefix = "";
    private int maxValueBytes = DEFAULT_MAX_VALUE_BYTES;
    private Clock clock = Clock.systemUTC();

    private Builder(RedisConnection connection) {
      this.connection = requireNonNull(connection, "connection");
    }

    /**
     * Put in front of every key in Redis, to share a server between applications; default empty,
     * so keys in Redis are the cache keys as given.
     */
    public Builder keyPrefix(String keyPrefix) {
      this.keyPrefix = requireNonNull(keyPrefix, "keyPrefix");
      return this;
    }

    /**
     * The largest value stored; a larger one fails with {@link TooLargeException} before
     * anything is sent. Default {@value RedisCache#DEFAULT_MAX_VALUE_BYTES}.
     *
     * @throws IllegalArgumentException if {@code maxValueBytes} is not positive
     */
    public Builder maxValueBytes(int maxValueBytes) {
      if (maxValueBytes < 1) {
        throw new IllegalArgumentException("maxValueBytes must be positive, got " + maxValueBytes);
      }
      this.maxValueBytes = maxValueBytes;
      return this;
    }

    /**
     * The key prefix and value bound configured under {@code prefix} (for example {@code
     * switchback.cache.redis}).
     *
     * @throws ConfigurationException naming {@code <prefix>.max-value-bytes} if it is not positive
     */
    public Builder options(RedisCacheOptions options, String prefix) {
      requireNonNull(options, "options");
      requireNonNull(prefix, "prefix");
      keyPrefix(options.keyPrefix().orElse(""));
      return maxValueBytes(
          SettingChecks.atLeast(prefix + ".max-value-bytes", 1, options.maxValueBytes()));
    }

    /** The clock that turns a remaining TTL into an expiry instant; default UTC system clock. */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /** The cache. */
    public RedisCache build() {
      return new RedisCache(this);
    }
  }
}
