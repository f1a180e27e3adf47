package dev.switchback.testkit.servers;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Runs commands for servers, with output in a log file that errors quote from. */
final class ServerProcess {
  private static final int LOG_TAIL_CHARS = 2_000;

  private ServerProcess() {}

  /** Starts {@code command} in {@code directory}, its output appended to {@code log}. */
  static Process start(List<String> command, Path directory, Path log) {
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(directory.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    try {
      return builder.start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
    }
  }

  /**
   * Runs {@code command} to completion within {@code timeout}.
   *
   * @throws IllegalStateException if it fails or overruns, quoting the log
   */
  static void run(List<String> command, Path directory, Path log, Duration timeout) {
    Process process = start(command, directory, log);
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            String.join(" ", command) + " did not finish within " + timeout + tail(log));
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command.get(0), e);
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " exited with "
          + process.exitValue() + tail(log));
    }
  }

  /**
   * Polls {@code ready} until it holds or {@code timeout} passes.
   *
   * @throws IllegalStateException if it does not hold in time or {@code process} dies first
   */
  static void awaitReady(
      String what, BooleanSupplier ready, Duration timeout, Process process, Path log) {
    requireNonNull(ready, "ready");
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!ready.getAsBoolean()) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            what + " exited with " + process.exitValue() + " before it was ready" + tail(log));
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(what + " was not ready within " + timeout + tail(log));
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + what, e);
      }
    }
  }

  /** Asks {@code process} to stop, and kills it if it has not within {@code grace}. */
  static void stop(Process process, Duration grace) {
    process.destroy();
    try {
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** Kills {@code process} at once (SIGKILL), as a crash, and waits until it is gone. */
  static void kill(Process process) {
    process.destroyForcibly();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The end of {@code log}, for error messages. */
  static String tail(Path log) {
    try {
      String text = Files.readString(log, StandardCharsets.UTF_8);
      String end = text.length() > LOG_TAIL_CHARS ? text.substring(text.length() - LOG_TAIL_CHARS) : text;
      return end.isBlank() ? "" : "; log " + log + " ends with:\n" + end;
    } catch (IOException e) {
      return "";
    }
  }

  /** Deletes {@code directory} and everything in it, as far as possible. */
  static void deleteTree(Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    try (var paths = Files.walk(directory)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException ignored) {
          // a file still held open; the temp dir is cleaned by the system eventually
        }
      });
    } catch (IOException | UncheckedIOException ignored) {
      // best effort at JVM exit
    }
  }

  /** Registers {@code action} to run at JVM exit; returns the hook so it can be removed. */
  static Thread onExit(String name, Runnable action) {
    Thread hook = new Thread(action, name);
    Runtime.getRuntime().addShutdownHook(hook);
    return hook;
  }

  /** Removes a hook registered by {@link #onExit}, unless the JVM is already exiting. */
  static void cancelOnExit(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException exiting) {
      // the hook is running or about to: nothing to cancel
    }
  }
}
