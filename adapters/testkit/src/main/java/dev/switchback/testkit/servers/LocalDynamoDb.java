package dev.switchback.testkit.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A real DynamoDB API for tests: <a href="https://github.com/architect/dynalite">dynalite</a>
 * {@value #DYNALITE_VERSION} (Apache-2.0, on Node.js), in memory, on {@code 127.0.0.1}.
 *
 * <ul>
 *   <li>{@link #shared()}: one per JVM, started on first use and stopped when the JVM exits.
 *       Shared by every test, so it cannot be stopped or restarted; use a table per test class.
 *   <li>{@link #start()}: a dedicated instance on a free port, for tests that stop, kill or
 *       restart it. Data lives in memory, so a restart starts empty. Stop it with {@link
 *       #close()}; it is also stopped at JVM exit.
 * </ul>
 *
 * <p><b>Where dynalite comes from.</b> npm, into the tools directory, once (see {@link
 * NodePackages}).
 *
 * <p><b>How it differs from DynamoDB.</b> No {@code UpdateTimeToLive} (it answers {@code
 * UnknownOperationException}) and no TTL deletion: adapters must filter expired items
 * themselves, which they must against DynamoDB too. Reads are always consistent.
 */
public final class LocalDynamoDb implements TestServer, AutoCloseable {

  /** The host every instance listens on. */
  public static final String HOST = "127.0.0.1";

  /** The dynalite version installed and run. */
  public static final String DYNALITE_VERSION = "4.0.0";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration STOP_GRACE = Duration.ofSeconds(5);
  private static final int CONNECT_TIMEOUT_MILLIS = 1_000;
  private static final SharedServer<LocalDynamoDb> SHARED = new SharedServer<>(() -> launch(true));

  private final int port;
  private final Path directory;
  private final List<String> command;
  private final ServerLifecycle lifecycle;
  private @Nullable Process process; // guarded by the lifecycle's lock

  private LocalDynamoDb(int port, boolean shareable, Path directory, List<String> command) {
    this.port = port;
    this.directory = directory;
    this.command = List.copyOf(command);
    this.lifecycle =
        new ServerLifecycle("DynamoDB", "LocalDynamoDb.start()", shareable, this::stopForGood);
  }

  /**
   * The instance shared by every test in this JVM, started on first call.
   *
   * @throws IllegalStateException if Node.js is missing or dynalite cannot be installed or started
   */
  public static LocalDynamoDb shared() {
    return SHARED.get();
  }

  /**
   * Starts a dedicated instance on a free port and waits until it answers HTTP.
   *
   * @throws IllegalStateException if Node.js is missing or dynalite cannot be installed or started
   */
  public static LocalDynamoDb start() {
    return launch(false);
  }

  private static LocalDynamoDb launch(boolean shareable) {
    Path node = NodePackages.node("LocalDynamoDb (dynalite " + DYNALITE_VERSION + ")");
    Path cli = installedDynalite();
    Path directory;
    try {
      directory = Files.createTempDirectory("switchback-dynamodb");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a directory for dynalite", e);
    }
    int port = FreePort.pick();
    List<String> command = List.of(node.toString(), cli.toString(), "--host", HOST,
        "--port", Integer.toString(port), "--createTableMs", "0", "--deleteTableMs", "0",
        "--updateTableMs", "0");
    LocalDynamoDb dynamo = new LocalDynamoDb(port, shareable, directory, command);
    dynamo.lifecycle.launch("stop-dynamodb-" + port, dynamo::launchProcess);
    return dynamo;
  }

  /** dynalite's {@code cli.js}, installed first if it is missing. */
  static Path installedDynalite() {
    return NodePackages.installed("dynalite", DYNALITE_VERSION, "cli.js");
  }

  @Override
  public String host() {
    return HOST;
  }

  @Override
  public int port() {
    return port;
  }

  /** {@code http://127.0.0.1:<port>}: the endpoint override for the SDK's DynamoDB client. */
  @Override
  public URI uri() {
    return URI.create("http://" + HOST + ":" + port);
  }

  /** Whether the server accepts a connection and answers HTTP now. */
  public boolean isRunning() {
    return answersHttp(HOST, port);
  }

  /**
   * Stops the server (SIGTERM). {@link #restart()} starts it again, empty.
   *
   * @throws IllegalStateException for the shared instance
   */
  public void stop() {
    lifecycle.changeDedicated("stop", this::stopProcess);
  }

  /**
   * Kills the server at once (SIGKILL), as a crash. {@link #restart()} brings it back, empty.
   *
   * @throws IllegalStateException for the shared instance
   */
  public void kill() {
    lifecycle.changeDedicated("kill", () -> {
      Process running = process;
      process = null;
      if (running != null) {
        ServerProcess.kill(running);
      }
    });
  }

  /**
   * Stops the server if it runs and starts it again on the same port, empty, waiting until it
   * answers.
   *
   * @throws IllegalStateException for the shared instance, or if it does not come back
   */
  public void restart() {
    lifecycle.changeDedicated("restart", () -> {
      stopProcess();
      launchProcess();
    });
  }

  /** Stops a dedicated instance for good and deletes its directory; does nothing for the shared one. */
  @Override
  public void close() {
    lifecycle.close();
  }

  @Override
  public String toString() {
    return "LocalDynamoDb[" + uri() + "]";
  }

  // Called under lock.
  private void launchProcess() {
    Path log = directory.resolve("dynalite.log");
    Process started = ServerProcess.start(command, directory, log);
    process = started;
    ServerProcess.awaitReady("dynalite on port " + port, () -> answersHttp(HOST, port),
        START_TIMEOUT, started, log);
  }

  // Called under lock.
  private void stopProcess() {
    Process running = process;
    process = null;
    if (running != null) {
      ServerProcess.stop(running, STOP_GRACE);
    }
  }

  private void stopForGood() {
    stopProcess();
    ServerProcess.deleteTree(directory);
  }

  /** Whether {@code host:port} answers an HTTP request with a status line. */
  static boolean answersHttp(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
      socket.setSoTimeout(CONNECT_TIMEOUT_MILLIS);
      socket.getOutputStream().write(("GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection:"
          + " close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      byte[] start = socket.getInputStream().readNBytes(5);
      return new String(start, StandardCharsets.US_ASCII).equals("HTTP/");
    } catch (IOException e) {
      return false;
    }
  }
}
