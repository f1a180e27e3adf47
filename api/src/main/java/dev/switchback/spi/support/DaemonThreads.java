package dev.switchback.spi.support;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes the daemon threads one instance owns, named {@code <family>-<instance>-<thread>} so a
 * thread dump tells instances apart. Daemon, because an instance that is never closed must not
 * keep the JVM alive.
 */
public final class DaemonThreads implements ThreadFactory {
  private static final ConcurrentHashMap<String, AtomicInteger> INSTANCES =
      new ConcurrentHashMap<>();

  private final String namePrefix;
  private final AtomicInteger threads = new AtomicInteger();

  private DaemonThreads(String namePrefix) {
    this.namePrefix = namePrefix;
  }

  /** A factory for the next instance of {@code family}, numbered from 1 per family. */
  public static DaemonThreads forNextInstanceOf(String family) {
    requireNonNull(family, "family");
    int instance = INSTANCES.computeIfAbsent(family, f -> new AtomicInteger()).incrementAndGet();
    return new DaemonThreads(family + "-" + instance + "-");
  }

  @Override
  public Thread newThread(Runnable task) {
    Thread thread = new Thread(task, namePrefix + threads.incrementAndGet());
    thread.setDaemon(true);
    return thread;
  }
}
