package dev.switchback.migration.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import dev.switchback.cache.Cache;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A {@link DedupStore} in a {@link Cache} that several processes share. A claim is a {@code
 * putIfAbsent} of the value {@code claimed} that expires after the claim timeout, so a process
 * that dies while handling frees its messages; marking replaces it with {@code handled}, kept for
 * the window; releasing deletes it. Keys are {@code <prefix><topic>/<group length>:<group>/<id>},
 * or the SHA-256 of that when it would pass {@link Cache#MAX_KEY_LENGTH}.
 *
 * <p>A release deletes the key whoever holds it: if a handler outran the claim timeout and
 * another process claimed the message meanwhile, that claim is lost and the message may be
 * handled once more. Set the claim timeout above the longest handler run.
 */
final class CacheDedupStore implements DedupStore {
  private static final byte[] CLAIMED = "claimed".getBytes(UTF_8);
  private static final byte[] HANDLED = "handled".getBytes(UTF_8);

  private final Cache cache;
  private final String prefix;
  private final Duration window;
  private final Duration claimTimeout;

  /**
   * @param prefix starts every key, telling the stores of different purposes apart
   */
  CacheDedupStore(Cache cache, String prefix, Duration window, Duration claimTimeout) {
    this.cache = requireNonNull(cache, "cache");
    this.prefix = requireNonNull(prefix, "prefix");
    this.window = requireNonNull(window, "window");
    this.claimTimeout = requireNonNull(claimTimeout, "claimTimeout");
  }

  @Override
  public CompletionStage<Claim> claim(DeliveryKey key) {
    String k = cacheKey(key);
    return cache.putIfAbsent(k, CLAIMED, claimTimeout).thenCompose(stored -> stored
        ? CompletableFuture.completedFuture(Claim.CLAIMED)
        // Absent now means the holder released it or it expired meanwhile: busy for this
        // delivery, free for the next.
        : cache.get(k).thenApply(v -> v.isPresent() && Arrays.equals(v.get(), HANDLED)
            ? Claim.HANDLED
            : Claim.BUSY));
  }

  @Override
  public CompletionStage<Void> markHandled(DeliveryKey key) {
    return cache.put(cacheKey(key), HANDLED, window);
  }

  @Override
  public CompletionStage<Void> release(DeliveryKey key) {
    return cache.delete(cacheKey(key)).thenApply(removed -> null);
  }

  @Override
  public CompletionStage<Boolean> isHandled(DeliveryKey key) {
    return cache.get(cacheKey(key)).thenApply(v -> v.isPresent() && Arrays.equals(v.get(), HANDLED));
  }

  @Override
  public boolean shared() {
    return true;
  }

  /** The cache key of {@code key}. */
  String cacheKey(DeliveryKey key) {
    String plain = prefix + key.text();
    if (plain.length() <= Cache.MAX_KEY_LENGTH) {
      return plain;
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.text().getBytes(UTF_8));
      return prefix + "sha256:" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
