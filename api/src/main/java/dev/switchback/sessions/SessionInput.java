package dev.switchback.sessions;

import dev.switchback.InvalidInputException;
import dev.switchback.TooLargeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Checks of what callers hand to a {@link Sessions} store, shared by every adapter and the
 * migration router. Each throws {@link InvalidInputException} before anything is written.
 * Messages never contain a session id: ids are bearer credentials.
 */
public final class SessionInput {
  private SessionInput() {}

  public static String requireId(@Nullable String id) {
    if (id == null || id.isEmpty()) {
      throw new InvalidInputException("session id must not be null or empty");
    }
    return id;
  }

  public static String requireSubject(@Nullable String subject) {
    if (subject == null || subject.isEmpty()) {
      throw new InvalidInputException("session subject must not be null or empty");
    }
    return subject;
  }

  public static Map<String, String> requireAttributes(@Nullable Map<String, String> attributes) {
    if (attributes == null) {
      throw new InvalidInputException("session attributes must not be null");
    }
    for (Map.Entry<String, String> attribute : attributes.entrySet()) {
      if (attribute.getKey() == null) {
        throw new InvalidInputException("session attribute names must not be null");
      }
      if (attribute.getValue() == null) {
        throw new InvalidInputException(
            "session attribute '" + attribute.getKey() + "' must not have a null value");
      }
    }
    return attributes;
  }

  public static Duration requireTtl(@Nullable Duration ttl) {
    if (ttl == null || ttl.isNegative() || ttl.isZero()) {
      throw new InvalidInputException("session TTL must be positive, got " + ttl);
    }
    return ttl;
  }

  /** Checks a whole session handed over for replication. */
  public static Session requireSession(@Nullable Session session) {
    if (session == null) {
      throw new InvalidInputException("session must not be null");
    }
    requireId(session.id());
    requireSubject(session.subject());
    requireTtl(session.ttl());
    if (session.version() < 1) {
      throw new InvalidInputException(
          "session version must be at least 1, got " + session.version());
    }
    return session;
  }

  /**
   * Checks that the subject and attributes take at most {@code maxBytes} bytes in UTF-8.
   *
   * @throws TooLargeException if they take more
   */
  public static void requireSize(String subject, Map<String, String> attributes, int maxBytes) {
    long bytes = utf8Length(subject);
    for (Map.Entry<String, String> attribute : attributes.entrySet()) {
      bytes += utf8Length(attribute.getKey()) + utf8Length(attribute.getValue());
    }
    if (bytes > maxBytes) {
      throw new TooLargeException(
          "session subject and attributes take " + bytes + " bytes; the limit is " + maxBytes);
    }
  }

  private static int utf8Length(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }
}
