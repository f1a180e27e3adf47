package dev.switchback.testkit.contract;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.switchback.InvalidInputException;
import dev.switchback.cache.BulkCache;
import dev.switchback.cache.Cache;
import dev.switchback.cache.CacheEntry;
import dev.switchback.cache.CacheFeature;
import dev.switchback.cache.Codec;
import dev.switchback.cache.TypedCache;
import dev.switchback.testkit.Eventually;
import dev.switchback.testkit.Stages;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The behaviour every {@link Cache} promises. An adapter runs it by extending this class and
 * implementing {@link #createCache()}; the other hooks have defaults that suit most backends.
 *
 * <p>One cache serves the whole class: it is created on first use and closed after the last test.
 * Every test works on its own random keys from {@link #key(String)}, which the suite deletes after
 * the last test, so it can run against a shared server next to other users and leave it as it was.
 *
 * <p>A {@link CacheFeature} the cache claims is exercised through its ability; one it does not
 * claim must not be offered.
 */
public abstract class CacheContract extends ContractSuite<Cache> {

  /** The TTL, in minutes, of entries that must not expire during a test. */
  public static final int LONG_TTL_MINUTES = 10;

  private static final Duration LONG_TTL = Duration.ofMinutes(LONG_TTL_MINUTES);
  private static final Duration[] NON_POSITIVE_TTLS = {
    Duration.ZERO, Duration.ofSeconds(-1), Duration.ofNanos(-1)
  };

  private final Set<String> writtenKeys = ConcurrentHashMap.newKeySet();

  /** For subclasses. */
  protected CacheContract() {
    super("createCache()");
  }

  /**
   * Creates the cache under test. Called once per test class, on first use, after the subclass's
   * own {@code @BeforeAll} methods; the suite closes it after the last test.
   */
  protected abstract Cache createCache();

  /**
   * A TTL short enough to wait for in a test and long enough for the backend to honour: 1 second by
   * default. Override for backends with coarser expiry, or finer to make the suite faster.
   */
  protected Duration shortTtl() {
    return Duration.ofSeconds(1);
  }

  /**
   * How far a reported expiry may be from the one asked for, and how late past its TTL an entry may
   * still be returned: 1 second by default (DynamoDB keeps expiry in seconds).
   */
  protected Duration expiryTolerance() {
    return Duration.ofSeconds(1);
  }

  /** The size of the value in the large-value test: 256 KiB, within every backend's limit. */
  protected int largeValueBytes() {
    return 256 * 1024;
  }

  /** How long one operation may take before the test fails instead of hanging: 10 seconds. */
  protected Duration operationTimeout() {
    return Duration.ofSeconds(10);
  }

  /** The cache under test, created by {@link #createCache()} on first call. */
  protected final Cache cache() {
    return backend();
  }

  /**
   * A key no other test or run uses, with {@code name} in it to help reading the store. The suite
   * deletes it after the last test, so a shared server is left as it was found.
   */
  protected final String key(String name) {
    return tracked("switchback-contract:" + name + ":" + UUID.randomUUID());
  }

  /** Marks {@code key} for deletion after the last test, and returns it. */
  protected final String tracked(String key) {
    writtenKeys.add(key);
    return key;
  }

  /** The result of {@code stage}, failing the test if it fails or takes too long. */
  protected final <T> T join(CompletionStage<T> stage) {
    return Stages.join(stage, operationTimeout());
  }

  /**
   * Why the stage returned by {@code operation} failed. Fails the test if the operation throws
   * instead of failing its stage, completes normally, or takes too long.
   */
  protected final Throwable failure(Supplier<? extends CompletionStage<?>> operation) {
    return Stages.failureOf(operation, operationTimeout());
  }

  @Override
  final Cache newBackend() {
    return createCache();
  }

  @Override
  final void closeBackend(Cache cache) {
    try {
      // Best effort: a test that broke the backend must not hide behind a failing clean-up.
      CompletableFuture<?>[] deletes =
          writtenKeys.stream()
              .map(key -> cache.delete(key).toCompletableFuture())
              .toArray(CompletableFuture<?>[]::new);
      CompletableFuture.allOf(deletes).get(operationTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // Keys left behind expire or are overwritten by nobody: they carry random names.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      cache.close();
    }
  }

  @Test
  void putThenGetReturnsTheValue() {
    String key = key("round-trip");
    join(cache().put(key, bytes("hello")));

    assertThat(value(key)).contains(bytes("hello"));
  }

  @Test
  void putReplacesTheExistingValue() {
    String key = key("overwrite");
    join(cache().put(key, bytes("first")));
    join(cache().put(key, bytes("second")));

    assertThat(value(key)).contains(bytes("second"));
  }

  @Test
  void missingKeyHasNoValueAndNoEntry() {
    String key = key("missing");

    assertThat(join(cache().get(key))).isEmpty();
    assertThat(join(cache().getEntry(key))).isEmpty();
  }

  @Test
  void entryWithoutTtlHasNoExpiry() {
    String key = key("no-ttl");
    join(cache().put(key, bytes("kept")));

    CacheEntry entry = join(cache().getEntry(key)).orElseThrow();
    assertThat(entry.value()).containsExactly(bytes("kept"));
    assertThat(entry.expiry()).isEmpty();
  }

  @Test
  void entryWithTtlReportsItsExpiry() {
    String key = key("ttl-reported");
    Instant before = Instant.now();
    join(cache().put(key, bytes("expiring"), LONG_TTL));
    Instant after = Instant.now();

    CacheEntry entry = join(cache().getEntry(key)).orElseThrow();
    assertThat(entry.value()).containsExactly(bytes("expiring"));
    assertThat(entry.expiresAt())
        .isBetween(
            before.plus(LONG_TTL).minus(expiryTolerance()),
            after.plus(LONG_TTL).plus(expiryTolerance()));
  }

  @Test
  void entryExpiresAfterItsTtl() {
    String key = key("expires");
    join(cache().put(key, bytes("short-lived"), shortTtl()));

    awaitExpiry(() -> assertThat(join(cache().get(key))).isEmpty());
  }

  @Test
  void expiredEntryHasNoEntryEvenBeforeAnyReadMeetsIt() {
    String key = key("expired-entry");
    join(cache().put(key, bytes("short-lived"), shortTtl()));
    awaitExpiryOfSentinel();

    assertThat(join(cache().getEntry(key))).isEmpty();
  }

  @Test
  void putWithoutTtlRemovesAnEarlierTtl() {
    String key = key("ttl-cleared");
    join(cache().put(key, bytes("expiring"), LONG_TTL));
    join(cache().put(key, bytes("kept")));

    CacheEntry entry = join(cache().getEntry(key)).orElseThrow();
    assertThat(entry.value()).containsExactly(bytes("kept"));
    assertThat(entry.expiry()).isEmpty();
  }

  @Test
  void putIfAbsentStoresOnlyWhenNoValueIsPresent() {
    String key = key("put-if-absent");

    assertThat(join(cache().putIfAbsent(key, bytes("first"), null))).isTrue();
    assertThat(join(cache().putIfAbsent(key, bytes("second"), null))).isFalse();
    assertThat(value(key)).contains(bytes("first"));
  }

  @Test
  void putIfAbsentAppliesItsTtl() {
    String key = key("put-if-absent-ttl");

    assertThat(join(cache().putIfAbsent(key, bytes("short-lived"), shortTtl()))).isTrue();

    awaitExpiry(() -> assertThat(join(cache().get(key))).isEmpty());
  }

  @Test
  void putIfAbsentSucceedsOnceTheEntryHasExpired() {
    String key = key("put-if-absent-expired");
    join(cache().put(key, bytes("old"), shortTtl()));
    awaitExpiryOfSentinel();

    assertThat(join(cache().putIfAbsent(key, bytes("new"), null))).isTrue();
    assertThat(value(key)).contains(bytes("new"));
  }

  @Test
  void deleteReportsWhetherALiveValueWasRemoved() {
    String key = key("delete");
    join(cache().put(key, bytes("doomed")));

    assertThat(join(cache().delete(key))).isTrue();
    assertThat(join(cache().get(key))).isEmpty();
    assertThat(join(cache().delete(key))).isFalse();
  }

  @Test
  void deleteOfAnExpiredEntryReportsFalse() {
    String key = key("delete-expired");
    join(cache().put(key, bytes("short-lived"), shortTtl()));
    awaitExpiryOfSentinel();

    assertThat(join(cache().delete(key))).isFalse();
  }

  @Test
  void everyByteValueRoundTrips() {
    String key = key("all-bytes");
    byte[] allBytes = allByteValues();
    join(cache().put(key, allBytes));

    assertThat(value(key)).contains(allByteValues());
  }

  @Test
  void emptyValueRoundTripsAsEmptyNotAbsent() {
    String key = key("empty-value");
    join(cache().put(key, new byte[0]));

    assertThat(join(cache().get(key))).hasValueSatisfying(v -> assertThat(v).isEmpty());
  }

  @Test
  void largeValueRoundTrips() {
    String key = key("large");
    byte[] large = new byte[largeValueBytes()];
    new Random(42).nextBytes(large);
    join(cache().put(key, large));

    assertThat(value(key)).contains(large.clone());
  }

  @Test
  void keyOfMaximumLengthIsAccepted() {
    String prefix = key("max-length");
    String key = tracked(prefix + "x".repeat(Cache.MAX_KEY_LENGTH - prefix.length()));
    join(cache().put(key, bytes("long key")));

    assertThat(value(key)).contains(bytes("long key"));
    assertThat(join(cache().delete(key))).isTrue();
  }

  @Test
  void keysThatDifferOnlyInCaseOrAccentsAreDistinct() {
    String base = key("distinct") + ": /?#";
    String lower = tracked(base + "a");
    String upper = tracked(base + "A");
    String umlaut = tracked(base + "ä");
    join(cache().put(lower, bytes("lower")));
    join(cache().put(upper, bytes("upper")));
    join(cache().put(umlaut, bytes("umlaut")));

    assertThat(value(lower)).contains(bytes("lower"));
    assertThat(value(upper)).contains(bytes("upper"));
    assertThat(value(umlaut)).contains(bytes("umlaut"));
  }

  @Test
  void invalidKeysFailEveryOperationWithInvalidInput() {
    for (String bad : Arrays.asList(null, "", "k".repeat(Cache.MAX_KEY_LENGTH + 1))) {
      String described = bad == null ? "null key" : bad.length() + "-character key";
      assertInvalidInput(described + " get", () -> cache().get(bad));
      assertInvalidInput(described + " getEntry", () -> cache().getEntry(bad));
      assertInvalidInput(described + " put", () -> cache().put(bad, bytes("v"), null));
      assertInvalidInput(
          described + " putIfAbsent", () -> cache().putIfAbsent(bad, bytes("v"), null));
      assertInvalidInput(described + " delete", () -> cache().delete(bad));
    }
  }

  @Test
  void nullValueFailsAndWritesNothing() {
    String fresh = key("null-value");
    String existing = key("null-value-existing");
    join(cache().put(existing, bytes("kept")));

    assertInvalidInput("put null", () -> cache().put(fresh, null, null));
    assertInvalidInput("putIfAbsent null", () -> cache().putIfAbsent(fresh, null, null));
    assertInvalidInput("overwrite with null", () -> cache().put(existing, null, null));

    assertThat(join(cache().get(fresh))).isEmpty();
    assertThat(value(existing)).contains(bytes("kept"));
  }

  @Test
  void nonPositiveTtlFailsAndWritesNothing() {
    String existing = key("bad-ttl-existing");
    join(cache().put(existing, bytes("kept")));
    for (Duration ttl : NON_POSITIVE_TTLS) {
      String fresh = key("bad-ttl");

      assertInvalidInput("put with TTL " + ttl, () -> cache().put(fresh, bytes("v"), ttl));
      assertInvalidInput(
          "putIfAbsent with TTL " + ttl, () -> cache().putIfAbsent(fresh, bytes("v"), ttl));
      assertInvalidInput(
          "overwrite with TTL " + ttl, () -> cache().put(existing, bytes("changed"), ttl));

      assertThat(join(cache().get(fresh))).as("written with TTL %s", ttl).isEmpty();
    }
    CacheEntry entry = join(cache().getEntry(existing)).orElseThrow();
    assertThat(entry.value()).containsExactly(bytes("kept"));
    assertThat(entry.expiry()).isEmpty();
  }

  @Test
  void callersCannotChangeAStoredValueThroughTheirArrays() {
    String key = key("defensive-copy");
    byte[] written = {1, 2, 3};
    join(cache().put(key, written));
    written[0] = 9;

    byte[] read = join(cache().get(key)).orElseThrow();
    read[1] = 9;
    join(cache().getEntry(key)).orElseThrow().value()[2] = 9;

    assertThat(value(key)).contains(new byte[] {1, 2, 3});
  }

  @Test
  void concurrentPutsToDistinctKeysAreAllVisible() throws InterruptedException {
    int threads = 8;
    int keysPerThread = 50;
    Cache cache = cache();
    String[][] keys = new String[threads][keysPerThread];
    for (int t = 0; t < threads; t++) {
      for (int i = 0; i < keysPerThread; i++) {
        keys[t][i] = key("concurrent-" + t + "-" + i);
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<CompletableFuture<Void>> writers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String[] own = keys[t];
        writers.add(
            CompletableFuture.runAsync(
                () -> {
                  awaitLatch(start);
                  for (String key : own) {
                    join(cache.put(key, bytes(key)));
                  }
                },
                pool));
      }
      start.countDown();
      join(CompletableFuture.allOf(writers.toArray(new CompletableFuture<?>[0])));
    } finally {
      pool.shutdownNow();
      pool.awaitTermination(10, TimeUnit.SECONDS);
    }

    for (String[] own : keys) {
      for (String key : own) {
        assertThat(value(key)).as(key).contains(bytes(key));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(CacheFeature.class)
  void abilityIsOfferedExactlyWhenItsFeatureIsClaimed(CacheFeature feature) {
    Class<?> type = abilityType(feature);
    Optional<?> ability = cache().ability(type);

    if (cache().features().contains(feature)) {
      assertThat(ability).as("ability of claimed feature %s", feature).get().isInstanceOf(type);
    } else {
      assertThat(ability).as("ability of unclaimed feature %s", feature).isEmpty();
    }
  }

  @Test
  void abilityOfAnUnknownTypeIsAbsent() {
    assertThat(cache().ability(NotAnAbility.class)).isEmpty();
  }

  @Test
  void bulkGetAllReturnsOnlyLiveKeys() {
    BulkCache bulk = claimedBulk();
    String present = key("bulk-present");
    String empty = key("bulk-empty");
    String missing = key("bulk-missing");
    join(cache().put(present, bytes("here")));
    join(cache().put(empty, new byte[0]));

    Map<String, byte[]> found = join(bulk.getAll(List.of(present, empty, missing)));

    assertThat(found).containsOnlyKeys(present, empty);
    assertThat(found.get(present)).containsExactly(bytes("here"));
    assertThat(found.get(empty)).isEmpty();
    assertThat(join(bulk.getAll(List.of()))).isEmpty();
  }

  @Test
  void bulkPutAllStoresEveryEntry() {
    BulkCache bulk = claimedBulk();
    Map<String, byte[]> values =
        Map.of(
            key("bulk-a"),
            bytes("a"),
            key("bulk-all"),
            allByteValues(),
            key("bulk-empty"),
            new byte[0]);

    join(bulk.putAll(values, null));

    values.forEach(
        (key, expected) -> {
          CacheEntry entry = join(cache().getEntry(key)).orElseThrow();
          assertThat(entry.value()).as(key).containsExactly(expected);
          assertThat(entry.expiry()).as(key).isEmpty();
        });
    assertThat(join(bulk.getAll(values.keySet()))).containsOnlyKeys(values.keySet());
  }

  @Test
  void bulkPutAllAppliesItsTtl() {
    BulkCache bulk = claimedBulk();
    String longLived = key("bulk-long-ttl");
    String shortLived = key("bulk-short-ttl");
    Instant before = Instant.now();
    join(bulk.putAll(Map.of(longLived, bytes("long")), LONG_TTL));
    Instant after = Instant.now();
    join(bulk.putAll(Map.of(shortLived, bytes("short")), shortTtl()));

    assertThat(join(cache().getEntry(longLived)).orElseThrow().expiresAt())
        .isBetween(
            before.plus(LONG_TTL).minus(expiryTolerance()),
            after.plus(LONG_TTL).plus(expiryTolerance()));
    awaitExpiry(() -> assertThat(join(bulk.getAll(List.of(shortLived)))).isEmpty());
  }

  @Test
  void bulkRejectsAnyInvalidElementAndWritesNothing() {
    BulkCache bulk = claimedBulk();
    String good = key("bulk-good");
    Map<String, byte[]> nullValue = new HashMap<>();
    nullValue.put(good, bytes("good"));
    nullValue.put(key("bulk-null-value"), null);
    Map<String, byte[]> emptyKey = new HashMap<>(Map.of(good, bytes("good"), "", bytes("bad")));
    Map<String, byte[]> nullKey = new HashMap<>();
    nullKey.put(good, bytes("good"));
    nullKey.put(null, bytes("bad"));

    assertInvalidInput("putAll with a null value", () -> bulk.putAll(nullValue, null));
    assertInvalidInput("putAll with an empty key", () -> bulk.putAll(emptyKey, null));
    assertInvalidInput("putAll with a null key", () -> bulk.putAll(nullKey, null));
    for (Duration ttl : NON_POSITIVE_TTLS) {
      assertInvalidInput(
          "putAll with TTL " + ttl, () -> bulk.putAll(Map.of(good, bytes("good")), ttl));
    }
    assertInvalidInput("putAll of null", () -> bulk.putAll(null, null));
    assertInvalidInput("getAll of null", () -> bulk.getAll(null));
    assertInvalidInput("getAll with a null key", () -> bulk.getAll(Arrays.asList(good, null)));
    assertInvalidInput("getAll with an empty key", () -> bulk.getAll(List.of(good, "")));

    assertThat(join(cache().get(good))).isEmpty();
  }

  @Test
  void bulkCallersCannotChangeStoredValuesThroughTheirArrays() {
    BulkCache bulk = claimedBulk();
    String key = key("bulk-defensive-copy");
    byte[] written = {1, 2, 3};
    join(bulk.putAll(Map.of(key, written), null));
    written[0] = 9;
    join(bulk.getAll(List.of(key))).get(key)[1] = 9;

    assertThat(value(key)).contains(new byte[] {1, 2, 3});
  }

  @Test
  void typedViewRoundTripsUtf8Strings() {
    TypedCache<String> typed = cache().typed(Codec.UTF8);
    String key = key("typed");
    String text = "grüße, 世界 ✓ \uD83D\uDE00";

    join(typed.put(key, text, null));

    assertThat(join(typed.get(key))).contains(text);
    assertThat(value(key)).contains(text.getBytes(UTF_8));
    assertThat(join(typed.putIfAbsent(key, "other", null))).isFalse();
    assertThat(join(typed.delete(key))).isTrue();
    assertThat(join(typed.get(key))).isEmpty();
  }

  /** The value under {@code key}, read through {@link Cache#get}. */
  private Optional<byte[]> value(String key) {
    return join(cache().get(key));
  }

  private BulkCache claimedBulk() {
    assumeTrue(cache().features().contains(CacheFeature.BULK), "the cache does not claim BULK");
    return cache().ability(BulkCache.class).orElseThrow();
  }

  private void assertInvalidInput(String description, Supplier<? extends CompletionStage<?>> op) {
    assertThat(failure(op)).as(description).isInstanceOf(InvalidInputException.class);
  }

  private void awaitExpiry(Runnable assertion) {
    Eventually.await(shortTtl().plus(expiryTolerance()).multipliedBy(2).plusSeconds(2), assertion);
  }

  /**
   * Writes a sentinel with {@link #shortTtl()} and waits until it has expired, so that entries
   * written with the same TTL before it have expired too, without a read having touched them: a
   * store that purges expired entries when it reads them must still treat them as absent before.
   */
  private void awaitExpiryOfSentinel() {
    String sentinel = key("sentinel");
    join(cache().put(sentinel, bytes("sentinel"), shortTtl()));
    awaitExpiry(() -> assertThat(join(cache().get(sentinel))).isEmpty());
  }

  private static Class<?> abilityType(CacheFeature feature) {
    return switch (feature) {
      case BULK -> BulkCache.class;
    };
  }

  private static byte[] allByteValues() {
    byte[] all = new byte[256];
    for (int i = 0; i < all.length; i++) {
      all[i] = (byte) i;
    }
    return all;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }

  private static void awaitLatch(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** An interface no cache implements, to ask for an ability that does not exist. */
  private interface NotAnAbility {}
}
