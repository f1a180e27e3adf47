package dev.switchback;

/**
 * The backend did not answer within the operation's time budget. Whether a write took effect is
 * unknown: retry only idempotent operations.
 */
public class OperationTimeoutException extends BackendUnavailableException {
  private static final long serialVersionUID = 1L;

  public OperationTimeoutException(String message) {
    super(message);
  }

  public OperationTimeoutException(String message, Throwable cause) {
    super(message, cause);
  }
}
