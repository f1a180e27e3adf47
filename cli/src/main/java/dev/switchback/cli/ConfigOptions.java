package dev.switchback.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * Where the command's configuration comes from: the service's properties file and {@code -D}
 * overrides, above environment variables and system properties, as {@code
 * Switchback.fromConfig(Map)} reads them.
 */
final class ConfigOptions {

  @Option(names = "--config", paramLabel = "FILE",
      description = "The service's configuration (a properties file with switchback.* keys).")
  @Nullable Path file;

  @Option(names = "-D", paramLabel = "KEY=VALUE",
      description = "A configuration value; wins over --config. Repeatable.")
  Map<String, String> overrides = new LinkedHashMap<>();

  /**
   * The file's properties with the overrides on top.
   *
   * @throws CommandFailure when the file cannot be read
   */
  Map<String, String> properties() {
    Map<String, String> all = new HashMap<>();
    if (file != null) {
      Properties loaded = new Properties();
      try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        loaded.load(in);
      } catch (IOException | IllegalArgumentException e) {
        throw new CommandFailure(ExitCodes.USAGE, "cannot read --config " + file + ": " + e, e);
      }
      loaded.stringPropertyNames().forEach(name -> all.put(name, loaded.getProperty(name)));
    }
    all.putAll(overrides);
    return all;
  }
}
