package dev.switchback.testkit.servers;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A real PostgreSQL for tests, with user {@value #USER} and trust authentication, and the
 * databases {@value #DATABASE} and {@code test}.
 *
 * <ul>
 *   <li>{@link #shared()}: one per JVM. The server on {@code 127.0.0.1:5432} when it accepts a
 *       connection and speaks the Postgres protocol, else one started now and stopped when the
 *       JVM exits. Shared by every test, so it cannot be stopped or restarted.
 *   <li>{@link #start()}: a dedicated server on a free port, for tests that stop or restart it.
 *       Stop it with {@link #close()}; it is also stopped at JVM exit.
 * </ul>
 *
 * <p>A server is started from {@code initdb} and {@code pg_ctl} in the newest {@code
 * /usr/lib/postgresql/<version>/bin}, else on the {@code PATH}: a data directory in a temporary
 * directory, initialised with {@code --auth=trust}, listening on {@code 127.0.0.1} only, with
 * {@code fsync=off} since the data is thrown away. Postgres refuses to run as root, so under
 * root every command runs through {@code runuser -u postgres --} and the directory is owned by
 * {@code postgres}.
 */
public final class LocalPostgres implements TestServer, AutoCloseable {

  /** The host every server listens on. */
  public static final String HOST = "127.0.0.1";

  /** The port a running local server is looked for on. */
  public static final int DEFAULT_PORT = 5432;

  /** The superuser to connect as; no password is needed. */
  public static final String USER = "postgres";

  /** A database that always exists. */
  public static final String DATABASE = "postgres";

  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);
  private static final int CONNECT_TIMEOUT_MILLIS = 1_000;
  private static final int SSL_REQUEST_CODE = 80_877_103;
  private static final SharedServer<LocalPostgres> SHARED =
      new SharedServer<>(
          () ->
              speaksPostgres(HOST, DEFAULT_PORT)
                  ? new LocalPostgres(DEFAULT_PORT, true, null)
                  : launch(true));

  private final int port;
  private final @Nullable Installation installation; // null when a running server is reused
  private final ServerLifecycle lifecycle;
  private boolean running; // guarded by the lifecycle's lock

  /** Where a started server lives and how its commands are run. */
  private record Installation(Path bin, Path directory, boolean asPostgresUser) {
    Path data() {
      return directory.resolve("data");
    }

    Path log() {
      return directory.resolve("commands.log");
    }

    List<String> command(String program, String... args) {
      List<String> command = new ArrayList<>();
      if (asPostgresUser) {
        command.addAll(List.of("runuser", "-u", USER, "--"));
      }
      command.add(bin.resolve(program).toString());
      command.addAll(List.of(args));
      return command;
    }

    void run(String program, String... args) {
      ServerProcess.run(command(program, args), directory, log(), COMMAND_TIMEOUT);
    }
  }

  private LocalPostgres(int port, boolean shareable, @Nullable Installation installation) {
    this.port = port;
    this.installation = installation;
    this.lifecycle =
        new ServerLifecycle("Postgres", "LocalPostgres.start()", shareable, this::stopForGood);
  }

  /**
   * The server shared by every test in this JVM: the local one on port {@value #DEFAULT_PORT}
   * if it answers, else one started now.
   *
   * @throws IllegalStateException if none runs and none can be started
   */
  public static LocalPostgres shared() {
    return SHARED.get();
  }

  /**
   * Starts a dedicated server on a free port and waits until it accepts connections.
   *
   * @throws IllegalStateException if the binaries are missing or the server does not start
   */
  public static LocalPostgres start() {
    return launch(false);
  }

  private static LocalPostgres launch(boolean shareable) {
    Path bin = binaries().orElseThrow(() -> new IllegalStateException(
        "no Postgres answers on " + HOST + ":" + DEFAULT_PORT + " and no initdb/pg_ctl was found"
            + " under /usr/lib/postgresql/*/bin or on the PATH; install PostgreSQL (Debian"
            + " package postgresql)"));
    boolean asPostgresUser = Executables.runningAsRoot();
    Path directory = createDirectory(asPostgresUser);
    Installation installation = new Installation(bin, directory, asPostgresUser);
    LocalPostgres postgres = new LocalPostgres(FreePort.pick(), shareable, installation);
    postgres.lifecycle.launch(
        "stop-postgres-" + postgres.port,
        () -> {
          installation.run("initdb", "-D", installation.data().toString(), "-U", USER,
              "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync");
          postgres.startServer();
          installation.run("createdb", "-h", HOST, "-p", Integer.toString(postgres.port), "-U",
              USER, "test");
        });
    return postgres;
  }

  @Override
  public String host() {
    return HOST;
  }

  @Override
  public int port() {
    return port;
  }

  /** {@code postgresql://postgres@127.0.0.1:<port>/postgres}. */
  @Override
  public URI uri() {
    return URI.create("postgresql://" + USER + "@" + HOST + ":" + port + "/" + DATABASE);
  }

  /** {@code jdbc:postgresql://127.0.0.1:<port>/<database>}. */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://" + HOST + ":" + port + "/" + database;
  }

  /** The user to connect as: {@value #USER}. */
  public String user() {
    return USER;
  }

  /** A database that always exists: {@value #DATABASE}. */
  public String database() {
    return DATABASE;
  }

  /** Whether this is a server that was already running, not one this class started. */
  public boolean isReused() {
    return installation == null;
  }

  /** Whether the server accepts a connection and answers in the Postgres protocol now. */
  public boolean isRunning() {
    return speaksPostgres(HOST, port);
  }

  /**
   * Stops the server ({@code pg_ctl stop -m fast}); {@link #restart()} starts it again.
   *
   * @throws IllegalStateException for the shared instance
   */
  public void stop() {
    lifecycle.changeDedicated("stop", this::stopServer);
  }

  /**
   * Stops the server if it runs and starts it again on the same port with the same data.
   *
   * @throws IllegalStateException for the shared instance, or if it does not come back
   */
  public void restart() {
    lifecycle.changeDedicated(
        "restart",
        () -> {
          stopServer();
          startServer();
        });
  }

  /** Stops a dedicated server for good and deletes its files; does nothing for the shared one. */
  @Override
  public void close() {
    lifecycle.close();
  }

  @Override
  public String toString() {
    return "LocalPostgres[" + uri() + (isReused() ? ", reused" : "") + "]";
  }

  // Called under lock.
  private void startServer() {
    Installation in = requireInstallation();
    String options = "-p " + port + " -k " + in.directory() + " -c listen_addresses=" + HOST
        + " -c fsync=off";
    in.run("pg_ctl", "-D", in.data().toString(), "-l", in.directory().resolve("postgres.log")
        .toString(), "-o", options, "-w", "-t", "60", "start");
    running = true;
  }

  // Called under lock.
  private void stopServer() {
    Installation in = requireInstallation();
    if (running) {
      in.run("pg_ctl", "-D", in.data().toString(), "-m", "fast", "-w", "-t", "60", "stop");
      running = false;
    }
  }

  private void stopForGood() {
    if (installation == null) {
      return;
    }
    try {
      stopServer();
    } catch (RuntimeException e) {
      // at exit there is nobody to tell; the directory goes regardless
    }
    ServerProcess.deleteTree(installation.directory());
  }

  private Installation requireInstallation() {
    if (installation == null) {
      throw new IllegalStateException("a reused server is not managed here");
    }
    return installation;
  }

  private static Path createDirectory(boolean ownedByPostgres) {
    try {
      Path directory = Files.createTempDirectory("switchback-postgres");
      if (ownedByPostgres) {
        UserPrincipalLookupService users = directory.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal user = users.lookupPrincipalByName(USER);
        GroupPrincipal group = users.lookupPrincipalByGroupName(USER);
        PosixFileAttributeView view =
            Files.getFileAttributeView(directory, PosixFileAttributeView.class);
        view.setOwner(user);
        view.setGroup(group);
      }
      return directory;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare a directory for Postgres"
          + (ownedByPostgres ? " owned by the user postgres (does that user exist?)" : ""), e);
    }
  }

  /** The newest {@code /usr/lib/postgresql/<version>/bin}, else the directory of {@code pg_ctl} on the PATH. */
  static Optional<Path> binaries() {
    Path root = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(root)) {
      try (Stream<Path> versions = Files.list(root)) {
        Optional<Path> newest = versions
            .map(v -> v.resolve("bin"))
            .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
            .max(Comparator.comparing(LocalPostgres::versionOf));
        if (newest.isPresent()) {
          return newest;
        }
      } catch (IOException e) {
        // fall through to the PATH
      }
    }
    return Executables.onPath("pg_ctl")
        .map(Path::getParent)
        .filter(b -> Files.isExecutable(b.resolve("initdb")));
  }

  private static double versionOf(Path bin) {
    try {
      return Double.parseDouble(bin.getParent().getFileName().toString());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /**
   * Whether {@code host:port} accepts a connection and answers an SSL request the way Postgres
   * does (one byte, {@code S} or {@code N}).
   */
  public static boolean speaksPostgres(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
      socket.setSoTimeout(CONNECT_TIMEOUT_MILLIS);
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      out.writeInt(8);
      out.writeInt(SSL_REQUEST_CODE);
      out.flush();
      int answer = new DataInputStream(socket.getInputStream()).read();
      return answer == 'S' || answer == 'N';
    } catch (IOException e) {
      return false;
    }
  }
}
