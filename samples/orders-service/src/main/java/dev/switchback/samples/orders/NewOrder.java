package dev.switchback.samples.orders;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /orders}.
 *
 * @param item what to order: 1 to {@value #MAX_ITEM_LENGTH} characters, not blank
 * @param quantity 1 to {@value #MAX_QUANTITY}
 */
public record NewOrder(@Nullable String item, @Nullable Integer quantity) {
  static final int MAX_ITEM_LENGTH = 100;
  static final int MAX_QUANTITY = 1000;

  /** What is wrong with this order, one sentence per field; empty when it is valid. */
  List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (item == null || item.isBlank()) {
      problems.add("item is required");
    } else if (item.length() > MAX_ITEM_LENGTH) {
      problems.add("item has " + item.length() + " characters, at most " + MAX_ITEM_LENGTH
          + " are allowed");
    }
    if (quantity == null) {
      problems.add("quantity is required");
    } else if (quantity < 1 || quantity > MAX_QUANTITY) {
      problems.add("quantity must be from 1 to " + MAX_QUANTITY + ", was " + quantity);
    }
    return problems;
  }
}
