package dev.switchback.admin;

import static java.util.Objects.requireNonNull;

/** An admin request that failed for a {@linkplain AdminError reason} a caller can act on. */
public final class AdminException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final AdminError error;

  /** A failure for {@code error}, with a message saying what to change. */
  public AdminException(AdminError error, String message) {
    super(message);
    this.error = requireNonNull(error, "error");
  }

  /** Why it failed. */
  public AdminError error() {
    return error;
  }
}
