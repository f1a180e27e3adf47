package dev.switchback.samples.orders;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchback.cache.Cache;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Orders and their notification records in the {@link Cache}, as JSON under {@code order:<id>}
 * and {@code notified:<id>}, kept for {@code orders.retention}. The cache is the order store
 * until the service moves onto the Database capability.
 */
@ApplicationScoped
public class OrderStore {
  private final Cache cache;
  private final ObjectMapper json;
  private final OrdersSettings settings;

  OrderStore(Cache cache, ObjectMapper json, OrdersSettings settings) {
    this.cache = cache;
    this.json = json;
    this.settings = settings;
  }

  /** The cache key of an order. */
  public static String orderKey(String id) {
    return "order:" + id;
  }

  /** Stores {@code order}, replacing any of the same id. */
  public CompletionStage<Void> save(Order order) {
    return cache.put(orderKey(order.id()), toJson(order), settings.retention());
  }

  /** The order of {@code id}, if the cache holds it. */
  public CompletionStage<Optional<Order>> find(String id) {
    return cache.get(orderKey(id)).thenApply(value -> value.map(bytes -> fromJson(bytes, Order.class)));
  }

  /** Records that the order of {@code id} was notified at {@code when}. */
  public CompletionStage<Void> markNotified(String id, Instant when) {
    return cache.put("notified:" + id, toJson(new Notification(id, when)), settings.retention());
  }

  /** When the order of {@code id} was notified, if it was. */
  public CompletionStage<Optional<Notification>> notification(String id) {
    return cache.get("notified:" + id)
        .thenApply(value -> value.map(bytes -> fromJson(bytes, Notification.class)));
  }

  byte[] toJson(Object value) {
    try {
      return json.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
    }
  }

  <T> T fromJson(byte[] bytes, Class<T> type) {
    try {
      return json.readValue(bytes, type);
    } catch (IOException e) {
      throw new UncheckedIOException("the cache holds no valid " + type.getSimpleName(), e);
    }
  }

  /**
   * The record the {@code notifications} subscriber leaves.
   *
   * @param orderId the order notified
   * @param notifiedAt when its {@code order-created} event was handled
   */
  public record Notification(String orderId, Instant notifiedAt) {}
}
