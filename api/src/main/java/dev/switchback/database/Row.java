package dev.switchback.database;

import dev.switchback.InvalidInputException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One row of a result, independent of the driver. Values are Java types: String, Integer,
 * Long, Double, BigDecimal, Boolean, byte[], java.time types, UUID, or null.
 */
public final class Row {
  private final List<String> columns;
  private final List<@Nullable Object> values;

  /**
   * @param columns column names in select order
   * @param values one value per column
   */
  public Row(List<String> columns, List<? extends @Nullable Object> values) {
    if (columns.size() != values.size()) {
      throw new IllegalArgumentException(
          columns.size() + " columns but " + values.size() + " values");
    }
    this.columns = List.copyOf(columns);
    this.values = Collections.unmodifiableList(new ArrayList<>(values));
  }

  /** Column names in select order. */
  public List<String> columns() {
    return columns;
  }

  /** The value of column {@code index} (0-based). */
  public @Nullable Object get(int index) {
    return values.get(index);
  }

  /** The value of column {@code name}; throws InvalidInputException if there is no such column. */
  public @Nullable Object get(String name) {
    int i = columns.indexOf(name);
    if (i < 0) {
      throw new InvalidInputException("no column '" + name + "' in " + columns);
    }
    return values.get(i);
  }

  /** The value of column {@code name} as {@code type}. */
  public <T> @Nullable T get(String name, Class<T> type) {
    return type.cast(get(name));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Row r && columns.equals(r.columns) && valuesEqual(values, r.values);
  }

  private static boolean valuesEqual(List<@Nullable Object> a, List<@Nullable Object> b) {
    for (int i = 0; i < a.size(); i++) {
      Object x = a.get(i);
      Object y = b.get(i);
      if (x instanceof byte[] bx && y instanceof byte[] by) {
        if (!java.util.Arrays.equals(bx, by)) {
          return false;
        }
      } else if (!Objects.equals(x, y)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return columns.hashCode();
  }

  @Override
  public String toString() {
    return "Row" + columns;
  }
}
