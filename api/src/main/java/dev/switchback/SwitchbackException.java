package dev.switchback;

/**
 * Root of every exception Switchback raises. Adapters translate vendor exceptions into one of
 * the subtypes at their boundary, so callers never need a vendor type to handle a failure.
 *
 * <p>Messages never contain secrets, passwords or raw tokens.
 */
public class SwitchbackException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SwitchbackException(String message) {
    super(message);
  }

  public SwitchbackException(String message, Throwable cause) {
    super(message, cause);
  }
}
