package dev.switchback.aws.internal;

import java.util.Locale;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.spi.Converter;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.regions.Region;

/**
 * Reads an AWS region code. The SDK accepts any string as a region and fails only at the first
 * call, so the shape is checked here: two letters, one or more words, a number ({@code
 * eu-west-1}, {@code us-gov-east-1}, {@code ap-southeast-5}).
 */
public final class RegionConverter implements Converter<Region> {
  private static final long serialVersionUID = 1L;
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");

  /** Creates the converter; SmallRye instantiates it from {@code @WithConverter}. */
  public RegionConverter() {}

  /**
   * The region {@code value} names.
   *
   * @throws IllegalArgumentException naming the accepted form
   */
  @Override
  public @Nullable Region convert(String value) {
    String text = value.trim().toLowerCase(Locale.ROOT);
    if (text.isEmpty()) {
      return null;
    }
    if (!REGION.matcher(text).matches()) {
      throw new IllegalArgumentException("'" + value.trim() + "' is not an AWS region; accepted"
          + " values: a region code such as eu-west-1 or us-east-1");
    }
    return Region.of(text);
  }
}
