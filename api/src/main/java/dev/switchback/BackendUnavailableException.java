package dev.switchback;

/**
 * The backend could not be reached or refused the call for a reason that may pass (connection
 * refused or reset, broker down, throttling past the retry bound). Retrying later may succeed.
 */
public class BackendUnavailableException extends SwitchbackException {
  private static final long serialVersionUID = 1L;

  public BackendUnavailableException(String message) {
    super(message);
  }

  public BackendUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
