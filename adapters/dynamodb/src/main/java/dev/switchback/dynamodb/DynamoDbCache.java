package dev.switchback.dynamodb;

import static java.util.Objects.requireNonNull;

import dev.switchback.cache.Cache;
import dev.switchback.cache.CacheEntry;
import dev.switchback.cache.CacheFeature;
import dev.switchback.cache.CacheInput;
import dev.switchback.dynamodb.internal.CacheItems;
import dev.switchback.dynamodb.internal.EpochSeconds;
import dev.switchback.dynamodb.internal.ItemSize;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * A {@link Cache} in a DynamoDB table, one item per key (layout in {@link CacheItems}). No
 * optional features: bulk operations are not offered.
 *
 * <ul>
 *   <li><b>Reads</b> are strongly consistent, and an entry past its expiry is never returned,
 *       although DynamoDB's TTL deletes it only eventually.
 *   <li><b>Expiry</b> is kept to the millisecond (a fraction is rounded up) in {@code expires_ms}
 *       and in epoch seconds, rounded up, in the TTL attribute. A TTL reaching past the year 5138
 *       is refused with {@link dev.switchback.InvalidInputException} (see {@link EpochSeconds}).
 *   <li><b>putIfAbsent</b> writes on the condition that no item exists or the stored one has
 *       expired; <b>delete</b> reports whether the item it removed was live.
 *   <li><b>Size</b>: an entry over DynamoDB's 400 KB item limit fails with {@link
 *       dev.switchback.TooLargeException} before the call.
 * </ul>
 *
 * <p>Closing stops new operations, lets started ones finish and closes the table's client.
 * Thread safe.
 */
public final class DynamoDbCache implements Cache {
  private static final String ABSENT_OR_EXPIRED = "attribute_not_exists(#id) OR #exp <= :now";

  private final DynamoDbTable table;
  private final CacheItems items;

  private DynamoDbCache(DynamoDbTable table) {
    this.table = requireNonNull(table, "table");
    if (CacheItems.RESERVED.contains(table.ttlAttribute())) {
      throw new IllegalArgumentException("the TTL attribute must not be one of the cache's own"
          + " attributes " + CacheItems.RESERVED + ", got " + table.ttlAttribute());
    }
    this.items = new CacheItems(table.ttlAttribute());
  }

  /**
   * A cache on {@code table}, which it owns and closes.
   *
   * @throws IllegalArgumentException if the table's TTL attribute is one of the cache's own
   */
  public static DynamoDbCache on(DynamoDbTable table) {
    return new DynamoDbCache(table);
  }

  @Override
  public CompletionStage<Optional<byte[]>> get(String key) {
    return getEntry(key).thenApply(entry -> entry.map(CacheEntry::value));
  }

  @Override
  public CompletionStage<Optional<CacheEntry>> getEntry(String key) {
    return table.call("GetItem", () -> CacheInput.requireValidKey(key), checked -> {
      Map<String, AttributeValue> item = table.client().getItem(r -> r.tableName(table.name())
          .key(CacheItems.itemKey(key))
          .consistentRead(true)).item();
      return Optional.ofNullable(CacheItems.liveEntry(key, item, now()));
    });
  }

  @Override
  public CompletionStage<Void> put(String key, byte[] value, @Nullable Duration ttl) {
    return table.call("PutItem", () -> checkedItem(key, value, ttl), item -> {
      table.client().putItem(r -> r.tableName(table.name()).item(item));
      return null;
    });
  }

  @Override
  public CompletionStage<Boolean> putIfAbsent(String key, byte[] value, @Nullable Duration ttl) {
    return table.call("PutItem", () -> checkedItem(key, value, ttl), item -> {
      try {
        table.client().putItem(r -> r.tableName(table.name())
            .item(item)
            .conditionExpression(ABSENT_OR_EXPIRED)
            .expressionAttributeNames(Map.of("#id", CacheItems.ID, "#exp", CacheItems.EXPIRES_MS))
            .expressionAttributeValues(Map.of(":now",
                AttributeValue.fromN(Long.toString(now().toEpochMilli())))));
        return true;
      } catch (ConditionalCheckFailedException present) {
        return false;
      }
    });
  }

  @Override
  public CompletionStage<Boolean> delete(String key) {
    return table.call("DeleteItem", () -> CacheInput.requireValidKey(key), checked -> {
      Map<String, AttributeValue> old = table.client().deleteItem(r -> r.tableName(table.name())
          .key(CacheItems.itemKey(key))
          .returnValues(ReturnValue.ALL_OLD)).attributes();
      return CacheItems.liveEntry(key, old, now()) != null;
    });
  }

  /** None: bulk operations are not offered. */
  @Override
  public Set<CacheFeature> features() {
    return Set.of();
  }

  /** Stops taking operations, lets started ones finish, and closes the table's client. */
  @Override
  public CompletionStage<Void> closeAsync() {
    return table.closeAsync();
  }

  @Override
  public String toString() {
    return "DynamoDbCache[" + table + "]";
  }

  /** Checks a write's arguments and builds its item, before anything is sent. */
  private Map<String, AttributeValue> checkedItem(
      String key, byte[] value, @Nullable Duration ttl) {
    CacheInput.requireValidKey(key);
    CacheInput.requireValidValue(value);
    CacheInput.requireValidTtl(ttl);
    Instant expiresAt = ttl == null ? null : EpochSeconds.expiry(now(), ttl);
    // The SDK copies the bytes into the request, so the caller's array is not kept.
    Map<String, AttributeValue> item = items.item(key, value, expiresAt);
    ItemSize.requireFits("the cache entry", item);
    return item;
  }

  private Instant now() {
    return table.clock().instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
