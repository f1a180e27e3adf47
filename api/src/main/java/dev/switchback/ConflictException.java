package dev.switchback;

/**
 * A conditional write lost: the stored version differs from the expected one, or the item that
 * was to be created already exists. Re-read and retry.
 */
public class ConflictException extends SwitchbackException {
  private static final long serialVersionUID = 1L;

  public ConflictException(String message) {
    super(message);
  }

  public ConflictException(String message, Throwable cause) {
    super(message, cause);
  }
}
