package dev.switchback.cli.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReservoirSampleTest {

  @Test
  void fewerKeysThanTheSampleAreAllKept() {
    ReservoirSample sample = new ReservoirSample(10, new Random(1));
    sample.offer("a");
    sample.offer("b");
    assertThat(sample.keys()).containsExactly("a", "b");
    assertThat(sample.seen()).isEqualTo(2);
  }

  @Test
  void everyKeyHasAboutTheSameChanceToBeDrawn() {
    Random random = new Random(42);
    Map<String, Integer> drawn = new HashMap<>();
    for (int round = 0; round < 2_000; round++) {
      ReservoirSample sample = new ReservoirSample(10, random);
      for (int i = 0; i < 100; i++) {
        sample.offer("k" + i);
      }
      assertThat(sample.keys()).hasSize(10).doesNotHaveDuplicates();
      sample.keys().forEach(k -> drawn.merge(k, 1, Integer::sum));
    }
    // Each key is expected 200 times (2,000 rounds x 10 / 100); the first and last alike.
    assertThat(drawn).hasSize(100);
    assertThat(drawn.values()).allSatisfy(count -> assertThat(count).isBetween(130, 270));
  }
}
