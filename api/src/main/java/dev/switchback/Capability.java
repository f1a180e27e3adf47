package dev.switchback;

/**
 * The six capabilities Switchback offers. Each has its own configuration prefix
 * ({@code switchback.<key>}), its own backends and its own migration.
 */
public enum Capability {
  DATABASE("database"),
  CACHE("cache"),
  MESSAGING("messaging"),
  AUTH("auth"),
  SESSIONS("sessions"),
  TRACING("tracing");

  private final String key;

  Capability(String key) {
    this.key = key;
  }

  /** The name used in configuration keys, for example {@code cache}. */
  public String key() {
    return key;
  }

  /** The configuration prefix, for example {@code switchback.cache}. */
  public String prefix() {
    return "switchback." + key;
  }
}
