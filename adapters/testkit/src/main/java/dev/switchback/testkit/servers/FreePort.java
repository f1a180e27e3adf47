package dev.switchback.testkit.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Picks a loopback port nothing listens on right now. */
final class FreePort {
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
}
