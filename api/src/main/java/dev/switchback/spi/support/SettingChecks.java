package dev.switchback.spi.support;

import dev.switchback.ConfigurationException;
import java.time.Duration;

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

  /**
   * {@code value}, the setting under {@code key}, if it is a positive duration.
   *
   * @throws ConfigurationException naming {@code key} otherwise
   */
  public static Duration positive(String key, Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw new ConfigurationException(key + " must be a positive duration, got " + value);
    }
    return value;
  }

  /**
   * {@code value}, the setting under {@code key}, if it is zero or positive.
   *
   * @throws ConfigurationException naming {@code key} otherwise
   */
  public static Duration notNegative(String key, Duration value) {
    if (value.isNegative()) {
      throw new ConfigurationException(key + " must not be negative, got " + value);
    }
    return value;
  }
}
