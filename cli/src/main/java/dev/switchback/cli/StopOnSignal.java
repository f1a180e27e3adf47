package dev.switchback.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns Ctrl-C (or SIGTERM) into a stop request: the JVM's shutdown waits, up to {@link
 * #GRACE_SECONDS} seconds, until the walk has stopped at a page boundary and saved its state.
 */
final class StopOnSignal implements AutoCloseable {

  /** How long a signalled exit waits for the walk to save its state. */
  static final long GRACE_SECONDS = 10;

  private final CountDownLatch done = new CountDownLatch(1);
  private final Thread hook;
  private volatile boolean requested;

  private StopOnSignal() {
    hook = new Thread(() -> {
      requested = true;
      try {
        done.await(GRACE_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "switchback-stop");
  }

  static StopOnSignal install() {
    StopOnSignal stop = new StopOnSignal();
    Runtime.getRuntime().addShutdownHook(stop.hook);
    return stop;
  }

  boolean requested() {
    return requested;
  }

  @Override
  public void close() {
    done.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The hook is running: it returns now that done is counted down.
    }
  }
}
