package dev.switchback.aws.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.eclipse.microprofile.config.spi.Converter;
import org.jspecify.annotations.Nullable;

/** Reads an endpoint override: an absolute {@code http} or {@code https} URI with a host. */
public final class EndpointConverter implements Converter<URI> {
  private static final long serialVersionUID = 1L;

  /** The forms accepted, for messages. */
  public static final String ACCEPTED =
      "an http or https URI with a host, such as http://127.0.0.1:4566";

  /** Creates the converter; SmallRye instantiates it from {@code @WithConverter}. */
  public EndpointConverter() {}

  /**
   * The URI {@code value} holds.
   *
   * @throws IllegalArgumentException naming the accepted form
   */
  @Override
  public @Nullable URI convert(String value) {
    String text = value.trim();
    if (text.isEmpty()) {
      return null;
    }
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw invalid(text);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
        || uri.getRawUserInfo() != null) {
      throw invalid(text);
    }
    return uri;
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException("'" + text + "' is not an endpoint; accepted values: "
        + ACCEPTED);
  }
}
