package dev.switchback.benchmarks;

import org.jspecify.annotations.Nullable;

/** Values a benchmark's set-up makes, read where the benchmark needs them made. */
final class SetUpValues {
  private SetUpValues() {}

  /**
   * {@code value}, which the set-up made.
   *
   * @throws IllegalStateException if it is null: the set-up has not run
   */
  static <T> T required(@Nullable T value) {
    if (value == null) {
      throw new IllegalStateException("not set up");
    }
    return value;
  }
}
