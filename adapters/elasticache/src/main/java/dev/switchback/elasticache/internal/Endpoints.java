package dev.switchback.elasticache.internal;

import dev.switchback.ConfigurationException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the {@code endpoint} setting, failing with the key named. */
public final class Endpoints {

  /** The accepted form of {@code endpoint}, for messages. */
  public static final String ACCEPTED_FORM = "host:port, for example"
      + " clustercfg.my-cache.abc123.euw1.cache.amazonaws.com:6379 (no scheme, no path)";

  // A DNS name or IPv4 address, or an IPv6 address in brackets; then an optional :port.
  private static final Pattern ENDPOINT =
      Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?)(:(\\d{1,5}))?");

  /** A host and port. */
  public record HostAndPort(String host, int port) {}

  private Endpoints() {}

  /**
   * The host and port {@code value} names; {@code defaultPort} when it names no port.
   *
   * @throws ConfigurationException naming {@code key} and the accepted form if it is malformed
   */
  public static HostAndPort parse(String key, String value, int defaultPort) {
    String text = value.trim();
    Matcher matcher = ENDPOINT.matcher(text);
    if (!matcher.matches()) {
      throw new ConfigurationException("Invalid value for " + key + ": '" + text
          + "'; accepted form: " + ACCEPTED_FORM);
    }
    String host = matcher.group(1);
    if (host.startsWith("[")) {
      host = host.substring(1, host.length() - 1);
    }
    int port = matcher.group(4) == null ? defaultPort : Integer.parseInt(matcher.group(4));
    if (port < 1 || port > 65_535) {
      throw new ConfigurationException("Invalid value for " + key + ": '" + text
          + "' (the port must be 1 to 65535); accepted form: " + ACCEPTED_FORM);
    }
    return new HostAndPort(host, port);
  }

  /** {@code host:port}, with an IPv6 host in brackets. */
  public static String format(String host, int port) {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }
}
