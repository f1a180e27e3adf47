package dev.switchback.aws.internal;

import dev.switchback.aws.CredentialsSource;
import org.eclipse.microprofile.config.spi.Converter;
import org.jspecify.annotations.Nullable;

/** Reads {@code switchback.aws.credentials}, refusing anything but the names it accepts. */
public final class CredentialsSourceConverter implements Converter<CredentialsSource> {
  private static final long serialVersionUID = 1L;

  /** Creates the converter; SmallRye instantiates it from {@code @WithConverter}. */
  public CredentialsSourceConverter() {}

  /**
   * The source {@code value} names.
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  @Override
  public @Nullable CredentialsSource convert(String value) {
    if (value.isBlank()) {
      return null;
    }
    return CredentialsSource.parse(value).orElseThrow(() -> new IllegalArgumentException("'"
        + value.trim() + "' is not a credentials source; accepted values: "
        + CredentialsSource.acceptedNames()));
  }
}
