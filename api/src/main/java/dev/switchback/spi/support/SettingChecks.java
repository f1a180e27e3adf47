package dev.switchback.spi.support;

import dev.switchback.ConfigurationException;

/** Checks the providers make on configured values, failing with the exact key. */
public final class SettingChecks {
  private SettingChecks() {}

  /**
   * {@code value}, the setting under {@code key}, if it is at least {@code minimum}.
   *
   * @throws ConfigurationException naming {@code key} otherwise
   */
  public static int atLeast(String key, int minimum, int value) {
    if (value < minimum) {
      throw new ConfigurationException(key + " must be at least " + minimum + ", got " + value);
    }
    return value;
  }
}
