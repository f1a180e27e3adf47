package dev.switchback;

/**
 * A value is larger than the backend accepts. Raised before the call is sent, so nothing is
 * written.
 */
public class TooLargeException extends InvalidInputException {
  private static final long serialVersionUID = 1L;

  public TooLargeException(String message) {
    super(message);
  }

  public TooLargeException(String message, Throwable cause) {
    super(message, cause);
  }
}
