package dev.switchback.cli.walk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

  @Test
  void eachBatchWaitsForThePreviousBatchesShareOfTime() {
    AtomicLong now = new AtomicLong(1_000);
    RateLimiter limiter = new RateLimiter(1_000, now::get); // 1 ms per key

    assertThat(limiter.reserve(500)).as("the first batch goes at once").isZero();
    assertThat(limiter.reserve(500)).isEqualTo(500_000_000L);
    now.addAndGet(2_000_000_000L); // idle for longer than the booked time
    assertThat(limiter.reserve(100)).as("idle time is not saved up as a burst").isZero();
    assertThat(limiter.reserve(100)).isEqualTo(100_000_000L);
  }

  @Test
  void aRateThatIsNotPositiveIsRefused() {
    assertThatThrownBy(() -> new RateLimiter(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RateLimiter(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
