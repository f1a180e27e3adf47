package dev.switchback.testkit.servers;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds programs the way a shell would. */
final class Executables {
  private Executables() {}

  /** {@code name} in a directory of {@code PATH}, else in {@code /usr/local/bin} or {@code /usr/bin}. */
  static Optional<Path> onPath(String name) {
    String path = System.getenv("PATH");
    String dirs = (path == null ? "" : path) + File.pathSeparator + "/usr/local/bin"
        + File.pathSeparator + "/usr/bin";
    for (String dir : dirs.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** Whether this JVM runs as root, which some servers refuse to run as. */
  static boolean runningAsRoot() {
    try {
      Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
      return uid instanceof Integer i && i == 0;
    } catch (Exception e) {
      return "root".equals(System.getProperty("user.name"));
    }
  }
}
