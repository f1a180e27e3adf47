package dev.switchback.aws;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A signed IAM authentication token and when it was made and stops being accepted.
 *
 * @param value the token: the presigned URL without its scheme; a password, never log it
 * @param issuedAt the signing time
 * @param expiresAt when the service stops accepting it for new connections
 */
public record IamAuthToken(String value, Instant issuedAt, Instant expiresAt) {

  public IamAuthToken {
    requireNonNull(value, "value");
    requireNonNull(issuedAt, "issuedAt");
    requireNonNull(expiresAt, "expiresAt");
  }

  /** Names the times only: the value is a credential. */
  @Override
  public String toString() {
    return "IamAuthToken[issuedAt=" + issuedAt + ", expiresAt=" + expiresAt + "]";
  }
}
