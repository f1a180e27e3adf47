package dev.switchback.cli.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A uniform random sample of at most {@code size} keys from a stream of unknown length
 * (reservoir sampling, Algorithm R): every key offered has the same chance to be in the sample.
 * Not thread safe.
 */
public final class ReservoirSample {
  private final int size;
  private final Random random;
  private final List<String> kept;
  private long seen;

  /** A sample of at most {@code size} keys drawn with {@code random}. */
  public ReservoirSample(int size, Random random) {
    if (size < 1) {
      throw new IllegalArgumentException("size must be at least 1: " + size);
    }
    this.size = size;
    this.random = random;
    this.kept = new ArrayList<>(Math.min(size, 1 << 16));
  }

  /** Offers one more key. */
  public void offer(String key) {
    seen++;
    if (kept.size() < size) {
      kept.add(key);
      return;
    }
    long slot = (long) (random.nextDouble() * seen);
    if (slot < size) {
      kept.set((int) slot, key);
    }
  }

  /** The keys kept. */
  public List<String> keys() {
    return List.copyOf(kept);
  }

  /** How many keys were offered. */
  public long seen() {
    return seen;
  }
}
