package dev.switchback.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchback.OperationTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SharedResourceRegistryTest {
  private final SharedResourceRegistry registry = new SharedResourceRegistry();
  private final List<String> closed = new CopyOnWriteArrayList<>();

  private String resource(String key) {
    return registry.computeIfAbsent(key, String.class, () -> key + "-value", closed::add);
  }

  @Test
  void aKeyIsCreatedOnceAndSharedAfterwards() {
    AtomicInteger created = new AtomicInteger();
    StringBuilder first = registry.computeIfAbsent("buffer", StringBuilder.class, () -> {
      created.incrementAndGet();
      return new StringBuilder();
    }, b -> {});
    StringBuilder second = registry.computeIfAbsent("buffer", StringBuilder.class,
        StringBuilder::new, b -> {});
    assertThat(second).isSameAs(first);
    assertThat(created).hasValue(1);
  }

  @Test
  void resourcesCloseInReverseOrderOfCreation() throws Exception {
    resource("event-loop");
    resource("client");
    resource("signer");
    registry.closeAsync(Duration.ofSeconds(5)).get(5, TimeUnit.SECONDS);
    assertThat(closed).containsExactly("signer-value", "client-value", "event-loop-value");
  }

  @Test
  void aResourceCreatedInsideAnotherFactoryClosesAfterIt() throws Exception {
    registry.computeIfAbsent("client", String.class, () -> resource("event-loop") + "+client",
        closed::add);
    registry.closeAsync(Duration.ofSeconds(5)).get(5, TimeUnit.SECONDS);
    assertThat(closed).containsExactly("event-loop-value+client", "event-loop-value");
  }

  @Test
  void askingForAKeyWithAnotherTypeFails() {
    resource("client");
    assertThatThrownBy(() -> registry.computeIfAbsent("client", Integer.class, () -> 1, i -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("client")
        .hasMessageContaining("java.lang.Integer");
  }

  @Test
  void theNumberOfResourcesIsBounded() {
    for (int i = 0; i < SharedResourceRegistry.MAX_RESOURCES; i++) {
      resource("r" + i);
    }
    assertThatThrownBy(() -> resource("one-too-many"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("one-too-many");
  }

  @Test
  void aFailingFactoryStoresNothing() {
    assertThatThrownBy(() -> registry.computeIfAbsent("flaky", String.class, () -> {
      throw new IllegalStateException("not now");
    }, s -> {})).hasMessage("not now");
    assertThat(resource("flaky")).isEqualTo("flaky-value");
  }

  @Test
  void theSchedulerIsOneNamedDaemonThreadAndStopsOnClose() throws Exception {
    ScheduledExecutorService scheduler = registry.scheduler();
    assertThat(registry.scheduler()).isSameAs(scheduler);
    AtomicReference<Thread> ran = new AtomicReference<>();
    scheduler.schedule(() -> ran.set(Thread.currentThread()), 1, TimeUnit.MILLISECONDS)
        .get(5, TimeUnit.SECONDS);
    assertThat(ran.get().getName()).isEqualTo("switchback-scheduler");
    assertThat(ran.get().isDaemon()).isTrue();

    ScheduledFuture<?> pending = scheduler.schedule(() -> {}, 1, TimeUnit.HOURS);
    registry.closeAsync(Duration.ofSeconds(5)).get(5, TimeUnit.SECONDS);
    assertThat(scheduler.isShutdown()).isTrue();
    assertThat(pending.isDone()).isTrue();
  }

  @Test
  void afterCloseNothingNewIsHandedOut() throws Exception {
    registry.closeAsync(Duration.ofSeconds(5)).get(5, TimeUnit.SECONDS);
    assertThatThrownBy(() -> resource("late")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(registry::scheduler).isInstanceOf(IllegalStateException.class);
    assertThat(registry.closeAsync(Duration.ofSeconds(1)))
        .isSameAs(registry.closeAsync(Duration.ofSeconds(1)));
  }

  @Test
  void aCloserThatHangsIsBoundedAndTheOthersStillClose() {
    CountDownLatch never = new CountDownLatch(1);
    resource("first");
    registry.computeIfAbsent("stuck", String.class, () -> "stuck", s -> {
      try {
        never.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    assertThatThrownBy(() -> registry.closeAsync(Duration.ofMillis(200)).get(5, TimeUnit.SECONDS))
        .cause()
        .isInstanceOf(OperationTimeoutException.class)
        .hasMessageContaining("stuck");
    // Past the budget the rest are started, not waited for: "first" closes on its own thread.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (closed.isEmpty() && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(closed).containsExactly("first-value");
    never.countDown();
  }
}
