package dev.switchback.internal;

import static java.util.Objects.requireNonNull;

import dev.switchback.Capability;
import dev.switchback.config.ConfigGroupProvider;
import dev.switchback.config.SwitchbackConfig;
import dev.switchback.spi.AdapterProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns SmallRye's problem texts into messages that name the key and say what is accepted, and
 * keeps raw values of secret-looking keys out of them.
 */
final class ConfigProblems {
  private static final Pattern CODE =
      Pattern.compile("^(?:[\\w.$]+(?:Exception|Error):\\s*)?SRCFG\\d+:\\s*");
  private static final Pattern UNKNOWN =
      Pattern.compile("(?s)(\\S+) in (.+) does not map to any root");
  // SmallRye words this two ways across versions: "whilst being converted X" and "whose message
  // is "X"".
  private static final Pattern CONVERSION = Pattern.compile(
      "(?s)The config property (\\S+) with the config value \".*?\" threw an Exception"
          + " (?:whilst being converted|whose message is)\\s*(.*)");
  private static final Pattern REQUIRED = Pattern.compile(
      "(?s)The config property (\\S+) is required but it could not be found in any config source");
  // Judged on the key's last segment: "switchback.aws.credentials" chooses a source of
  // credentials (its accepted values help), "...static.secret-access-key" holds one.
  private static final Pattern SECRET =
      Pattern.compile("(?i)(?:.*\\.)?[^.]*(password|secret|token|api-?key)[^.]*");

  private static final String MIGRATION_KEYS = "target, stage, canary-percent, shadow-timeout,"
      + " mirror-timeout, reconcile-interval, guard.enabled, guard.max-error-rate,"
      + " guard.max-mismatch-rate, guard.window, guard.min-operations, guard.rollback-to";
  private static final String MESSAGING_MIGRATION_KEYS = MIGRATION_KEYS + ", shadow-grace,"
      + " dedup.store, dedup.window, dedup.max-entries, dedup.claim-timeout";

  private final BackendCatalog catalog;
  private final List<ConfigGroupProvider> groups;

  ConfigProblems(BackendCatalog catalog, List<ConfigGroupProvider> groups) {
    this.catalog = requireNonNull(catalog, "catalog");
    this.groups = List.copyOf(groups);
  }

  /** A message for one SmallRye problem text. */
  String explain(String problem) {
    String text = CODE.matcher(problem.trim()).replaceFirst("");
    Matcher unknown = UNKNOWN.matcher(text);
    if (unknown.matches()) {
      return unknownKey(unknown.group(1), unknown.group(2));
    }
    Matcher conversion = CONVERSION.matcher(text);
    if (conversion.matches()) {
      String key = conversion.group(1);
      if (SECRET.matcher(key).matches()) {
        return "Invalid value for " + key + " (value hidden)";
      }
      String reason = conversion.group(2).trim();
      if (reason.length() > 1 && reason.startsWith("\"") && reason.endsWith("\"")) {
        reason = reason.substring(1, reason.length() - 1);
      }
      return "Invalid value for " + key + ": " + CODE.matcher(reason).replaceFirst("");
    }
    Matcher required = REQUIRED.matcher(text);
    if (required.matches()) {
      return required.group(1) + " is required but not set";
    }
    return text;
  }

  private String unknownKey(String key, String source) {
    String message = "Unknown configuration key " + key + " (in " + source + ")";
    return message + "; " + accepted(key);
  }

  private String accepted(String key) {
    for (Capability capability : Capability.values()) {
      String prefix = capability.prefix() + ".";
      if (key.startsWith(prefix)) {
        return acceptedUnder(capability, key.substring(prefix.length()));
      }
    }
    String control = SwitchbackConfig.PREFIX + ".control.";
    if (key.startsWith(control)) {
      return "accepted keys under " + control + "*: source, poll-interval";
    }
    StringBuilder areas = new StringBuilder();
    for (Capability capability : Capability.values()) {
      areas.append(capability.key()).append(".*, ");
    }
    areas.append("control.*");
    for (ConfigGroupProvider group : groups) {
      String prefix = group.prefix();
      if (prefix.startsWith(SwitchbackConfig.PREFIX + ".")) {
        areas.append(", ").append(prefix.substring(SwitchbackConfig.PREFIX.length() + 1))
            .append(".*");
      }
    }
    return "accepted keys under " + SwitchbackConfig.PREFIX + ".*: " + areas;
  }

  private String acceptedUnder(Capability capability, String rest) {
    String prefix = capability.prefix();
    int dot = rest.indexOf('.');
    String first = (dot < 0 ? rest : rest.substring(0, dot)).toLowerCase(Locale.ROOT);
    if (first.equals("migration")) {
      return "accepted keys under " + prefix + ".migration.*: "
          + (capability == Capability.MESSAGING ? MESSAGING_MIGRATION_KEYS : MIGRATION_KEYS);
    }
    Optional<AdapterProvider<?>> provider = catalog.find(capability, first);
    if (provider.isPresent() && dot >= 0) {
      return provider.get().configMapping().isPresent()
          ? "it is not a setting of the " + first + " backend"
          : "the " + first + " backend takes no settings";
    }
    if (KnownBackends.names(capability).contains(first) && dot >= 0) {
      return "settings of the " + first + " backend need the module "
          + KnownBackends.artifact(first) + " on the classpath";
    }
    List<String> withSettings = new ArrayList<>();
    for (AdapterProvider<?> p : catalog.providers(capability)) {
      if (p.configMapping().isPresent()) {
        withSettings.add(p.name() + ".*");
      }
    }
    String own = capability == Capability.TRACING
        ? "backend, service-name, migration.*"
        : "backend, migration.*";
    return "accepted keys under " + prefix + ".*: " + own
        + (withSettings.isEmpty() ? "" : ", " + String.join(", ", withSettings));
  }
}
