package dev.switchback.internal;

import dev.switchback.ConfigurationException;
import io.smallrye.config.ConfigMappings;
import io.smallrye.config.ConfigMappings.ConfigClass;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Refuses environment variables under a group of keys ({@code SWITCHBACK_CACHE_*}, {@code
 * SWITCHBACK_AWS_*}, ...) that name no key. SmallRye refuses unknown keys under a mapped prefix
 * only when they come from a properties source: an environment variable's name cannot be turned
 * back into a dotted key, so a misspelt one ({@code SWITCHBACK_CACHE_REDIS_URIX}) would be
 * ignored without a word. Each such variable is matched against the environment form of every
 * key the mappings declare (upper case, every other character {@code _}, any name where a map
 * takes its keys). Variables outside the groups ({@code SWITCHBACK_ADMIN_TOKEN}, a service's
 * own) are not Switchback's configuration and are left alone.
 */
final class EnvironmentKeys {
  private final List<Pattern> known = new ArrayList<>();
  private final Set<String> checkedPrefixes = new TreeSet<>();
  private final List<String> ignoredPrefixes = new ArrayList<>();

  /** Accepts the environment form of every key of {@code mapping}. */
  EnvironmentKeys accept(ConfigClass mapping) {
    for (String path : ConfigMappings.getProperties(mapping).keySet()) {
      known.add(Pattern.compile(envPattern(path)));
      String[] segments = path.split("\\.", 3);
      if (segments.length == 3 && !segments[1].contains("*")) {
        checkedPrefixes.add(envName(segments[0] + "." + segments[1]) + "_");
      }
    }
    return this;
  }

  /** Accepts every variable under {@code prefix} (a dotted key prefix), as SmallRye ignores it. */
  EnvironmentKeys ignore(String prefix) {
    ignoredPrefixes.add(envName(prefix) + "_");
    return this;
  }

  /**
   * Checks the {@code SWITCHBACK_*} names of {@code config}'s environment sources.
   *
   * @throws ConfigurationException naming every unknown variable, with the closest known key
   */
  void check(SmallRyeConfig config) {
    Set<String> unknown = new TreeSet<>();
    for (ConfigSource source : config.getConfigSources()) {
      if (!(source instanceof EnvConfigSource)) {
        continue;
      }
      for (String name : source.getPropertyNames()) {
        if (isChecked(name) && !isKnown(name)) {
          unknown.add(name);
        }
      }
    }
    if (!unknown.isEmpty()) {
      List<String> problems = unknown.stream().map(name -> "Unknown environment variable " + name
          + ": it names no switchback key (environment names are keys in upper case with every"
          + " other character as _, e.g. SWITCHBACK_CACHE_REDIS_URI for"
          + " switchback.cache.redis.uri)").toList();
      throw new ConfigurationException(String.join("; ", problems));
    }
  }

  private boolean isChecked(String name) {
    return checkedPrefixes.stream().anyMatch(name::startsWith);
  }

  private boolean isKnown(String name) {
    return ignoredPrefixes.stream().anyMatch(name::startsWith)
        || known.stream().anyMatch(pattern -> pattern.matcher(name).matches());
  }

  /** SmallRye's environment form of a dotted key: upper case, every other character {@code _}. */
  static String envName(String key) {
    StringBuilder name = new StringBuilder(key.length());
    for (char c : key.toCharArray()) {
      name.append(Character.isLetterOrDigit(c) ? Character.toUpperCase(c) : '_');
    }
    return name.toString().toUpperCase(Locale.ROOT);
  }

  // A mapping path has '*' where a map takes its keys and "[*]" where a list its indexes.
  private static String envPattern(String path) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < path.length(); i++) {
      if (path.startsWith("[*]", i)) {
        regex.append("_[0-9]+_");
        i += 2;
      } else if (path.charAt(i) == '*') {
        regex.append("[A-Z0-9_]+");
      } else {
        char c = path.charAt(i);
        regex.append(Character.isLetterOrDigit(c)
            ? String.valueOf(Character.toUpperCase(c)) : "_");
      }
    }
    return regex.toString();
  }
}
