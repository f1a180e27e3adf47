package dev.switchback.testkit.proxy;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * A TCP proxy on {@code 127.0.0.1} (an ephemeral port) that forwards to a target server and
 * injects faults between an adapter and that server, switchable while connections are open.
 * Point the adapter at {@link #host()}:{@link #port()} instead of the server.
 *
 * <ul>
 *   <li>{@link #latency(Duration)}: every chunk read, in either direction, waits this long before
 *       it is forwarded.
 *   <li>{@link #blackhole()}: connections stay open and new ones are accepted, but every byte is
 *       read and dropped in both directions, as on a network partition: callers hang until
 *       their own timeouts. Dropped bytes are gone after {@link #heal()}.
 *   <li>{@link #resetAll()}: every open connection is reset (TCP RST) on both sides.
 *   <li>{@link #closeAll()}: every open connection is closed gracefully (FIN): clients read
 *       end-of-stream.
 *   <li>{@link #refuseNew()}: the listening socket is closed, so new connections are refused;
 *       open ones carry on.
 *   <li>{@link #heal()}: no latency, no blackhole, accepting again on the same port.
 * </ul>
 *
 * <p>Thread based: one accept thread and two daemon threads per connection, at most {@code
 * maxConnections} connections (the ones beyond are reset at once). When the target cannot be
 * reached, the client's connection is reset. Thread safe; {@link #close()} closes every
 * connection and the listener.
 *
 * <pre>{@code
 * try (FaultProxy proxy = FaultProxy.start("127.0.0.1", redis.port())) {
 *   RedisCache cache = ... "redis://127.0.0.1:" + proxy.port() ...;
 *   proxy.blackhole();
 *   // assert the adapter times out
 *   proxy.heal();
 * }
 * }</pre>
 */
public final class FaultProxy implements AutoCloseable {

  /** The host the proxy listens on. */
  public static final String HOST = "127.0.0.1";

  /** The most connections a proxy holds unless told otherwise. */
  public static final int DEFAULT_MAX_CONNECTIONS = 128;

  private static final int CHUNK_SIZE = 16 * 1024;
  private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
  private static final long ACCEPT_STOP_MILLIS = 2_000;

  private final InetSocketAddress target;
  private final int maxConnections;
  private final int port;
  private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
  private final AtomicLong connectionIds = new AtomicLong();
  private final ReentrantLock lock = new ReentrantLock();
  private volatile Duration latency = Duration.ZERO;
  private volatile boolean blackholed;
  private @Nullable ServerSocket listener; // guarded by lock; null while refusing
  private @Nullable Thread acceptThread; // guarded by lock
  private boolean closed; // guarded by lock

  private FaultProxy(InetSocketAddress target, int maxConnections, ServerSocket listener) {
    this.target = target;
    this.maxConnections = maxConnections;
    this.port = listener.getLocalPort();
  }

  /** Starts a proxy to {@code targetHost:targetPort} holding at most {@value #DEFAULT_MAX_CONNECTIONS} connections. */
  public static FaultProxy start(String targetHost, int targetPort) {
    return start(targetHost, targetPort, DEFAULT_MAX_CONNECTIONS);
  }

  /**
   * Starts a proxy to {@code targetHost:targetPort} holding at most {@code maxConnections}
   * connections at once.
   *
   * @throws UncheckedIOException if no port can be bound
   */
  public static FaultProxy start(String targetHost, int targetPort, int maxConnections) {
    requireNonNull(targetHost, "targetHost");
    if (targetPort < 1 || targetPort > 65_535) {
      throw new IllegalArgumentException("targetPort " + targetPort + " is not a port");
    }
    if (maxConnections < 1) {
      throw new IllegalArgumentException("maxConnections must be at least 1");
    }
    ServerSocket listener = bind(0);
    FaultProxy proxy = new FaultProxy(
        InetSocketAddress.createUnresolved(targetHost, targetPort), maxConnections, listener);
    proxy.lock.lock();
    try {
      proxy.acceptOn(listener);
    } finally {
      proxy.lock.unlock();
    }
    return proxy;
  }

  /** The host to connect to: {@value #HOST}. */
  public String host() {
    return HOST;
  }

  /** The port to connect to; the same for the proxy's whole life. */
  public int port() {
    return port;
  }

  /** How many connections are open now. */
  public int activeConnections() {
    return connections.size();
  }

  /**
   * Delays every chunk by {@code perChunk} in both directions, for open and new connections;
   * {@link Duration#ZERO} removes the delay.
   */
  public FaultProxy latency(Duration perChunk) {
    requireNonNull(perChunk, "perChunk");
    if (perChunk.isNegative()) {
      throw new IllegalArgumentException("latency must not be negative: " + perChunk);
    }
    latency = perChunk;
    return this;
  }

  /** Drops every byte in both directions while keeping connections open, until {@link #heal()}. */
  public FaultProxy blackhole() {
    blackholed = true;
    return this;
  }

  /** Resets (TCP RST) every open connection on both sides; new connections are accepted. */
  public FaultProxy resetAll() {
    for (Connection connection : List.copyOf(connections)) {
      connection.reset();
    }
    return this;
  }

  /** Closes every open connection gracefully (FIN) on both sides; new connections are accepted. */
  public FaultProxy closeAll() {
    for (Connection connection : List.copyOf(connections)) {
      connection.closeGracefully();
    }
    return this;
  }

  /**
   * Stops listening, so new connections are refused; open connections are untouched (one that
   * completed its handshake but was not yet accepted is reset).
   */
  public FaultProxy refuseNew() {
    lock.lock();
    try {
      stopListening();
    } finally {
      lock.unlock();
    }
    return this;
  }

  /**
   * Back to a plain proxy: no latency, no blackhole, and listening again on the same port.
   *
   * @throws UncheckedIOException if the port was taken while the proxy refused connections
   */
  public FaultProxy heal() {
    latency = Duration.ZERO;
    blackholed = false;
    lock.lock();
    try {
      if (!closed && listener == null) {
        acceptOn(bind(port));
      }
    } finally {
      lock.unlock();
    }
    return this;
  }

  /** Stops listening and closes every connection. Idempotent. */
  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      stopListening();
    } finally {
      lock.unlock();
    }
    closeAll();
  }

  @Override
  public String toString() {
    return "FaultProxy[" + HOST + ":" + port + " -> " + target.getHostString() + ":"
        + target.getPort() + "]";
  }

  private static ServerSocket bind(int port) {
    try {
      ServerSocket socket = new ServerSocket();
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port), 50);
      return socket;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + HOST + ":" + port, e);
    }
  }

  // Called under lock.
  private void acceptOn(ServerSocket socket) {
    Thread thread = daemon("fault-proxy-" + port + "-accept", () -> acceptLoop(socket));
    listener = socket;
    acceptThread = thread;
    thread.start();
  }

  // Called under lock. The kernel keeps a listening socket alive while a thread is blocked in
  // accept on it, so connections would still be completed until that thread has left: wait.
  private void stopListening() {
    ServerSocket current = listener;
    Thread thread = acceptThread;
    listener = null;
    acceptThread = null;
    if (current != null) {
      closeQuietly(current);
    }
    if (thread != null) {
      try {
        thread.join(ACCEPT_STOP_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void acceptLoop(ServerSocket socket) {
    while (!socket.isClosed()) {
      Socket client;
      try {
        client = socket.accept();
      } catch (IOException e) {
        return; // closed by refuseNew() or close()
      }
      if (connections.size() >= maxConnections) {
        resetQuietly(client);
        continue;
      }
      Connection connection = new Connection(client, connectionIds.incrementAndGet());
      connections.add(connection);
      daemon(connection.name + "-up", connection::run).start();
    }
  }

  private static Thread daemon(String name, Runnable body) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    return thread;
  }

  /** One client connection and its upstream twin, pumped by two threads. */
  private final class Connection {
    private final Socket client;
    private final Socket upstream = new Socket();
    private final String name;
    private final AtomicBoolean finished = new AtomicBoolean();
    private final AtomicInteger openHalves = new AtomicInteger(2);

    Connection(Socket client, long id) {
      this.client = client;
      this.name = "fault-proxy-" + port + "-" + id;
    }

    void run() {
      try {
        client.setTcpNoDelay(true);
        upstream.setTcpNoDelay(true);
        InetSocketAddress resolved = new InetSocketAddress(target.getHostString(), target.getPort());
        upstream.connect(resolved, CONNECT_TIMEOUT_MILLIS);
      } catch (IOException e) {
        reset();
        return;
      }
      if (finished.get()) {
        reset(); // cut while connecting
        return;
      }
      daemon(name + "-down", () -> pump(upstream, client)).start();
      pump(client, upstream);
    }

    private void pump(Socket from, Socket to) {
      byte[] chunk = new byte[CHUNK_SIZE];
      try {
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        while (true) {
          int read = in.read(chunk);
          if (read < 0) {
            halfClose(to);
            return;
          }
          Duration delay = latency;
          if (!delay.isZero()) {
            Thread.sleep(delay.toMillis(), delay.toNanosPart() % 1_000_000);
          }
          if (blackholed) {
            continue;
          }
          out.write(chunk, 0, read);
          out.flush();
        }
      } catch (IOException e) {
        // One side was reset or the proxy cut the connection: cut the other side the same way.
        reset();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        reset();
      }
    }

    // End-of-stream from one side is passed on as FIN; the connection ends when both sides have.
    private void halfClose(Socket to) {
      try {
        to.shutdownOutput();
      } catch (IOException e) {
        reset();
        return;
      }
      if (openHalves.decrementAndGet() == 0) {
        closeGracefully();
      }
    }

    void reset() {
      if (finished.compareAndSet(false, true)) {
        resetQuietly(client);
        resetQuietly(upstream);
        connections.remove(this);
      }
    }

    void closeGracefully() {
      if (finished.compareAndSet(false, true)) {
        shutdownThenClose(client);
        shutdownThenClose(upstream);
        connections.remove(this);
      }
    }
  }

  private static void shutdownThenClose(Socket socket) {
    try {
      if (socket.isConnected() && !socket.isClosed() && !socket.isOutputShutdown()) {
        socket.shutdownOutput();
      }
    } catch (IOException ignored) {
      // already gone; closing below is all that is left
    }
    closeQuietly(socket);
  }

  private static void resetQuietly(Socket socket) {
    try {
      if (!socket.isClosed()) {
        socket.setSoLinger(true, 0);
      }
    } catch (IOException ignored) {
      // an unconnected or closed socket has nothing to reset
    }
    closeQuietly(socket);
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception ignored) {
      // closing is best effort: the point is to release the descriptor
    }
  }
}
