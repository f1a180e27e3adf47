package dev.switchback.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchback.OperationTimeoutException;
import dev.switchback.SwitchbackException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CloseSequenceTest {

  private static CloseSequence.Step recording(String name, List<String> log) {
    return new CloseSequence.Step(name, () -> {
      log.add(name);
      return CompletableFuture.completedFuture(null);
    });
  }

  @Test
  void stepsRunInTheOrderGiven() throws Exception {
    List<String> log = new CopyOnWriteArrayList<>();
    CloseSequence.run(List.of(recording("c", log), recording("b", log), recording("a", log)),
        Duration.ofSeconds(5)).get(5, TimeUnit.SECONDS);
    assertThat(log).containsExactly("c", "b", "a");
  }

  @Test
  void aFailingStepDoesNotStopTheOthersAndIsReported() {
    List<String> log = new CopyOnWriteArrayList<>();
    CloseSequence.Step failing = new CloseSequence.Step("broken", () -> {
      throw new IllegalStateException("boom");
    });
    CloseSequence.Step failingLater = new CloseSequence.Step("late-broken",
        () -> CompletableFuture.failedFuture(new IllegalStateException("bang")));
    CompletableFuture<Void> done = CloseSequence.run(
        List.of(recording("first", log), failing, failingLater, recording("last", log)),
        Duration.ofSeconds(5));

    assertThatThrownBy(() -> done.get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isExactlyInstanceOf(SwitchbackException.class)
        .hasMessage("closing failed: broken, late-broken");
    assertThat(log).containsExactly("first", "last");
  }

  @Test
  void aStepThatNeverFinishesIsBoundedByTheBudgetAndLaterStepsStillRun() {
    List<String> log = new CopyOnWriteArrayList<>();
    CloseSequence.Step hanging =
        new CloseSequence.Step("hanging", CompletableFuture::new); // never completes
    long start = System.nanoTime();
    CompletableFuture<Void> done = CloseSequence.run(
        List.of(hanging, recording("after", log)), Duration.ofMillis(200));

    assertThatThrownBy(() -> done.get(5, TimeUnit.SECONDS))
        .cause()
        .isInstanceOf(OperationTimeoutException.class)
        .hasMessageContaining("hanging");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(log).containsExactly("after");
  }

  @Test
  void aBlockingStepRunsOffTheSequenceThreadSoItCannotHoldItUp() {
    CountDownLatch never = new CountDownLatch(1);
    List<String> log = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> done = CloseSequence.run(List.of(
        CloseSequence.ofBlocking("stuck", () -> {
          try {
            never.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }),
        recording("after", log)), Duration.ofMillis(200));

    assertThatThrownBy(() -> done.get(5, TimeUnit.SECONDS))
        .cause()
        .isInstanceOf(OperationTimeoutException.class)
        .hasMessageContaining("stuck");
    assertThat(log).containsExactly("after");
    never.countDown();
  }
}
