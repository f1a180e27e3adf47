package dev.switchback.quarkus.it;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;

/**
 * Reads a string straight from Redis over RESP, with no client library, so the test checks what
 * the server holds rather than what a second client says.
 */
final class RawRedis {
  private RawRedis() {}

  /** The value of {@code key} as text, or null when there is none. */
  static String get(URI redis, String key) {
    try (Socket socket = new Socket(redis.getHost(), redis.getPort())) {
      socket.setSoTimeout(5_000);
      byte[] name = key.getBytes(UTF_8);
      socket.getOutputStream().write(("*2\r\n$3\r\nGET\r\n$" + name.length + "\r\n" + key + "\r\n")
          .getBytes(UTF_8));
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), UTF_8));
      String header = in.readLine();
      if (header.equals("$-1")) {
        return null;
      }
      if (!header.startsWith("$")) {
        throw new IllegalStateException("unexpected reply from Redis: " + header);
      }
      return in.readLine();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
