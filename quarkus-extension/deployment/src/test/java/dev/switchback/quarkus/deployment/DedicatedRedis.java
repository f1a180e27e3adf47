package dev.switchback.quarkus.deployment;

import static java.nio.charset.StandardCharsets.US_ASCII;

import dev.switchback.testkit.servers.LocalRedis;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;

/**
 * A Redis of one test class, started once per JVM although the class is loaded twice (once by
 * JUnit, once inside the Quarkus application): its port travels in a system property, and it is
 * stopped by a {@code SHUTDOWN} command rather than through the instance that started it.
 */
final class DedicatedRedis {
  private static final String PORT_PROPERTY = "test.dedicated-redis.port";

  private DedicatedRedis() {}

  /** {@code redis://127.0.0.1:<port>} of the Redis, started on the first call. */
  static synchronized String uri() {
    String port = System.getProperty(PORT_PROPERTY);
    if (port == null) {
      port = String.valueOf(LocalRedis.start().port());
      System.setProperty(PORT_PROPERTY, port);
    }
    return "redis://" + LocalRedis.HOST + ":" + port;
  }

  /** Holds every client's commands for {@code millis} (CLIENT PAUSE ... ALL), then answers them. */
  static void pause(long millis) {
    send("CLIENT PAUSE " + millis + " ALL\r\n");
  }

  /** Stops the Redis at once, without saving. */
  static void shutDown() {
    send("SHUTDOWN NOSAVE\r\n");
  }

  /**
   * Sends one command and waits for the first byte of its answer, or for the end of the stream
   * when the server goes away.
   */
  private static void send(String command) {
    int port = Integer.parseInt(System.getProperty(PORT_PROPERTY));
    try (Socket socket = new Socket(LocalRedis.HOST, port)) {
      OutputStream out = socket.getOutputStream();
      out.write(command.getBytes(US_ASCII));
      out.flush();
      socket.getInputStream().read();
    } catch (IOException e) {
      throw new UncheckedIOException("could not stop the Redis on port " + port, e);
    }
  }
}
