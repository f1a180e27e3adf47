package dev.switchback.cli.walk;

import java.util.Locale;

/** What happened to one key in a copy or a comparison. */
public enum Outcome {
  /** Copied to the target. */
  COPIED,
  /** Gone from the source, or expired, by the time it was read: nothing written. */
  EXPIRED,
  /** Could not be read or written; the copy goes on with the next key. */
  FAILED,
  /** Already in the target and left as it was, by a copy told not to overwrite. */
  KEPT,
  /** Equal on both sides. */
  SAME,
  /** In the source, not in the target. */
  MISSING,
  /** On both sides with a different value, or an expiry further apart than the tolerance. */
  DIFFERENT,
  /** In the target, not in the source. */
  EXTRA;

  /** The name used in state files and summaries, such as {@code copied}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
