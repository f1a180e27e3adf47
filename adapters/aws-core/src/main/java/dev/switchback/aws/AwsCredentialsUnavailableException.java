package dev.switchback.aws;

import dev.switchback.BackendUnavailableException;

/**
 * AWS credentials could not be resolved: none in the default chain, or the web identity token
 * could not be read or exchanged. May pass (STS or the metadata service back), so it is a {@link
 * BackendUnavailableException}. Messages never hold a key, secret or token.
 */
public final class AwsCredentialsUnavailableException extends BackendUnavailableException {
  private static final long serialVersionUID = 1L;

  /** With {@code message}, which must hold no secret. */
  public AwsCredentialsUnavailableException(String message) {
    super(message);
  }

  /**
   * With {@code message} and the {@code cause}. The cause is kept for its type and stack; SDK
   * messages about credentials name providers and variables, never their values.
   */
  public AwsCredentialsUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
