package dev.switchback.migration.internal;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * A {@link DedupStore} in this process, bounded by count and by age: a handled key is remembered
 * for the window, and of those at most {@code maxEntries}, the oldest forgotten first. Claims are
 * held until marked or released (they are bounded by the handlers running at once). Every
 * operation completes at once.
 */
final class MemoryDedupStore implements DedupStore {
  private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

  private final long windowNanos;
  private final int maxEntries;
  private final LongSupplier nanoClock;
  private final ReentrantLock lock = new ReentrantLock();
  /** Handled keys by the time they were marked, oldest first. Guarded by lock. */
  private final LinkedHashMap<DeliveryKey, Long> handled = new LinkedHashMap<>();
  /** Guarded by lock. */
  private final Set<DeliveryKey> claimed = new HashSet<>();

  MemoryDedupStore(Duration window, int maxEntries) {
    this(window, maxEntries, System::nanoTime);
  }

  /** A store whose ages are read from {@code nanoClock}, a {@link System#nanoTime()} stand-in. */
  MemoryDedupStore(Duration window, int maxEntries, LongSupplier nanoClock) {
    this.windowNanos = requireNonNull(window, "window").toNanos();
    if (windowNanos <= 0 || maxEntries < 1) {
      throw new IllegalArgumentException(
          "window must be positive and maxEntries at least 1, got " + window + ", " + maxEntries);
    }
    this.maxEntries = maxEntries;
    this.nanoClock = requireNonNull(nanoClock, "nanoClock");
  }

  @Override
  public CompletionStage<Claim> claim(DeliveryKey key) {
    lock.lock();
    try {
      forgetExpired(nanoClock.getAsLong());
      if (handled.containsKey(key)) {
        return CompletableFuture.completedFuture(Claim.HANDLED);
      }
      return CompletableFuture.completedFuture(claimed.add(key) ? Claim.CLAIMED : Claim.BUSY);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public CompletionStage<Void> markHandled(DeliveryKey key) {
    long now = nanoClock.getAsLong();
    lock.lock();
    try {
      claimed.remove(key);
      handled.remove(key); // re-inserted at the young end
      handled.put(key, now);
      while (handled.size() > maxEntries) {
        Iterator<DeliveryKey> oldest = handled.keySet().iterator();
        oldest.next();
        oldest.remove();
      }
      forgetExpired(now);
      return DONE;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public CompletionStage<Void> release(DeliveryKey key) {
    lock.lock();
    try {
      claimed.remove(key);
      return DONE;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public CompletionStage<Boolean> isHandled(DeliveryKey key) {
    lock.lock();
    try {
      forgetExpired(nanoClock.getAsLong());
      return CompletableFuture.completedFuture(handled.containsKey(key));
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean shared() {
    return false;
  }

  /** Handled keys remembered now. */
  int size() {
    lock.lock();
    try {
      forgetExpired(nanoClock.getAsLong());
      return handled.size();
    } finally {
      lock.unlock();
    }
  }

  private void forgetExpired(long now) {
    Iterator<Map.Entry<DeliveryKey, Long>> oldestFirst = handled.entrySet().iterator();
    while (oldestFirst.hasNext()) {
      if (now - oldestFirst.next().getValue() < windowNanos) {
        return;
      }
      oldestFirst.remove();
    }
  }
}
