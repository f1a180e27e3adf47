package dev.switchback.testkit.servers;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A real Redis for tests.
 *
 * <ul>
 *   <li>{@link #shared()}: one per JVM. The Redis on {@code 127.0.0.1:6379} when it answers
 *       {@code PING}, else one started from {@code redis-server} on the {@code PATH} on a free
 *       port, stopped when the JVM exits. Shared by every test, so it cannot be stopped or
 *       restarted; use a key prefix per test.
 *   <li>{@link #start(String...)}: a dedicated instance on a free port, for tests that stop,
 *       kill or restart it, or need a second Redis (a migration's old and new). Stop it with
 *       {@link #close()}; it is also stopped at JVM exit.
 * </ul>
 *
 * <p>Started instances run {@code redis-server --port <port> --bind 127.0.0.1 --save ""
 * --appendonly no} in a temporary directory, followed by any extra arguments (later ones win,
 * so {@code --appendonly yes} turns persistence on). Without persistence a restart starts
 * empty. The server's output is in {@code redis.log} in that directory and quoted when it fails
 * to start.
 */
public final class LocalRedis implements TestServer, AutoCloseable {

  /** The host every instance listens on. */
  public static final String HOST = "127.0.0.1";

  /** The port a running local Redis is looked for on. */
  public static final int DEFAULT_PORT = 6379;

  private static final int PING_TIMEOUT_MILLIS = 1_000;
  private static final SharedServer<LocalRedis> SHARED =
      new SharedServer<>(
          () ->
              answersPing(HOST, DEFAULT_PORT)
                  ? new LocalRedis(DEFAULT_PORT, true, null)
                  : launch(true, FreePort.pick(), List.of()));

  private final int port;
  private final @Nullable RedisProcess process; // null when an already running server is reused
  private final ServerLifecycle lifecycle;

  private LocalRedis(int port, boolean shareable, @Nullable RedisProcess process) {
    this.port = port;
    this.process = process;
    this.lifecycle =
        new ServerLifecycle("Redis", "LocalRedis.start()", shareable, this::stopForGood);
  }

  /**
   * The Redis shared by every test in this JVM: the local one on port {@value #DEFAULT_PORT}
   * if it answers, else one started now.
   *
   * @throws IllegalStateException if none runs and {@code redis-server} cannot be started
   */
  public static LocalRedis shared() {
    return SHARED.get();
  }

  /**
   * Starts a dedicated Redis on a free port with {@code extraArgs} appended to its command line
   * (for example {@code "--requirepass", "secret"}), and waits until it answers.
   *
   * @throws IllegalStateException if {@code redis-server} is missing or does not start
   */
  public static LocalRedis start(String... extraArgs) {
    return launch(false, FreePort.pick(), List.of(extraArgs));
  }

  /** {@link #start} on a given port, for servers whose port must stay in a range (cluster nodes). */
  static LocalRedis startOn(int port, List<String> extraArgs) {
    return launch(false, port, extraArgs);
  }

  private static LocalRedis launch(boolean shareable, int port, List<String> extraArgs) {
    List<String> arguments = new ArrayList<>(List.of("--port", Integer.toString(port)));
    arguments.addAll(extraArgs);
    RedisProcess process = RedisProcess.prepare(
        "redis-server on port " + port, directory -> arguments, directory -> answers(HOST, port));
    LocalRedis redis = new LocalRedis(port, shareable, process);
    redis.lifecycle.launch("stop-redis-" + port, process::launch);
    return redis;
  }

  @Override
  public String host() {
    return HOST;
  }

  @Override
  public int port() {
    return port;
  }

  /** {@code redis://127.0.0.1:<port>}. */
  @Override
  public URI uri() {
    return URI.create("redis://" + HOST + ":" + port);
  }

  /**
   * The string value of {@code key} as the Redis at {@code host:port} holds it (any server, not
   * only one of this class), read over a connection of its own with no client library, so a test
   * sees what the server stores; null when absent.
   *
   * @throws UncheckedIOException if the server cannot be reached
   */
  public static @Nullable String valueAt(String host, int port, String key) {
    try (RespConnection connection = RespConnection.tcp(host, port)) {
      Object value = connection.call("GET", key);
      return value == null ? null : value.toString();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + key + " from Redis at " + host + ":" + port, e);
    }
  }

  /** Whether this is a server that was already running, not one this class started. */
  public boolean isReused() {
    return process == null;
  }

  /** Whether the server answers {@code PING} now (with {@code PONG} or an authentication error). */
  public boolean isRunning() {
    return answers(HOST, port);
  }

  /**
   * Stops the server gracefully (SIGTERM). It can be started again with {@link #restart()}.
   *
   * @throws IllegalStateException for the shared instance
   */
  public void stop() {
    lifecycle.changeDedicated("stop", () -> managed().stop());
  }

  /**
   * Kills the server at once (SIGKILL), as a crash. {@link #restart()} brings it back.
   *
   * @throws IllegalStateException for the shared instance
   */
  public void kill() {
    lifecycle.changeDedicated("kill", () -> managed().kill());
  }

  /**
   * Stops the server if it runs and starts it again on the same port and directory, waiting
   * until it answers.
   *
   * @throws IllegalStateException for the shared instance, or if it does not come back
   */
  public void restart() {
    lifecycle.changeDedicated(
        "restart",
        () -> {
          managed().stop();
          managed().launch();
        });
  }

  /** Stops a dedicated instance for good and deletes its directory; does nothing for the shared one. */
  @Override
  public void close() {
    lifecycle.close();
  }

  @Override
  public String toString() {
    return "LocalRedis[" + uri() + (isReused() ? ", reused" : "") + "]";
  }

  private RedisProcess managed() {
    if (process == null) {
      throw new IllegalStateException("a reused server is not managed here");
    }
    return process;
  }

  private void stopForGood() {
    if (process != null) {
      process.stopForGood();
    }
  }

  /** Whether a Redis on {@code host:port} answers {@code PING} with {@code +PONG}. */
  public static boolean answersPing(String host, int port) {
    String reply = ping(host, port);
    return reply != null && reply.startsWith("+PONG");
  }

  static boolean answers(String host, int port) {
    String reply = ping(host, port);
    return reply != null && (reply.startsWith("+PONG") || reply.startsWith("-NOAUTH"));
  }

  private static @Nullable String ping(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), PING_TIMEOUT_MILLIS);
      socket.setSoTimeout(PING_TIMEOUT_MILLIS);
      OutputStream out = socket.getOutputStream();
      out.write("PING\r\n".getBytes(US_ASCII));
      out.flush();
      return readLine(socket.getInputStream());
    } catch (IOException e) {
      return null;
    }
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) >= 0 && c != '\n' && line.length() < 256) {
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }
}
