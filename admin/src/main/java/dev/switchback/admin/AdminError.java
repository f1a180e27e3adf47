package dev.switchback.admin;

/**
 * Why an admin request failed, with its HTTP status and the code that names it in the error
 * document {@code {"status": 409, "error": "move-rejected", "message": "..."}}.
 */
public enum AdminError {
  /** The body is not a JSON object of the documented fields, or a field has the wrong type. */
  MALFORMED_REQUEST(400, "malformed-request"),
  /** The stage named is not one; the message lists the accepted names. */
  UNKNOWN_STAGE(400, "unknown-stage"),
  /** The canary share is outside 0 to 100. */
  INVALID_CANARY_PERCENT(400, "invalid-canary-percent"),
  /** The capability named is not one; the message lists the accepted names. */
  UNKNOWN_CAPABILITY(404, "unknown-capability"),
  /** The capability has no migration: its {@code migration.target} is not configured. */
  NO_MIGRATION(404, "no-migration"),
  /** The migration's rules refuse the move; the stage is unchanged. */
  MOVE_REJECTED(409, "move-rejected"),
  /** The caller did not prove it is an admin. */
  UNAUTHORIZED(401, "unauthorized"),
  /** The caller proved who it is, but is not an admin (a host with roles says so). */
  FORBIDDEN(403, "forbidden"),
  /** No operation at that path. */
  NOT_FOUND(404, "not-found"),
  /** The path exists but not for that method. */
  METHOD_NOT_ALLOWED(405, "method-not-allowed"),
  /** The body is larger than {@link SwitchbackAdmin#MAX_BODY_BYTES}. */
  PAYLOAD_TOO_LARGE(413, "payload-too-large"),
  /** The body is not {@code application/json}. */
  UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type"),
  /** Switchback is closed. */
  UNAVAILABLE(503, "unavailable");

  private final int httpStatus;
  private final String code;

  AdminError(int httpStatus, String code) {
    this.httpStatus = httpStatus;
    this.code = code;
  }

  /** The HTTP status of a response with this error. */
  public int httpStatus() {
    return httpStatus;
  }

  /** The {@code error} field of the error document, for example {@code move-rejected}. */
  public String code() {
    return code;
  }
}
