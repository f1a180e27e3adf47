package dev.switchback.dynamodb.internal;

import static java.util.Objects.requireNonNull;

import dev.switchback.sessions.Session;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * How a session is laid out as an item: {@code id} (partition key), {@code subject}, {@code
 * attrs} (a map of strings), {@code version}, {@code created_ms} and {@code expires_ms} (epoch
 * milliseconds, what reads compare against), {@code ttl} (ISO-8601, so any TTL reads back
 * exactly), and the TTL attribute (epoch seconds, for DynamoDB's deletion).
 */
public final class SessionItems {
  public static final String ID = "id";
  public static final String SUBJECT = "subject";
  public static final String ATTRIBUTES = "attrs";
  public static final String VERSION = "version";
  public static final String CREATED_MS = "created_ms";
  public static final String EXPIRES_MS = "expires_ms";
  public static final String TTL = "ttl";

  /** The names the TTL attribute must not take. */
  public static final Set<String> RESERVED =
      Set.of(ID, SUBJECT, ATTRIBUTES, VERSION, CREATED_MS, EXPIRES_MS, TTL);

  private final String ttlAttribute;

  /** Items whose expiry in epoch seconds is under {@code ttlAttribute}. */
  public SessionItems(String ttlAttribute) {
    this.ttlAttribute = requireNonNull(ttlAttribute, "ttlAttribute");
  }

  /**
   * The item of {@code session}.
   *
   * @throws dev.switchback.InvalidInputException if its expiry is too far to be epoch seconds
   */
  public Map<String, AttributeValue> item(Session session) {
    Map<String, AttributeValue> attributes = new HashMap<>();
    session.attributes().forEach((name, value) -> attributes.put(name, s(value)));
    Map<String, AttributeValue> item = new HashMap<>();
    item.put(ID, s(session.id()));
    item.put(SUBJECT, s(session.subject()));
    item.put(ATTRIBUTES, AttributeValue.fromM(attributes));
    item.put(VERSION, n(session.version()));
    item.put(CREATED_MS, n(session.createdAt().toEpochMilli()));
    item.put(EXPIRES_MS, n(session.expiresAt().toEpochMilli()));
    item.put(TTL, s(session.ttl().toString()));
    item.put(ttlAttribute, n(EpochSeconds.ttlValue(session.expiresAt())));
    return item;
  }

  /** The session {@code item} holds. */
  public Session session(Map<String, AttributeValue> item) {
    Map<String, String> attributes = new HashMap<>();
    item.get(ATTRIBUTES).m().forEach((name, value) -> attributes.put(name, value.s()));
    return new Session(
        item.get(ID).s(),
        item.get(SUBJECT).s(),
        attributes,
        Long.parseLong(item.get(VERSION).n()),
        Instant.ofEpochMilli(Long.parseLong(item.get(CREATED_MS).n())),
        Instant.ofEpochMilli(expiresMillis(item)),
        Duration.parse(item.get(TTL).s()));
  }

  /** Whether {@code item} is absent or expired at {@code now}. */
  public static boolean isAbsentAt(Map<String, AttributeValue> item, Instant now) {
    return item == null || item.isEmpty() || expiresMillis(item) <= now.toEpochMilli();
  }

  private static long expiresMillis(Map<String, AttributeValue> item) {
    return Long.parseLong(item.get(EXPIRES_MS).n());
  }

  /** A key of {@code id}. */
  public static Map<String, AttributeValue> key(String id) {
    return Map.of(ID, s(id));
  }

  /** A string value. */
  public static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  /** A number value. */
  public static AttributeValue n(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }
}
