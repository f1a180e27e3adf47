package dev.switchback.samples.deploy;

import dev.switchback.Capability;
import dev.switchback.ConfigurationException;
import dev.switchback.internal.BackendCatalog;
import dev.switchback.internal.ConfigReader;
import dev.switchback.internal.ControlSourceSchemes;
import dev.switchback.internal.ReadConfiguration;
import dev.switchback.migration.Stage;
import io.smallrye.config.EnvConfigSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a pod's environment as the service's {@code Switchback.fromConfig()} would, with the
 * same configuration reader and every backend module on the class path, but creates nothing: no
 * backend is built and nothing is connected to.
 */
final class SwitchbackEnvironment {
  private static final String PREFIX = "SWITCHBACK_";
  private static final int ENV_ORDINAL = 300;
  private static final Pattern STAGE_KEY =
      Pattern.compile("switchback\\.([a-z]+)\\.migration\\.(stage|canary-percent|force)");

  private SwitchbackEnvironment() {}

  /**
   * Reads the {@code SWITCHBACK_*} variables of {@code environment}.
   *
   * @throws ConfigurationException as the service would fail at start, a variable that names
   *     no key included
   */
  static ReadConfiguration read(Map<String, String> environment) {
    Map<String, String> switchback = new TreeMap<>();
    environment.forEach((name, value) -> {
      if (name.startsWith(PREFIX)) {
        switchback.put(name, value);
      }
    });
    return reader().read(
        List.of(new EnvConfigSource(switchback, ENV_ORDINAL)), false, loader());
  }

  /**
   * Checks the stage file of the file control source against {@code config}: every key is a
   * stage, canary share or force of a capability whose migration is configured, with a value the
   * control source accepts. (The control source itself logs and ignores what it cannot use; a
   * deployment should not ship such a file.)
   *
   * @return the problems found, empty when there are none
   */
  static List<String> stageFileProblems(Map<String, String> stages, ReadConfiguration config) {
    List<String> problems = new ArrayList<>();
    stages.forEach((key, value) -> {
      Matcher m = STAGE_KEY.matcher(key);
      Capability capability = m.matches() ? capability(m.group(1)) : null;
      if (capability == null) {
        problems.add(key + " is not switchback.<capability>.migration.stage, .canary-percent or"
            + " .force");
      } else if (config.choice(capability).target().isEmpty()) {
        problems.add(key + " moves no migration: " + capability.prefix()
            + ".migration.target is not configured");
      } else {
        valueProblem(m.group(2), value.trim()).ifPresent(p -> problems.add(key + "=" + value + ": " + p));
      }
    });
    return problems;
  }

  private static Optional<String> valueProblem(String setting, String value) {
    switch (setting) {
      case "stage":
        try {
          Stage.parse(value);
          return Optional.empty();
        } catch (IllegalArgumentException e) {
          return Optional.of(e.getMessage());
        }
      case "canary-percent":
        return value.matches("\\d{1,3}") && Integer.parseInt(value) <= 100
            ? Optional.empty() : Optional.of("accepted values: 0 to 100");
      default:
        return value.equals("true") || value.equals("false")
            ? Optional.empty() : Optional.of("accepted values: true, false");
    }
  }

  private static Capability capability(String key) {
    for (Capability c : Capability.values()) {
      if (c.key().equals(key)) {
        return c;
      }
    }
    return null;
  }

  private static ConfigReader reader() {
    ClassLoader loader = loader();
    return new ConfigReader(BackendCatalog.discover(loader), ConfigReader.discoverGroups(loader),
        ControlSourceSchemes.known());
  }

  private static ClassLoader loader() {
    return SwitchbackEnvironment.class.getClassLoader();
  }
}
