package dev.switchback.config;

import dev.switchback.migration.Stage;
import org.eclipse.microprofile.config.spi.Converter;
import org.jspecify.annotations.Nullable;

/**
 * Reads a {@link Stage} case-insensitively; a bad value fails naming the accepted values ({@code
 * off, dualwrite, shadow, live, rampdown, complete}).
 */
public final class StageConverter implements Converter<Stage> {
  private static final long serialVersionUID = 1L;

  /** Creates the converter; SmallRye instantiates it from {@code @WithConverter}. */
  public StageConverter() {}

  /**
   * The stage named {@code value}.
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  @Override
  public @Nullable Stage convert(String value) {
    if (value.isBlank()) {
      return null; // absent: the default applies
    }
    return Stage.parse(value);
  }
}
