package dev.switchback.testkit;

import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads trace propagation headers from a plain map, the carrier tests inject into with {@code
 * Map::put}.
 */
public enum HeaderMapGetter implements TextMapGetter<Map<String, String>> {
  /** The only instance; it keeps no state. */
  INSTANCE;

  /** The header names in {@code carrier}. */
  @Override
  public Iterable<String> keys(Map<String, String> carrier) {
    return carrier.keySet();
  }

  /** The value of header {@code key}, or null when absent or there is no carrier. */
  @Override
  public @Nullable String get(@Nullable Map<String, String> carrier, String key) {
    return carrier == null ? null : carrier.get(key);
  }
}
