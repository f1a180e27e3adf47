package dev.switchback.migration;

import dev.switchback.SwitchbackException;

/**
 * A requested stage change breaks the rules of a migration: forward more than one stage, or
 * backwards out of {@link Stage#COMPLETE} without force. The current stage is kept.
 */
public class StageChangeRejectedException extends SwitchbackException {
  private static final long serialVersionUID = 1L;

  public StageChangeRejectedException(String message) {
    super(message);
  }
}
