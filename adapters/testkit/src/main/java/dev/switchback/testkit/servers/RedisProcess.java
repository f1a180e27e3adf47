package dev.switchback.testkit.servers;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * One {@code redis-server} process that the testkit started, in a temporary directory of its
 * own that holds its log and any files it writes. Every Redis flavour of the testkit (plain,
 * TLS, cluster node) runs through this. Not thread safe: the owner calls it under its {@link
 * ServerLifecycle}'s lock.
 */
final class RedisProcess {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
  private static final Duration STOP_GRACE = Duration.ofSeconds(5);

  private final String name;
  private final Path directory;
  private final List<String> command;
  private final Predicate<Path> ready;
  private @Nullable Process process;

  private RedisProcess(String name, Path directory, List<String> command, Predicate<Path> ready) {
    this.name = name;
    this.directory = directory;
    this.command = List.copyOf(command);
    this.ready = ready;
  }

  /**
   * Prepares a process that runs {@code redis-server --bind 127.0.0.1 --save "" --appendonly no
   * --dir <its directory>} followed by {@code arguments(directory)}; nothing runs until {@link
   * #launch()}.
   *
   * @param name the process in messages, for example {@code redis-server on port 6390}
   * @param arguments the rest of the command line, given the process's directory
   * @param ready whether the started server, given its directory, is ready for tests
   * @throws IllegalStateException if {@code redis-server} is not on the {@code PATH}
   */
  static RedisProcess prepare(
      String name, Function<Path, List<String>> arguments, Predicate<Path> ready) {
    requireNonNull(arguments, "arguments");
    requireNonNull(ready, "ready");
    Path binary = Executables.onPath("redis-server").orElseThrow(() -> new IllegalStateException(
        "redis-server is not on the PATH; install it (Debian package redis-server)"));
    Path directory;
    try {
      directory = Files.createTempDirectory("switchback-redis");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a directory for Redis", e);
    }
    List<String> command = new ArrayList<>(List.of(binary.toString(), "--bind", LocalRedis.HOST,
        "--save", "", "--appendonly", "no", "--dir", directory.toString()));
    command.addAll(arguments.apply(directory));
    return new RedisProcess(name, directory, command, ready);
  }

  /** The directory the server runs in. */
  Path directory() {
    return directory;
  }

  /** Starts the server and waits until it is ready, quoting its log if it is not. */
  void launch() {
    Path log = directory.resolve("redis.log");
    Process started = ServerProcess.start(command, directory, log);
    process = started;
    ServerProcess.awaitReady(
        name, () -> ready.test(directory), START_TIMEOUT, started, log);
  }

  /** Stops the server gracefully (SIGTERM), killing it if it lingers. */
  void stop() {
    Process running = process;
    process = null;
    if (running != null) {
      ServerProcess.stop(running, STOP_GRACE);
    }
  }

  /** Kills the server at once (SIGKILL), as a crash. */
  void kill() {
    Process running = process;
    process = null;
    if (running != null) {
      running.destroyForcibly();
      try {
        running.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Stops the server if it runs and deletes its directory. */
  void stopForGood() {
    stop();
    ServerProcess.deleteTree(directory);
  }
}
