package dev.switchback.testkit;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Configuration maps for tests of bad settings: a working base with a few keys changed or
 * removed, as {@code Switchback.fromConfig(Map)} takes them.
 */
public final class ConfigOverrides {
  private ConfigOverrides() {}

  /**
   * A new mutable copy of {@code base} with {@code keysAndValues} applied in order: key, value,
   * key, value...; a {@code null} value removes the key.
   *
   * @throws IllegalArgumentException if a key has no value
   */
  public static Map<String, String> with(
      Map<String, String> base, @Nullable String... keysAndValues) {
    requireNonNull(base, "base");
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("keys and values come in pairs");
    }
    Map<String, String> config = new HashMap<>(base);
    for (int i = 0; i < keysAndValues.length; i += 2) {
      String key = requireNonNull(keysAndValues[i], "key");
      String value = keysAndValues[i + 1];
      if (value == null) {
        config.remove(key);
      } else {
        config.put(key, value);
      }
    }
    return config;
  }
}
