package dev.switchback.config;

import java.util.Locale;
import org.eclipse.microprofile.config.spi.Converter;
import org.jspecify.annotations.Nullable;

/**
 * Reads a boolean and refuses anything that is not clearly one. SmallRye's own converter reads
 * every unrecognised word as {@code false}, which would silently switch a guard off on a typo.
 * Accepts {@code true}/{@code false}, {@code yes}/{@code no}, {@code on}/{@code off} and {@code
 * 1}/{@code 0}, case-insensitively.
 */
public final class StrictBooleanConverter implements Converter<Boolean> {
  private static final long serialVersionUID = 1L;

  /** Creates the converter; SmallRye instantiates it from {@code @WithConverter}. */
  public StrictBooleanConverter() {}

  /**
   * The boolean {@code value} names.
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  @Override
  public @Nullable Boolean convert(String value) {
    switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "":
        return null; // absent: the default applies
      case "true":
      case "yes":
      case "on":
      case "1":
        return Boolean.TRUE;
      case "false":
      case "no":
      case "off":
      case "0":
        return Boolean.FALSE;
      default:
        throw new IllegalArgumentException(
            "'" + value.trim() + "' is not a boolean; accepted values: true, false");
    }
  }
}
