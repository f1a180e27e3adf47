package dev.switchback.spi.support;

import dev.switchback.ConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
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

  /**
   * The file {@code value}, the setting under {@code key}, as an absolute path, if it is a
   * readable PEM (or DER) file of at least one X.509 certificate: the certificate authorities a
   * TLS client trusts instead of the JVM's.
   *
   * @throws ConfigurationException naming {@code key} if it is not a path, cannot be read or
   *     holds no certificate
   */
  public static Path caFile(String key, String value) {
    Path file;
    try {
      file = Path.of(value.trim());
    } catch (InvalidPathException e) {
      throw new ConfigurationException("Invalid value for " + key + ": '" + value
          + "' is not a file path");
    }
    try (InputStream in = Files.newInputStream(file)) {
      if (CertificateFactory.getInstance("X.509").generateCertificates(in).isEmpty()) {
        throw new ConfigurationException("Invalid value for " + key + ": " + file
            + " holds no certificate; it must be a readable PEM file of CA certificates");
      }
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      if (e instanceof ConfigurationException known) {
        throw known;
      }
      throw new ConfigurationException("Invalid value for " + key + ": cannot read " + file
          + " (" + e.getClass().getSimpleName() + "); it must be a readable PEM file of CA"
          + " certificates");
    }
    return file.toAbsolutePath();
  }
}
