package dev.switchback.dynamodb.internal;

import dev.switchback.TooLargeException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The size DynamoDB counts for an item, for refusing items over {@link #MAX_ITEM_BYTES} before
 * the call. Follows DynamoDB's rules (attribute names plus values; strings and binaries by their
 * bytes; 3 bytes per map or list plus 1 per element), and over-counts numbers (one byte per
 * character plus one, where DynamoDB packs two digits into a byte), so an item it accepts is one
 * DynamoDB accepts.
 */
public final class ItemSize {

  /** DynamoDB's item limit: 400 KB, 409,600 bytes. */
  public static final int MAX_ITEM_BYTES = 400 * 1024;

  private ItemSize() {}

  /** The size of {@code item} in bytes, as DynamoDB counts it or a little more. */
  public static long of(Map<String, AttributeValue> item) {
    long bytes = 0;
    for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
      bytes += utf8(attribute.getKey()) + valueSize(attribute.getValue());
    }
    return bytes;
  }

  /**
   * Does nothing if {@code item} fits.
   *
   * @throws TooLargeException naming {@code what} and the sizes otherwise
   */
  public static void requireFits(String what, Map<String, AttributeValue> item) {
    long bytes = of(item);
    if (bytes > MAX_ITEM_BYTES) {
      throw new TooLargeException(what + " takes " + bytes + " bytes as a DynamoDB item; the limit"
          + " is " + MAX_ITEM_BYTES);
    }
  }

  private static long valueSize(AttributeValue value) {
    switch (value.type()) {
      case S:
        return utf8(value.s());
      case N:
        return value.n().length() + 1L;
      case B:
        return value.b().asByteArray().length;
      case BOOL:
      case NUL:
        return 1;
      case M: {
        long bytes = 3;
        for (Map.Entry<String, AttributeValue> e : value.m().entrySet()) {
          bytes += 1 + utf8(e.getKey()) + valueSize(e.getValue());
        }
        return bytes;
      }
      case L: {
        long bytes = 3;
        for (AttributeValue element : value.l()) {
          bytes += 1 + valueSize(element);
        }
        return bytes;
      }
      case SS:
        return value.ss().stream().mapToLong(ItemSize::utf8).sum();
      case NS:
        return value.ns().stream().mapToLong(n -> n.length() + 1L).sum();
      case BS:
        return value.bs().stream().mapToLong(b -> b.asByteArray().length).sum();
      default:
        throw new IllegalArgumentException("unknown attribute type " + value.type());
    }
  }

  private static long utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }
}
