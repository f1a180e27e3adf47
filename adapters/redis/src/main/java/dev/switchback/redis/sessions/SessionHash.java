package dev.switchback.redis.sessions;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.switchback.SwitchbackException;
import dev.switchback.sessions.Session;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The layout of one session in its Redis hash, and the conversions to and from it.
 *
 * <pre>
 * subject   the subject, UTF-8
 * version   decimal
 * created   creation instant, epoch milliseconds
 * expires   expiry instant, epoch milliseconds (also the key's own expiry, PEXPIREAT)
 * ttl       the sliding TTL, ISO-8601 (PT30M), exactly as given
 * ttl-ms    the TTL in whole milliseconds, which the scripts add to "now" on touch and update
 * a:NAME    the value of attribute NAME, UTF-8
 * </pre>
 *
 * Messages never contain the session id (ids are bearer credentials).
 */
final class SessionHash {
  static final String SUBJECT = "subject";
  static final String VERSION = "version";
  static final String CREATED = "created";
  static final String EXPIRES = "expires";
  static final String TTL = "ttl";
  static final String TTL_MILLIS = "ttl-ms";
  static final String ATTRIBUTE = "a:";

  /** The latest expiry stored: the last millisecond of year 9999, exact in Lua's doubles. */
  static final Instant MAX_EXPIRY = Instant.parse("9999-12-31T23:59:59.999Z");

  private SessionHash() {}

  /**
   * The script arguments that store {@code session}: its expiry, then every field and value.
   */
  static byte[][] arguments(Session session) {
    List<byte[]> args = new ArrayList<>(14 + 2 * session.attributes().size());
    long expires = millis(session.expiresAt());
    args.add(number(expires));
    add(args, SUBJECT, session.subject());
    add(args, VERSION, Long.toString(session.version()));
    add(args, CREATED, Long.toString(millis(session.createdAt())));
    add(args, EXPIRES, Long.toString(expires));
    add(args, TTL, session.ttl().toString());
    add(args, TTL_MILLIS, Long.toString(ttlMillis(session.ttl())));
    session.attributes().forEach((name, value) -> add(args, ATTRIBUTE + name, value));
    return args.toArray(byte[][]::new);
  }

  /** Attribute field/value pairs, for the update script. */
  static List<byte[]> attributeArguments(Map<String, String> attributes) {
    List<byte[]> args = new ArrayList<>(2 * attributes.size());
    attributes.forEach((name, value) -> add(args, ATTRIBUTE + name, value));
    return args;
  }

  /** {@code instant} in epoch milliseconds, capped at {@link #MAX_EXPIRY}. */
  static long millis(Instant instant) {
    return instant.isAfter(MAX_EXPIRY) ? MAX_EXPIRY.toEpochMilli() : instant.toEpochMilli();
  }

  /** {@code ttl} in whole milliseconds, capped at the span up to {@link #MAX_EXPIRY}. */
  static long ttlMillis(Duration ttl) {
    long cap = MAX_EXPIRY.toEpochMilli();
    return ttl.compareTo(Duration.ofMillis(cap)) >= 0 ? cap : ttl.toMillis();
  }

  /** {@code now + ttl}, to the millisecond, capped at {@link #MAX_EXPIRY}. */
  static Instant expiry(Instant now, Duration ttl) {
    try {
      Instant expiry = now.plus(ttl);
      return expiry.isAfter(MAX_EXPIRY) ? MAX_EXPIRY : Instant.ofEpochMilli(expiry.toEpochMilli());
    } catch (DateTimeException | ArithmeticException tooLong) {
      return MAX_EXPIRY;
    }
  }

  /** A decimal number as script argument bytes. */
  static byte[] number(long value) {
    return Long.toString(value).getBytes(UTF_8);
  }

  /** The session stored under {@code id} as {@code fields}; HGETALL's answer. */
  static Session decode(String id, Map<String, byte[]> fields) {
    Map<String, String> attributes = new HashMap<>();
    fields.forEach(
        (field, value) -> {
          if (field.startsWith(ATTRIBUTE)) {
            attributes.put(field.substring(ATTRIBUTE.length()), text(value));
          }
        });
    try {
      return new Session(
          id,
          required(fields, SUBJECT),
          attributes,
          Long.parseLong(required(fields, VERSION)),
          Instant.ofEpochMilli(Long.parseLong(required(fields, CREATED))),
          Instant.ofEpochMilli(Long.parseLong(required(fields, EXPIRES))),
          Duration.parse(required(fields, TTL)));
    } catch (NumberFormatException | DateTimeException e) {
      throw malformed(e.getClass().getSimpleName());
    }
  }

  /** The session in HGETALL's flat answer (field, value, field, value...) from a script. */
  static Session decodeFlat(String id, List<Object> flat) {
    Map<String, byte[]> fields = new HashMap<>();
    for (int i = 0; i + 1 < flat.size(); i += 2) {
      if (!(flat.get(i) instanceof byte[] field) || !(flat.get(i + 1) instanceof byte[] value)) {
        throw malformed("a field that is not a string");
      }
      fields.put(text(field), value);
    }
    return decode(id, fields);
  }

  static String text(byte[] bytes) {
    return new String(bytes, UTF_8);
  }

  static SwitchbackException malformed(String why) {
    return new SwitchbackException("a stored session is malformed (" + why + ")");
  }

  private static String required(Map<String, byte[]> fields, String field) {
    byte[] value = fields.get(field);
    if (value == null) {
      throw malformed("no " + field + " field");
    }
    return text(value);
  }

  private static void add(List<byte[]> args, String field, String value) {
    args.add(field.getBytes(UTF_8));
    args.add(value.getBytes(UTF_8));
  }
}
