package dev.switchback.testkit.servers;

import java.net.URI;

/**
 * A real server a test talks to over TCP on the loopback interface. Implementations either
 * reuse a server already running on the machine or start one from local binaries.
 */
public interface TestServer {

  /** The host to connect to, always a loopback address. */
  String host();

  /** The port to connect to. */
  int port();

  /** The address in the form the server's clients take, for example {@code redis://127.0.0.1:6379}. */
  URI uri();
}
