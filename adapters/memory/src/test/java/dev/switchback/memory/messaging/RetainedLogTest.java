package dev.switchback.memory.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchback.messaging.Message;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetainedLogTest {

  @Test
  void growsPastItsFirstArrayAndKeepsOffsetsInOrder() {
    RetainedLog log = new RetainedLog(100);
    for (int i = 0; i < 40; i++) {
      assertThat(log.append(message(i))).isEqualTo(i);
    }
    for (int i = 0; i < 40; i++) {
      assertThat(log.readFrom(i).message().id()).isEqualTo("m" + i);
    }
    assertThat(log.readFrom(40)).isNull();
  }

  @Test
  void fullLogDropsItsOldestAndReadsFromTheOldestRetained() {
    RetainedLog log = new RetainedLog(20);
    for (int i = 0; i < 50; i++) {
      log.append(message(i));
    }
    assertThat(log.startOffset()).isEqualTo(30);
    assertThat(log.endOffset()).isEqualTo(50);
    RetainedLog.Entry oldest = log.readFrom(3);
    assertThat(oldest.offset()).isEqualTo(30);
    assertThat(oldest.message().id()).isEqualTo("m30");
    assertThat(log.readFrom(49).message().id()).isEqualTo("m49");
  }

  @Test
  void redeliveryPauseDoublesUpToItsMaximum() {
    RedeliveryPolicy policy =
        new RedeliveryPolicy(java.time.Duration.ofMillis(10), java.time.Duration.ofMillis(70), 0);
    assertThat(policy.delayNanos(1)).isEqualTo(10_000_000L);
    assertThat(policy.delayNanos(2)).isEqualTo(20_000_000L);
    assertThat(policy.delayNanos(3)).isEqualTo(40_000_000L);
    assertThat(policy.delayNanos(4)).isEqualTo(70_000_000L);
    assertThat(policy.delayNanos(1000)).isEqualTo(70_000_000L);
    assertThat(policy.givesUp(1000)).isFalse();
    assertThat(new RedeliveryPolicy(policy.initialDelay(), policy.maxDelay(), 3).givesUp(3))
        .isTrue();
  }

  private static Message message(int i) {
    return new Message("m" + i, null, new byte[0], Map.of());
  }
}
