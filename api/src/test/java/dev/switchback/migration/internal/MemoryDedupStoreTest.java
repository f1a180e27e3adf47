package dev.switchback.migration.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchback.migration.internal.DedupStore.Claim;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MemoryDedupStoreTest {
  private final AtomicLong nanos = new AtomicLong(1_000);

  private MemoryDedupStore store(Duration window, int maxEntries) {
    return new MemoryDedupStore(window, maxEntries, nanos::get);
  }

  private static DeliveryKey key(String id) {
    return new DeliveryKey("orders", "billing", id);
  }

  private static <T> T now(CompletionStage<T> stage) {
    return stage.toCompletableFuture().join();
  }

  @Test
  void aClaimIsExclusiveUntilMarkedOrReleased() {
    MemoryDedupStore store = store(Duration.ofMinutes(1), 10);
    assertThat(now(store.claim(key("a")))).isEqualTo(Claim.CLAIMED);
    assertThat(now(store.claim(key("a")))).isEqualTo(Claim.BUSY);

    now(store.release(key("a")));
    assertThat(now(store.claim(key("a")))).as("released: the next delivery handles it")
        .isEqualTo(Claim.CLAIMED);
    now(store.markHandled(key("a")));
    assertThat(now(store.claim(key("a")))).isEqualTo(Claim.HANDLED);
    assertThat(now(store.isHandled(key("a")))).isTrue();
  }

  @Test
  void keysDifferByTopicGroupAndId() {
    MemoryDedupStore store = store(Duration.ofMinutes(1), 10);
    now(store.markHandled(new DeliveryKey("orders", "billing", "1")));
    assertThat(now(store.isHandled(new DeliveryKey("orders", "shipping", "1")))).isFalse();
    assertThat(now(store.isHandled(new DeliveryKey("refunds", "billing", "1")))).isFalse();
    assertThat(now(store.isHandled(new DeliveryKey("orders", "billing", "2")))).isFalse();
    assertThat(new DeliveryKey("t", "a/b", "c").text())
        .isNotEqualTo(new DeliveryKey("t", "a", "b/c").text());
  }

  @Test
  void handledIdsAreForgottenOnceOlderThanTheWindow() {
    MemoryDedupStore store = store(Duration.ofSeconds(10), 100);
    now(store.markHandled(key("early")));
    nanos.addAndGet(Duration.ofSeconds(6).toNanos());
    now(store.markHandled(key("late")));
    nanos.addAndGet(Duration.ofSeconds(5).toNanos()); // early is 11 s old, late 5 s

    assertThat(now(store.isHandled(key("early")))).isFalse();
    assertThat(now(store.claim(key("early")))).isEqualTo(Claim.CLAIMED);
    assertThat(now(store.isHandled(key("late")))).isTrue();
    assertThat(store.size()).isEqualTo(1);

    nanos.addAndGet(Duration.ofSeconds(5).toNanos());
    assertThat(now(store.isHandled(key("late")))).as("10 s old: the window is over").isFalse();
    assertThat(store.size()).isZero();
  }

  @Test
  void pastMaxEntriesTheOldestHandledIdIsForgottenFirst() {
    MemoryDedupStore store = store(Duration.ofMinutes(10), 3);
    for (String id : new String[] {"a", "b", "c"}) {
      now(store.markHandled(key(id)));
      nanos.incrementAndGet();
    }
    now(store.markHandled(key("a"))); // handled again: now the youngest
    now(store.markHandled(key("d")));

    assertThat(store.size()).isEqualTo(3);
    assertThat(now(store.isHandled(key("b")))).as("the oldest").isFalse();
    assertThat(now(store.isHandled(key("a")))).isTrue();
    assertThat(now(store.isHandled(key("c")))).isTrue();
    assertThat(now(store.isHandled(key("d")))).isTrue();
  }
}
