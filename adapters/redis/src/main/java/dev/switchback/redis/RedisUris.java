package dev.switchback.redis;

import static java.util.Objects.requireNonNull;

import dev.switchback.ConfigurationException;
import io.lettuce.core.RedisURI;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Reads the {@code uri} setting of a Redis backend into a Lettuce {@link RedisURI}, failing with
 * a message that names the key and the accepted form and never contains the password.
 */
public final class RedisUris {

  /** The server used when none is configured. */
  public static final String DEFAULT_URI = "redis://localhost:6379";

  /** The accepted form, for messages. */
  public static final String ACCEPTED_FORM =
      "redis://[[user]:password@]host[:port][/database] or rediss://... for TLS";


  private RedisUris() {}

  /**
   * The server {@code value} names, read from the setting {@code key}.
   *
   * @throws ConfigurationException naming {@code key} if {@code value} is not a {@code redis} or
   *     {@code rediss} URI with a host
   */
  public static RedisURI parse(String key, String value) {
    requireNonNull(key, "key");
    requireNonNull(value, "value");
    String text = value.trim();
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw invalid(key, text, "it is not a URI");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals(RedisURI.URI_SCHEME_REDIS)
        && !scheme.equals(RedisURI.URI_SCHEME_REDIS_SECURE)) {
      throw invalid(key, text, "the scheme must be redis or rediss");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw invalid(key, text, "it names no host");
    }
    try {
      return RedisURI.create(uri);
    } catch (RuntimeException e) {
      // Lettuce's message may quote the URI, password included: keep only our own words.
      throw invalid(key, text, "Lettuce does not accept it");
    }
  }

  /** {@code uri} with any user and password replaced by {@code ***}, for messages. */
  public static String redacted(String uri) {
    // Up to the last '@', so a password holding '/', '?' or '@' is hidden whole.
    int at = requireNonNull(uri, "uri").lastIndexOf('@');
    if (at < 0) {
      return uri;
    }
    int schemeEnd = uri.indexOf("://");
    int start = schemeEnd >= 0 && schemeEnd < at ? schemeEnd + 3 : 0;
    return uri.substring(0, start) + "***" + uri.substring(at);
  }

  /** {@code host:port} of {@code uri}: what messages and logs may say about a server. */
  public static String endpoint(RedisURI uri) {
    return uri.getHost() + ":" + uri.getPort();
  }

  private static ConfigurationException invalid(String key, String value, String why) {
    return new ConfigurationException("Invalid value for " + key + ": '" + redacted(value)
        + "' (" + why + "); accepted form: " + ACCEPTED_FORM);
  }
}
