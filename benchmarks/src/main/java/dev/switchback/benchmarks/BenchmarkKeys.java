package dev.switchback.benchmarks;

import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The keys and values the benchmarks use: a small fixed set of keys written before the run, so
 * every read hits, every write overwrites, and memory stays flat. Public only because the code
 * JMH generates, in another package, refers to its {@link Cursor}.
 */
public final class BenchmarkKeys {
  /** A power of two, so the cursor wraps with a mask. */
  static final int KEY_COUNT = 64;

  private BenchmarkKeys() {}

  /** {@value #KEY_COUNT} distinct keys, each starting with {@code prefix}. */
  static String[] keys(String prefix) {
    String[] keys = new String[KEY_COUNT];
    for (int i = 0; i < KEY_COUNT; i++) {
      keys[i] = prefix + "user:" + (10_000 + i) + ":profile";
    }
    return keys;
  }

  /** A value of {@code size} bytes with a recognisable pattern. */
  static byte[] value(int size) {
    byte[] value = new byte[size];
    for (int i = 0; i < size; i++) {
      value[i] = (byte) i;
    }
    return value;
  }

  /** Where each benchmark thread is in the key set; threads start at the same key. */
  @State(Scope.Thread)
  public static class Cursor {
    private int next;

    /** The key after the last one this thread used. */
    String nextKey(String[] keys) {
      next = (next + 1) & (KEY_COUNT - 1);
      return keys[next];
    }
  }
}
