package dev.switchback.testkit.servers;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * What every local server shares about being started and stopped: one lock that keeps starts and
 * stops apart, a hook that stops a started server for good when the JVM exits, and the rule that
 * the JVM-wide shared server cannot be stopped by one test. Thread safe.
 */
final class ServerLifecycle {
  private final String server;
  private final String dedicatedFactory;
  private final boolean shareable;
  private final Runnable stopForGood;
  private final ReentrantLock lock = new ReentrantLock();
  private @Nullable Thread exitHook; // guarded by lock

  /**
   * @param server the server's name in messages, for example {@code Redis}
   * @param dedicatedFactory how a test gets a server of its own, for example {@code
   *     LocalRedis.start()}
   * @param shareable whether this is the JVM-wide shared server
   * @param stopForGood stops the server if it runs and deletes its files; runs under the lock on
   *     close, and at JVM exit
   */
  ServerLifecycle(
      String server, String dedicatedFactory, boolean shareable, Runnable stopForGood) {
    this.server = requireNonNull(server, "server");
    this.dedicatedFactory = requireNonNull(dedicatedFactory, "dedicatedFactory");
    this.shareable = shareable;
    this.stopForGood = requireNonNull(stopForGood, "stopForGood");
  }

  /**
   * Registers the exit hook {@code hookName} and runs {@code start} under the lock. If starting
   * fails, a dedicated server is stopped for good before the failure is rethrown.
   */
  void launch(String hookName, Runnable start) {
    lock.lock();
    try {
      // The hook does not take the lock: at exit, a thread holding it may never let go.
      exitHook = ServerProcess.onExit(hookName, stopForGood);
      start.run();
    } catch (RuntimeException e) {
      close();
      throw e;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Runs {@code change} (a stop, kill or restart) under the lock.
   *
   * @throws IllegalStateException for the shared server, which every test uses
   */
  void changeDedicated(String action, Runnable change) {
    if (shareable) {
      throw new IllegalStateException("the shared " + server + " cannot " + action
          + "; every test uses it. Use " + dedicatedFactory + " for a dedicated one");
    }
    lock.lock();
    try {
      change.run();
    } finally {
      lock.unlock();
    }
  }

  /** Stops a dedicated server for good and drops its exit hook; does nothing for the shared one. */
  void close() {
    if (shareable) {
      return;
    }
    lock.lock();
    try {
      stopForGood.run();
      if (exitHook != null) {
        ServerProcess.cancelOnExit(exitHook);
        exitHook = null;
      }
    } finally {
      lock.unlock();
    }
  }
}
