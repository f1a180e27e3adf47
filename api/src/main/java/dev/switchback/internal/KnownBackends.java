package dev.switchback.internal;

import dev.switchback.Capability;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The backend names Switchback ships a module for, per capability, so a known name whose module
 * is missing can say which artifact to add instead of calling the name unknown.
 */
public final class KnownBackends {

  /** The backend every capability but the database uses when none is configured. */
  public static final String DEFAULT_BACKEND = "memory";

  private static final Map<Capability, List<String>> NAMES = new EnumMap<>(Capability.class);

  static {
    NAMES.put(Capability.CACHE, List.of("memory", "redis", "elasticache", "dynamodb"));
    NAMES.put(Capability.SESSIONS, List.of("memory", "redis", "elasticache", "dynamodb"));
    NAMES.put(Capability.MESSAGING, List.of("memory", "kafka", "msk"));
    NAMES.put(Capability.AUTH, List.of("memory", "file-auth", "cognito"));
    NAMES.put(Capability.TRACING, List.of("memory", "otlp", "xray"));
    NAMES.put(Capability.DATABASE, List.of("postgres", "rds"));
  }

  private KnownBackends() {}

  /** The backend names Switchback ships for {@code capability}, in documentation order. */
  public static List<String> names(Capability capability) {
    return NAMES.get(capability);
  }

  /** The backend used when none is configured; empty for the database, which has no default. */
  public static Optional<String> defaultName(Capability capability) {
    return capability == Capability.DATABASE ? Optional.empty() : Optional.of(DEFAULT_BACKEND);
  }

  /** The Maven coordinates of the module that provides backend {@code name}. */
  public static String artifact(String name) {
    return "dev.switchback:switchback-" + name;
  }
}
