package dev.switchback.testkit.servers;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A throwaway certificate authority for TLS tests, made at run time with {@code openssl} in a
 * temporary directory that is deleted when the JVM exits. Keys are EC P-256 (fast to make);
 * certificates are valid from now for {@value #VALIDITY_DAYS} days.
 *
 * <p>Each {@link #create(String)} makes an unrelated authority, so a second one is the "wrong CA"
 * for a server certified by the first. {@link #issue(String...)} certifies a server for the
 * given names: {@code issue("localhost", "127.0.0.1")} for a server tests reach on the loopback
 * address, {@code issue("elsewhere.invalid")} for one whose certificate names another host.
 *
 * <p>Thread safe. Requires {@code openssl} on the {@code PATH}.
 */
public final class TestCertificateAuthority {

  /** How long certificates are valid from the moment they are made. */
  public static final int VALIDITY_DAYS = 2;

  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
  private static final Pattern IP_ADDRESS =
      Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}|[0-9a-fA-F:]*:[0-9a-fA-F:]*");
  private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9 ._-]+");

  private final String name;
  private final Path directory;
  private final Path certificate;
  private final Path key;
  private final AtomicInteger issued = new AtomicInteger();

  /** A server's certificate chain end and private key, both PEM files. */
  public record ServerCertificate(
      Path certificate, Path privateKey, Path issuer, List<String> names) {
    public ServerCertificate {
      requireNonNull(certificate, "certificate");
      requireNonNull(privateKey, "privateKey");
      requireNonNull(issuer, "issuer");
      names = List.copyOf(names);
    }
  }

  private TestCertificateAuthority(String name, Path directory) {
    this.name = name;
    this.directory = directory;
    this.certificate = directory.resolve("ca.pem");
    this.key = directory.resolve("ca.key");
  }

  /**
   * Makes a new self-signed authority whose subject is {@code CN=<name>}.
   *
   * @param name letters, digits, spaces, dots, dashes and underscores
   * @throws IllegalStateException if {@code openssl} is missing or fails
   */
  public static TestCertificateAuthority create(String name) {
    requireNonNull(name, "name");
    if (!SAFE_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("name must match " + SAFE_NAME + ": " + name);
    }
    Path directory;
    try {
      directory = Files.createTempDirectory("switchback-ca");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a directory for certificates", e);
    }
    ServerProcess.onExit("delete-ca-" + directory.getFileName(),
        () -> ServerProcess.deleteTree(directory));
    TestCertificateAuthority authority = new TestCertificateAuthority(name, directory);
    authority.openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
        "-nodes", "-keyout", authority.key.toString(), "-out", authority.certificate.toString(),
        "-days", Integer.toString(VALIDITY_DAYS), "-subj", "/CN=" + name,
        "-addext", "basicConstraints=critical,CA:TRUE",
        "-addext", "keyUsage=critical,keyCertSign,cRLSign");
    return authority;
  }

  /** The authority's own certificate (PEM): what a client trusts to accept servers it issued for. */
  public Path certificate() {
    return certificate;
  }

  /**
   * Certifies a server for {@code names}: each becomes a subject alternative name, an IP
   * address entry when it looks like one, else a DNS entry. The first is also the common name.
   *
   * @throws IllegalArgumentException if no name is given or a name has unsafe characters
   * @throws IllegalStateException if {@code openssl} fails
   */
  public ServerCertificate issue(String... names) {
    if (names.length == 0) {
      throw new IllegalArgumentException("a certificate needs at least one name");
    }
    List<String> alternatives = new ArrayList<>();
    for (String n : names) {
      requireNonNull(n, "names");
      if (!SAFE_NAME.matcher(n).matches() && !IP_ADDRESS.matcher(n).matches()) {
        throw new IllegalArgumentException("not a host name or IP address: " + n);
      }
      alternatives.add((IP_ADDRESS.matcher(n).matches() ? "IP:" : "DNS:") + n);
    }
    int serial = issued.incrementAndGet();
    Path serverKey = directory.resolve("server-" + serial + ".key");
    Path request = directory.resolve("server-" + serial + ".csr");
    Path serverCertificate = directory.resolve("server-" + serial + ".pem");
    Path extensions = directory.resolve("server-" + serial + ".ext");
    try {
      Files.writeString(extensions, "subjectAltName=" + String.join(",", alternatives) + "\n"
          + "basicConstraints=critical,CA:FALSE\n"
          + "keyUsage=critical,digitalSignature,keyEncipherment\n"
          + "extendedKeyUsage=serverAuth\n", StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + extensions, e);
    }
    openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
        "-keyout", serverKey.toString(), "-out", request.toString(), "-subj", "/CN=" + names[0]);
    openssl("x509", "-req", "-in", request.toString(), "-CA", certificate.toString(),
        "-CAkey", key.toString(), "-set_serial", Integer.toString(serial + 1),
        "-out", serverCertificate.toString(), "-days", Integer.toString(VALIDITY_DAYS),
        "-extfile", extensions.toString());
    return new ServerCertificate(serverCertificate, serverKey, certificate, List.of(names));
  }

  @Override
  public String toString() {
    return "TestCertificateAuthority[CN=" + name + "]";
  }

  private void openssl(String... args) {
    Path binary = Executables.onPath("openssl").orElseThrow(() -> new IllegalStateException(
        "openssl is not on the PATH; install it (Debian package openssl)"));
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.addAll(List.of(args));
    ServerProcess.run(command, directory, directory.resolve("openssl.log"), COMMAND_TIMEOUT);
  }
}
