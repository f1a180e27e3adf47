package dev.switchback.testkit.servers;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The one server of a kind that every test in this JVM shares, found or started on first use.
 * Thread safe: tests that ask at once wait for the same server.
 */
final class SharedServer<S> {
  private final Supplier<S> findOrStart;
  private final ReentrantLock lock = new ReentrantLock();
  private @Nullable S server; // guarded by lock

  SharedServer(Supplier<S> findOrStart) {
    this.findOrStart = requireNonNull(findOrStart, "findOrStart");
  }

  /** The shared server, found or started by the first call. */
  S get() {
    lock.lock();
    try {
      if (server == null) {
        server = requireNonNull(findOrStart.get(), "findOrStart returned null");
      }
      return server;
    } finally {
      lock.unlock();
    }
  }
}
