package dev.switchback.admin;

import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpServer;
import dev.switchback.Switchback;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The admin surface on its own JDK {@link HttpServer}, for plain-Java services:
 *
 * <pre>{@code
 * try (AdminHttpServer server = AdminHttpServer.builder(switchback)
 *     .adminToken(System.getenv("SWITCHBACK_ADMIN_TOKEN"))
 *     .port(9090)
 *     .start()) {
 *   // http://127.0.0.1:9090/q/switchback/ui
 * }
 * }</pre>
 *
 * It listens on {@code 127.0.0.1} unless told otherwise, since its operations change the service;
 * moves need the admin token (see {@link AdminHttpHandler}). Closing stops it at once.
 */
public final class AdminHttpServer implements AutoCloseable {

  /** The base path used unless {@link Builder#basePath} says otherwise. */
  public static final String DEFAULT_BASE_PATH = "/q/switchback";

  private static final int THREADS = 2;

  private final HttpServer server;
  private final ExecutorService executor;
  private final String basePath;

  private AdminHttpServer(HttpServer server, ExecutorService executor, String basePath) {
    this.server = server;
    this.executor = executor;
    this.basePath = basePath;
  }

  /** A builder for a server of {@code switchback}'s admin surface. */
  public static Builder builder(Switchback switchback) {
    return new Builder(switchback);
  }

  /** The port it listens on (the one picked when it was given 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  /** {@code http://<host>:<port><basePath>/}: the operations resolve against it. */
  public URI baseUri() {
    InetSocketAddress address = server.getAddress();
    String host = address.getAddress().isAnyLocalAddress()
        ? "127.0.0.1" : address.getAddress().getHostAddress();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return URI.create("http://" + host + ":" + address.getPort() + basePath + "/");
  }

  /** Stops listening and drops open exchanges. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  /** Builds and starts an {@link AdminHttpServer}. Not thread safe. */
  public static final class Builder {
    private final Switchback switchback;
    private String basePath = DEFAULT_BASE_PATH;
    private InetAddress address = InetAddress.getLoopbackAddress();
    private int port;
    private @Nullable String adminToken;

    private Builder(Switchback switchback) {
      this.switchback = requireNonNull(switchback, "switchback");
    }

    /** Where the operations live; default {@value AdminHttpServer#DEFAULT_BASE_PATH}. */
    public Builder basePath(String basePath) {
      this.basePath = requireNonNull(basePath, "basePath");
      return this;
    }

    /** The address to listen on; default the loopback address. */
    public Builder address(InetAddress address) {
      this.address = requireNonNull(address, "address");
      return this;
    }

    /** The port; default 0, a free one (see {@link AdminHttpServer#port()}). */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be between 0 and 65535, not " + port);
      }
      this.port = port;
      return this;
    }

    /** The bearer token admins present to move stages; required. */
    public Builder adminToken(String adminToken) {
      this.adminToken = requireNonNull(adminToken, "adminToken");
      return this;
    }

    /**
     * Binds and starts the server.
     *
     * @throws IllegalStateException if no admin token was given
     * @throws IllegalArgumentException if the token is too short or the base path is bad
     * @throws UncheckedIOException if the address cannot be bound
     */
    public AdminHttpServer start() {
      String token = adminToken;
      if (token == null) {
        throw new IllegalStateException("an admin token is required: call adminToken(...) with"
            + " at least " + AdminHttpHandler.MIN_TOKEN_LENGTH + " characters");
      }
      AdminHttpHandler handler =
          new AdminHttpHandler(new SwitchbackAdmin(switchback), basePath, token);
      HttpServer server;
      try {
        server = HttpServer.create(new InetSocketAddress(address, port), 0);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot listen on " + address + ":" + port, e);
      }
      AtomicInteger count = new AtomicInteger();
      ExecutorService executor = Executors.newFixedThreadPool(THREADS, runnable -> {
        Thread thread = new Thread(runnable, "switchback-admin-" + count.incrementAndGet());
        thread.setDaemon(true);
        return thread;
      });
      server.setExecutor(executor);
      server.createContext(handler.basePath() + "/", handler);
      server.start();
      return new AdminHttpServer(server, executor, handler.basePath());
    }
  }
}
