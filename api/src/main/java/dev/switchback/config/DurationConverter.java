package dev.switchback.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.spi.Converter;
import org.jspecify.annotations.Nullable;

/**
 * Reads a duration the way operators write one: {@code 500ms}, {@code 60s}, {@code 5m}, {@code
 * 2h}, {@code 1d} (also {@code ns} and {@code us}), a bare integer meaning seconds, or ISO-8601
 * ({@code PT1S}, {@code P1D}). Sign is kept, so range checks can name a negative value.
 *
 * @throws IllegalArgumentException from {@link #convert} naming the accepted forms
 */
public final class DurationConverter implements Converter<Duration> {
  private static final long serialVersionUID = 1L;

  /** The forms {@link #convert} accepts, for error messages. */
  public static final String ACCEPTED_FORMS =
      "a number with a unit (ns, us, ms, s, m, h, d) such as 500ms or 60s, a bare number of"
          + " seconds, or ISO-8601 such as PT1S";

  private static final Pattern SIMPLE = Pattern.compile("(-?\\d+)\\s*(ns|us|ms|s|m|h|d)?");

  /** Creates the converter; SmallRye instantiates it from {@code @WithConverter}. */
  public DurationConverter() {}

  /** Parses {@code value}; see the class description for the forms. */
  @Override
  public @Nullable Duration convert(String value) {
    String text = value.trim();
    if (text.isEmpty()) {
      // SmallRye treats an empty value as absent; returning null lets the default apply.
      return null;
    }
    Matcher m = SIMPLE.matcher(text.toLowerCase(Locale.ROOT));
    if (m.matches()) {
      long amount;
      try {
        amount = Long.parseLong(m.group(1));
      } catch (NumberFormatException e) {
        throw invalid(text);
      }
      String unit = m.group(2) == null ? "s" : m.group(2);
      try {
        return of(amount, unit);
      } catch (ArithmeticException e) {
        throw invalid(text);
      }
    }
    if (text.startsWith("P") || text.startsWith("p") || text.startsWith("-P")
        || text.startsWith("-p")) {
      try {
        return Duration.parse(text.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        throw invalid(text);
      }
    }
    throw invalid(text);
  }

  private static Duration of(long amount, String unit) {
    switch (unit) {
      case "ns":
        return Duration.ofNanos(amount);
      case "us":
        return Duration.ofNanos(Math.multiplyExact(amount, 1_000L));
      case "ms":
        return Duration.ofMillis(amount);
      case "m":
        return Duration.ofMinutes(amount);
      case "h":
        return Duration.ofHours(amount);
      case "d":
        return Duration.ofDays(amount);
      default:
        return Duration.ofSeconds(amount);
    }
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException(
        "'" + text + "' is not a duration; accepted forms: " + ACCEPTED_FORMS);
  }
}
