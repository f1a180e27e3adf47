package dev.switchback.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/** A service's configuration written as the properties file {@code --config} reads. */
final class PropertiesFile {
  private PropertiesFile() {}

  /** Writes {@code properties} to {@code application.properties} in {@code dir}. */
  static Path write(Path dir, Map<String, String> properties) {
    Properties p = new Properties();
    p.putAll(properties);
    Path file = dir.resolve("application.properties");
    try (Writer out = Files.newBufferedWriter(file)) {
      p.store(out, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }
}
