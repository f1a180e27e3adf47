package dev.switchback.testkit.servers;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A minimal RESP2 connection for driving test servers (ACL changes, cluster set-up and
 * inspection) without a Redis client library. Commands go out as arrays of bulk strings, so
 * arguments may hold spaces. Not thread safe: one caller at a time.
 */
final class RespConnection implements AutoCloseable {
  private static final int TIMEOUT_MILLIS = 5_000;

  private final Closeable channel;
  private final InputStream in;
  private final OutputStream out;

  private RespConnection(Closeable channel, InputStream in, OutputStream out) {
    this.channel = channel;
    this.in = new BufferedInputStream(in);
    this.out = out;
  }

  /** A connection over TCP with a read timeout of {@value #TIMEOUT_MILLIS} ms. */
  static RespConnection tcp(String host, int port) throws IOException {
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
      return over(socket);
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  /** A connection over a socket already connected (a TLS socket, for instance). */
  static RespConnection over(Socket socket) throws IOException {
    socket.setSoTimeout(TIMEOUT_MILLIS);
    return new RespConnection(socket, socket.getInputStream(), socket.getOutputStream());
  }

  /**
   * A connection over a Unix domain socket. It has no read timeout (the JDK offers none for
   * these channels); a server that dies closes the socket, which ends a pending read.
   */
  static RespConnection unix(Path socketFile) throws IOException {
    SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      channel.connect(UnixDomainSocketAddress.of(socketFile));
      return new RespConnection(
          channel, Channels.newInputStream(channel), Channels.newOutputStream(channel));
    } catch (IOException e) {
      channel.close();
      throw e;
    }
  }

  /**
   * Sends one command and reads its reply: a {@code String} (simple or bulk), a {@code Long},
   * a {@code List} of replies, or {@code null}.
   *
   * @throws RespErrorReply if the server answers with an error
   * @throws IOException if the connection fails
   */
  @Nullable Object call(String... args) throws IOException {
    ByteArrayOutputStream request = new ByteArrayOutputStream();
    request.write(("*" + args.length + "\r\n").getBytes(UTF_8));
    for (String arg : args) {
      byte[] bytes = arg.getBytes(UTF_8);
      request.write(("$" + bytes.length + "\r\n").getBytes(UTF_8));
      request.write(bytes);
      request.write("\r\n".getBytes(UTF_8));
    }
    out.write(request.toByteArray());
    out.flush();
    return readReply();
  }

  /** {@link #call} for a command whose reply is text, such as {@code CLUSTER INFO}. */
  String text(String... args) throws IOException {
    return String.valueOf(call(args));
  }

  private @Nullable Object readReply() throws IOException {
    int type = in.read();
    if (type < 0) {
      throw new EOFException("the server closed the connection");
    }
    String line = readLine();
    switch (type) {
      case '+':
        return line;
      case '-':
        throw new RespErrorReply(line);
      case ':':
        return Long.parseLong(line);
      case '$': {
        int length = Integer.parseInt(line);
        if (length < 0) {
          return null;
        }
        byte[] bytes = in.readNBytes(length + 2);
        if (bytes.length < length + 2) {
          throw new EOFException("the server closed the connection mid-reply");
        }
        return new String(bytes, 0, length, UTF_8);
      }
      case '*': {
        int count = Integer.parseInt(line);
        if (count < 0) {
          return null;
        }
        List<@Nullable Object> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
          items.add(readReply());
        }
        return items;
      }
      default:
        throw new IOException("not a RESP2 reply: " + (char) type + line);
    }
  }

  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) >= 0 && c != '\n') {
      if (c != '\r') {
        line.write(c);
      }
    }
    if (c < 0) {
      throw new EOFException("the server closed the connection mid-reply");
    }
    return line.toString(UTF_8);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  /** An error reply ({@code -ERR ...}, {@code -WRONGPASS ...}) from the server. */
  static final class RespErrorReply extends IOException {
    private static final long serialVersionUID = 1L;

    RespErrorReply(String message) {
      super(message);
    }
  }
}
