package dev.switchback;

/**
 * Configuration is missing, malformed or names something that is not available. The message names
 * the exact key and, for a choice, the accepted values. Raised at start, never mid-operation.
 */
public class ConfigurationException extends SwitchbackException {
  private static final long serialVersionUID = 1L;

  public ConfigurationException(String message) {
    super(message);
  }

  public ConfigurationException(String message, Throwable cause) {
    super(message, cause);
  }
}
