package dev.switchback.testkit.servers;

import static java.util.Objects.requireNonNull;

import dev.switchback.testkit.servers.TestCertificateAuthority.ServerCertificate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A dedicated Redis that speaks only TLS, with an ACL user whose passwords a test sets at any
 * time: the shape of an ElastiCache endpoint with in-transit encryption and RBAC.
 *
 * <p>It runs {@code redis-server --port 0 --tls-port <port> --tls-cert-file ... --tls-key-file
 * ... --tls-ca-cert-file ... --tls-auth-clients no}: no plaintext TCP port, and clients need no
 * certificate of their own. The ACL holds
 *
 * <ul>
 *   <li>the user {@value #USER} with every key, channel and command, and no password until a
 *       test gives it some with {@link #setPasswords(String...)} (Redis accepts any of a user's
 *       passwords, which is how a rotation window looks);
 *   <li>the {@code default} user, with a random password only this class knows, so a client
 *       that does not authenticate is refused ({@code NOAUTH}).
 * </ul>
 *
 * <p>Tests change the server through a plaintext Unix domain socket in the server's directory
 * ({@link #command(String...)}), which a TLS client cannot reach. Stop it with {@link #close()};
 * it is also stopped at JVM exit. Thread safe.
 */
public final class LocalTlsRedis implements TestServer, AutoCloseable {

  /** The ACL user tests authenticate as. */
  public static final String USER = "switchback";

  private static final String SOCKET = "control.sock";

  private final int port;
  private final ServerCertificate certificate;
  private final String adminPassword;
  private final RedisProcess process;
  private final ServerLifecycle lifecycle;

  private LocalTlsRedis(
      int port, ServerCertificate certificate, String adminPassword, RedisProcess process) {
    this.port = port;
    this.certificate = certificate;
    this.adminPassword = adminPassword;
    this.process = process;
    this.lifecycle =
        new ServerLifecycle("TLS Redis", "LocalTlsRedis.start()", false, process::stopForGood);
  }

  /**
   * Starts a TLS Redis certified for {@code localhost} and {@code 127.0.0.1} by a new {@link
   * TestCertificateAuthority}; {@link #certificateAuthority()} is the file a client trusts.
   *
   * @throws IllegalStateException if {@code redis-server} or {@code openssl} is missing, or the
   *     server does not start
   */
  public static LocalTlsRedis start() {
    return start(TestCertificateAuthority.create("Switchback test CA").issue("localhost",
        "127.0.0.1"));
  }

  /**
   * Starts a TLS Redis on a free port that presents {@code certificate}, for example one issued
   * for another host name.
   *
   * @throws IllegalStateException if {@code redis-server} is missing or the server does not start
   */
  public static LocalTlsRedis start(ServerCertificate certificate) {
    requireNonNull(certificate, "certificate");
    int port = FreePort.pick();
    byte[] secret = new byte[16];
    new SecureRandom().nextBytes(secret);
    String adminPassword = HexFormat.of().formatHex(secret);
    RedisProcess process = RedisProcess.prepare("TLS redis-server on port " + port,
        directory ->
          List.of("--port", "0", "--tls-port", Integer.toString(port),
              "--tls-cert-file", certificate.certificate().toAbsolutePath().toString(),
              "--tls-key-file", certificate.privateKey().toAbsolutePath().toString(),
              "--tls-ca-cert-file", certificate.issuer().toAbsolutePath().toString(),
              "--tls-auth-clients", "no",
              "--unixsocket", directory.resolve(SOCKET).toString(), "--unixsocketperm", "700",
              "--user", "default", "on", ">" + adminPassword, "~*", "&*", "+@all",
              "--user", USER, "on", "~*", "&*", "+@all"),
        directory -> controlAnswers(directory.resolve(SOCKET), adminPassword));
    LocalTlsRedis redis = new LocalTlsRedis(port, certificate, adminPassword, process);
    redis.lifecycle.launch("stop-tls-redis-" + port, process::launch);
    return redis;
  }

  @Override
  public String host() {
    return LocalRedis.HOST;
  }

  @Override
  public int port() {
    return port;
  }

  /** {@code rediss://127.0.0.1:<port>}. */
  @Override
  public URI uri() {
    return URI.create("rediss://" + LocalRedis.HOST + ":" + port);
  }

  /** The PEM file of the authority that issued the server's certificate. */
  public Path certificateAuthority() {
    return certificate.issuer();
  }

  /** The certificate the server presents. */
  public ServerCertificate certificate() {
    return certificate;
  }

  /**
   * Replaces the passwords of {@value #USER} with {@code passwords}; any of them is then
   * accepted. Connections already authenticated stay so (Redis checks a password only at
   * {@code AUTH}). With none, nobody can log in as {@value #USER}.
   *
   * @throws IllegalStateException if the server does not accept the change
   */
  public void setPasswords(String... passwords) {
    List<String> rules = new ArrayList<>(List.of("ACL", "SETUSER", USER, "resetpass"));
    for (String password : passwords) {
      rules.add(">" + requireNonNull(password, "passwords"));
    }
    command(rules.toArray(String[]::new));
  }

  /**
   * Sends one command over the control socket as the {@code default} user and returns its
   * reply as text: strings as they are, integers in decimal, arrays one element per line,
   * {@code null} for a nil reply.
   *
   * @throws IllegalStateException if the server answers with an error or cannot be reached
   */
  public @Nullable String command(String... args) {
    try (RespConnection control = RespConnection.unix(process.directory().resolve(SOCKET))) {
      control.call("AUTH", "default", adminPassword);
      return render(control.call(args));
    } catch (IOException e) {
      throw new IllegalStateException("the TLS Redis on port " + port + " did not take "
          + (args.length == 0 ? "an empty command" : args[0]) + ": " + e.getMessage(), e);
    }
  }

  /** Whether the server answers on its control socket now. */
  public boolean isRunning() {
    return controlAnswers(process.directory().resolve(SOCKET), adminPassword);
  }

  /** Stops the server gracefully (SIGTERM); {@link #restart()} starts it again. */
  public void stop() {
    lifecycle.changeDedicated("stop", process::stop);
  }

  /** Kills the server at once (SIGKILL), as a crash; {@link #restart()} brings it back. */
  public void kill() {
    lifecycle.changeDedicated("kill", process::kill);
  }

  /**
   * Stops the server if it runs and starts it again on the same port, empty, with the user
   * {@value #USER} back to no password.
   *
   * @throws IllegalStateException if it does not come back
   */
  public void restart() {
    lifecycle.changeDedicated(
        "restart",
        () -> {
          process.stop();
          process.launch();
        });
  }

  /** Stops the server for good and deletes its directory. */
  @Override
  public void close() {
    lifecycle.close();
  }

  @Override
  public String toString() {
    return "LocalTlsRedis[" + uri() + "]";
  }

  private static @Nullable String render(@Nullable Object reply) {
    if (reply instanceof List<?> items) {
      return items.stream().map(LocalTlsRedis::render).map(String::valueOf)
          .collect(Collectors.joining("\n"));
    }
    return reply == null ? null : reply.toString();
  }

  private static boolean controlAnswers(Path socket, String adminPassword) {
    if (!socket.toFile().exists()) {
      return false;
    }
    try (RespConnection control = RespConnection.unix(socket)) {
      control.call("AUTH", "default", adminPassword);
      return "PONG".equals(control.call("PING"));
    } catch (IOException | UncheckedIOException e) {
      return false;
    }
  }
}
