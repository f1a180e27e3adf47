package dev.switchback.samples.plain;

import java.util.Map;
import java.util.StringJoiner;

/** Just enough JSON output for the sample's answers; values are strings, numbers, booleans or maps. */
final class Json {
  private Json() {}

  static String object(Map<String, ?> fields) {
    StringJoiner out = new StringJoiner(",", "{", "}");
    fields.forEach((k, v) -> out.add(string(k) + ":" + value(v)));
    return out.toString();
  }

  @SuppressWarnings("unchecked")
  private static String value(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof Number || v instanceof Boolean) {
      return v.toString();
    }
    if (v instanceof Map<?, ?> m) {
      return object((Map<String, ?>) m);
    }
    if (v instanceof Iterable<?> items) {
      StringJoiner out = new StringJoiner(",", "[", "]");
      items.forEach(i -> out.add(value(i)));
      return out.toString();
    }
    return string(v.toString());
  }

  static String string(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
