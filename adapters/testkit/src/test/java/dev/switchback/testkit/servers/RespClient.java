package dev.switchback.testkit.servers;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;

/** Sends inline Redis commands over a plain socket and reads one-line replies. */
final class RespClient implements AutoCloseable {
  private final Socket socket;

  RespClient(TestServer server) throws IOException {
    socket = new Socket(server.host(), server.port());
    socket.setSoTimeout(5_000);
  }

  String call(String inlineCommand) throws IOException {
    socket.getOutputStream().write((inlineCommand + "\r\n").getBytes(UTF_8));
    socket.getOutputStream().flush();
    InputStream in = socket.getInputStream();
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) >= 0 && c != '\n') {
      if (c != '\r') {
        line.append((char) c);
      }
    }
    String first = line.toString();
    if (first.startsWith("$") && !first.equals("$-1")) {
      return readLine(in); // a bulk string: its value is on the next line
    }
    return first;
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) >= 0 && c != '\n') {
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
