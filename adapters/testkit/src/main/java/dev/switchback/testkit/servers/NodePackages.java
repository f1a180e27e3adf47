package dev.switchback.testkit.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * npm packages and scripts that tests run on Node.js; each package is installed once per version
 * into the tools directory and reused by every later test JVM.
 *
 * <p>The tools directory is the system property {@value #TOOLS_PROPERTY}, else the environment
 * variable {@value #TOOLS_ENV}, else {@code ~/.cache/switchback-testkit}. Package {@code p} at
 * version {@code v} lives in {@code <tools>/p-v}; when missing it is installed there with {@code
 * npm install --prefix <dir> p@v}, one install at a time across JVMs under a file lock, its
 * output in {@code <tools>/p-v-install.log}. {@code node} and {@code npm} must be on the {@code
 * PATH} (Node.js 18 or later; Debian packages {@code nodejs} and {@code npm}).
 */
public final class NodePackages {

  /** The system property naming the tools directory. */
  public static final String TOOLS_PROPERTY = "switchback.testkit.tools";

  /** The environment variable naming the tools directory, when the property is not set. */
  public static final String TOOLS_ENV = "SWITCHBACK_TESTKIT_TOOLS";

  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);

  private NodePackages() {}

  /** The tools directory: the property, else the environment variable, else the default. */
  public static Path toolsDirectory() {
    String configured = Optional.ofNullable(System.getProperty(TOOLS_PROPERTY))
        .or(() -> Optional.ofNullable(System.getenv(TOOLS_ENV)))
        .filter(s -> !s.isBlank())
        .orElse(null);
    return configured != null
        ? Path.of(configured)
        : Path.of(System.getProperty("user.home"), ".cache", "switchback-testkit");
  }

  /**
   * {@code node} on the {@code PATH}.
   *
   * @param purpose what needs it, for the message when it is missing
   * @throws IllegalStateException if it is missing
   */
  public static Path node(String purpose) {
    return Executables.onPath("node").orElseThrow(() -> new IllegalStateException(
        "node is not on the PATH; " + purpose + " runs on Node.js: install Node.js 18 or later"
            + " with npm (Debian packages nodejs and npm)"));
  }

  /**
   * The file {@code entry} (relative to the package's own directory) of npm package {@code
   * name} at {@code version}, installed first if it is missing.
   *
   * @throws IllegalStateException if npm is missing or the install fails, quoting its log
   */
  public static Path installed(String name, String version, String entry) {
    String id = name + "-" + version;
    Path prefix = toolsDirectory().resolve(id);
    Path file = prefix.resolve("node_modules").resolve(name).resolve(entry);
    if (Files.isRegularFile(file)) {
      return file;
    }
    Path npm = Executables.onPath("npm").orElseThrow(() -> new IllegalStateException(
        name + " " + version + " is not in " + prefix + " and npm is not on the PATH;"
            + " install Node.js with npm, or run: npm install --prefix " + prefix + " " + name
            + "@" + version));
    try {
      Files.createDirectories(prefix);
      // Several test JVMs may start at once: one installs, the others wait and find it done.
      try (FileChannel lockFile = FileChannel.open(prefix.resolveSibling(id + ".lock"),
              StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = lockFile.lock()) {
        if (!Files.isRegularFile(file)) {
          Path log = prefix.resolveSibling(id + "-install.log");
          Files.writeString(log, "", StandardCharsets.UTF_8);
          ServerProcess.run(List.of(npm.toString(), "install", "--no-audit", "--no-fund",
              "--prefix", prefix.toString(), name + "@" + version), prefix, log, INSTALL_TIMEOUT);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot install " + name + " into " + prefix, e);
    }
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException(
          "npm installed " + name + " into " + prefix + " but " + file + " is missing");
    }
    return file;
  }
}
