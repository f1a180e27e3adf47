package dev.switchback;

/**
 * Login failed. Unknown user and wrong password give the same exception and message, so the
 * answer does not reveal which usernames exist. Also thrown when a backend refuses Switchback's
 * own credentials (a broker's SASL login, say), with a message that names no secret.
 */
public class AuthenticationFailedException extends SwitchbackException {
  private static final long serialVersionUID = 1L;

  public AuthenticationFailedException(String message) {
    super(message);
  }

  public AuthenticationFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
