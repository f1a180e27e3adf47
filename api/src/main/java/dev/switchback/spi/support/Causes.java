package dev.switchback.spi.support;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;

/**
 * What adapters look for in a vendor's exception when they translate it at their boundary: the
 * failure under the wrappers of futures, the first cause of a type, and a short description for
 * a message.
 */
public final class Causes {
  private Causes() {}

  /** {@code failure} without the {@link CompletionException} and {@link ExecutionException} around it. */
  public static Throwable unwrap(Throwable failure) {
    Throwable current = failure;
    while ((current instanceof CompletionException || current instanceof ExecutionException)
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }

  /** The first of {@code failure} and its causes that is a {@code type}, if any. */
  public static <T extends Throwable> @Nullable T find(Throwable failure, Class<T> type) {
    for (Throwable current = failure; current != null; current = current.getCause()) {
      if (type.isInstance(current)) {
        return type.cast(current);
      }
      if (current.getCause() == current) {
        break;
      }
    }
    return null;
  }

  /** The deepest cause of {@code failure}. */
  public static Throwable root(Throwable failure) {
    Throwable current = failure;
    while (current.getCause() != null && current.getCause() != current) {
      current = current.getCause();
    }
    return current;
  }

  /**
   * {@code failure}'s simple class name and message, cut to {@code maxChars}: for messages, and
   * only for failures whose messages hold no secret (a server's reply, a TLS error).
   */
  public static String summary(Throwable failure, int maxChars) {
    String message = failure.getMessage();
    String text = failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    return text.length() > maxChars ? text.substring(0, maxChars) + "..." : text;
  }
}
