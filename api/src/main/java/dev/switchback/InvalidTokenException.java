package dev.switchback;

import static java.util.Objects.requireNonNull;

/**
 * A token was refused by {@code Auth.verify} or {@code Auth.refresh}. The {@link #reason()} says
 * why in a form callers can act on; the message never contains the token itself.
 */
public class InvalidTokenException extends SwitchbackException {
  private static final long serialVersionUID = 1L;

  /** Why a token was refused. */
  public enum Reason {
    /** Not three base64url segments, header or payload not JSON, or claims of the wrong type. */
    MALFORMED,
    /** The algorithm is none, symmetric, unsupported, or differs from the key's algorithm. */
    UNSUPPORTED_ALGORITHM,
    /** No key with the token's {@code kid} is known, or the {@code kid} is missing. */
    UNKNOWN_KEY,
    /** The signature does not verify. */
    BAD_SIGNATURE,
    /** {@code exp} is in the past beyond the allowed clock skew. */
    EXPIRED,
    /** {@code nbf} or {@code iat} is in the future beyond the allowed clock skew. */
    NOT_YET_VALID,
    /** The issuer is not the expected one. */
    WRONG_ISSUER,
    /** Audience or client id is not the expected one. */
    WRONG_AUDIENCE,
    /** An id token where an access token is expected, or the other way round. */
    WRONG_TOKEN_USE,
    /** A required claim is absent. */
    MISSING_CLAIM,
    /** A required group is absent. */
    MISSING_GROUP,
    /** The token was revoked or its refresh token is unknown. */
    REVOKED
  }

  private final Reason reason;

  public InvalidTokenException(Reason reason, String message) {
    super(message);
    this.reason = requireNonNull(reason, "reason");
  }

  public InvalidTokenException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = requireNonNull(reason, "reason");
  }

  /** Why the token was refused. */
  public Reason reason() {
    return reason;
  }
}
