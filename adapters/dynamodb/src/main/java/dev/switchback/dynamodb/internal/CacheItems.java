package dev.switchback.dynamodb.internal;

import static java.util.Objects.requireNonNull;

import dev.switchback.cache.CacheEntry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * How a cache entry is laid out as an item: {@code id} (partition key), {@code value} (binary),
 * and for an entry with a TTL {@code expires_ms} (epoch milliseconds, what reads compare
 * against) and the TTL attribute (epoch seconds, for DynamoDB's deletion).
 *
 * <p>The id is {@code k:<key>}, or, for a key longer than DynamoDB's 2048-byte partition key
 * limit allows, {@code h:<base64url SHA-256 of the key>} with the key itself in {@code key},
 * compared on every read. The prefixes keep the two forms apart.
 */
public final class CacheItems {
  public static final String ID = "id";
  public static final String VALUE = "value";
  public static final String EXPIRES_MS = "expires_ms";
  public static final String KEY = "key";

  /** The names the TTL attribute must not take. */
  public static final Set<String> RESERVED = Set.of(ID, VALUE, EXPIRES_MS, KEY);

  /** DynamoDB's limit on a partition key: 2048 bytes. */
  public static final int MAX_ID_BYTES = 2048;

  private final String ttlAttribute;

  /** Items whose expiry in epoch seconds is under {@code ttlAttribute}. */
  public CacheItems(String ttlAttribute) {
    this.ttlAttribute = requireNonNull(ttlAttribute, "ttlAttribute");
  }

  /** The id under which {@code key} is stored. */
  public static String id(String key) {
    String plain = "k:" + key;
    if (plain.getBytes(StandardCharsets.UTF_8).length <= MAX_ID_BYTES) {
      return plain;
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(
          key.getBytes(StandardCharsets.UTF_8));
      return "h:" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** The key of the item of {@code key}. */
  public static Map<String, AttributeValue> itemKey(String key) {
    return Map.of(ID, AttributeValue.fromS(id(key)));
  }

  /**
   * The item of {@code value} under {@code key}, expiring at {@code expiresAt} or never.
   *
   * @throws dev.switchback.InvalidInputException if the expiry is too far to be epoch seconds
   */
  public Map<String, AttributeValue> item(String key, byte[] value, @Nullable Instant expiresAt) {
    Map<String, AttributeValue> item = new HashMap<>();
    String id = id(key);
    item.put(ID, AttributeValue.fromS(id));
    if (id.startsWith("h:")) {
      item.put(KEY, AttributeValue.fromS(key));
    }
    item.put(VALUE, AttributeValue.fromB(SdkBytes.fromByteArray(value)));
    if (expiresAt != null) {
      item.put(EXPIRES_MS, AttributeValue.fromN(Long.toString(expiresAt.toEpochMilli())));
      item.put(ttlAttribute, AttributeValue.fromN(Long.toString(EpochSeconds.ttlValue(expiresAt))));
    }
    return item;
  }

  /** The live entry of {@code key} in {@code item} at {@code now}, or null. */
  public static @Nullable CacheEntry liveEntry(
      String key, @Nullable Map<String, AttributeValue> item, Instant now) {
    if (item == null || item.isEmpty()) {
      return null;
    }
    AttributeValue storedKey = item.get(KEY);
    if (storedKey != null && !storedKey.s().equals(key)) {
      return null;
    }
    AttributeValue expires = item.get(EXPIRES_MS);
    Instant expiresAt = expires == null ? null : Instant.ofEpochMilli(Long.parseLong(expires.n()));
    if (expiresAt != null && !now.isBefore(expiresAt)) {
      return null;
    }
    return new CacheEntry(item.get(VALUE).b().asByteArray(), expiresAt);
  }
}
