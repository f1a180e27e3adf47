package dev.switchback.testkit.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Collection;
import java.util.concurrent.ThreadLocalRandom;

/** Picks a loopback port nothing listens on right now. */
final class FreePort {
  private static final int LOW_PORT = 12_000;
  private static final int HIGH_PORT = 22_000;

  private FreePort() {}

  /**
   * A port that was free a moment ago. Another process may still take it before the server
   * binds it; a server that then fails to start says so in its log.
   */
  static int pick() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on 127.0.0.1", e);
    }
  }

  /**
   * A port below the kernel's ephemeral range whose neighbour {@code offset} above is free too,
   * as a Redis cluster node needs for its bus port (port + 10000, so the port must stay at or
   * below 55535). Ports come from {@value #LOW_PORT}..{@value #HIGH_PORT}, clear of the ports
   * the kernel hands out to outgoing connections.
   *
   * @throws IllegalStateException if no such pair is found after many tries
   */
  static int pickWithNeighbour(int offset) {
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(LOW_PORT, HIGH_PORT);
      if (isFree(port) && isFree(port + offset)) {
        return port;
      }
    }
    throw new IllegalStateException("no free pair of ports " + offset + " apart between "
        + LOW_PORT + " and " + HIGH_PORT + " on 127.0.0.1");
  }

  /**
   * A free port below the kernel's ephemeral range and not in {@code taken}, for a server that
   * restarts on the same port: while it is down, no outgoing connection can be given the port.
   *
   * @throws IllegalStateException if none is found after many tries
   */
  static int pickOutsideEphemeral(Collection<Integer> taken) {
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(LOW_PORT, HIGH_PORT);
      if (!taken.contains(port) && isFree(port)) {
        return port;
      }
    }
    throw new IllegalStateException(
        "no free port between " + LOW_PORT + " and " + HIGH_PORT + " on 127.0.0.1");
  }

  private static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
