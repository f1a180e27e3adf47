package dev.switchback.cli;

import dev.switchback.config.DurationConverter;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads durations on the command line as configuration does: {@code 500ms}, {@code 30s}, {@code PT1S}. */
final class DurationOption implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    Duration duration;
    try {
      duration = new DurationConverter().convert(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException("'" + value + "' is not a duration; accepted: "
          + DurationConverter.ACCEPTED_FORMS);
    }
    if (duration == null || duration.isNegative()) {
      throw new TypeConversionException("'" + value + "' is not a positive duration");
    }
    return duration;
  }
}
