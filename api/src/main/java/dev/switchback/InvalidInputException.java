package dev.switchback;

/**
 * The caller passed a value the operation cannot accept (null or empty key, bad topic name,
 * wrong parameter count, negative TTL). Raised before anything is written.
 */
public class InvalidInputException extends SwitchbackException {
  private static final long serialVersionUID = 1L;

  public InvalidInputException(String message) {
    super(message);
  }

  public InvalidInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
