package dev.switchback.aws;

import static java.util.Objects.requireNonNull;

import dev.switchback.InvalidInputException;
import org.jspecify.annotations.Nullable;

/**
 * What an IAM authentication token is for: the service it is signed for, the host (and port)
 * signed into it, and the user it connects as.
 *
 * @param service the SigV4 signing name, {@code elasticache} or {@code rds-db}
 * @param host the host signed into the token
 * @param port the port signed into the token, or {@code null} for none
 * @param userParameter the query parameter naming the user: {@code User} or {@code DBUser}
 * @param user the user to connect as
 */
public record IamAuthTarget(
    String service, String host, @Nullable Integer port, String userParameter, String user) {

  /** The signing name of ElastiCache: {@code elasticache}. */
  public static final String ELASTICACHE = "elasticache";

  /** The signing name of RDS IAM database authentication: {@code rds-db}. */
  public static final String RDS = "rds-db";

  public IamAuthTarget {
    requireNonBlank(service, "service");
    requireNonBlank(host, "host");
    requireNonBlank(userParameter, "userParameter");
    requireNonBlank(user, "user");
    if (port != null && (port < 1 || port > 65_535)) {
      throw new InvalidInputException("port must be 1 to 65535, got " + port);
    }
  }

  /**
   * A token for ElastiCache (Redis OSS or Valkey) IAM authentication: signed for {@code
   * elasticache}, host the replication group id or serverless cache name in lower case, no port,
   * {@code User=<user>}.
   *
   * @throws InvalidInputException if either is blank
   */
  public static IamAuthTarget elastiCache(String cacheName, String user) {
    return new IamAuthTarget(ELASTICACHE, requireNonBlank(cacheName, "cacheName")
        .toLowerCase(java.util.Locale.ROOT), null, "User", user);
  }

  /**
   * A token for RDS or Aurora IAM database authentication: signed for {@code rds-db}, the
   * endpoint's {@code host:port}, {@code DBUser=<user>}.
   *
   * @throws InvalidInputException if a string is blank or the port out of range
   */
  public static IamAuthTarget rds(String host, int port, String dbUser) {
    return new IamAuthTarget(RDS, host, port, "DBUser", dbUser);
  }

  private static String requireNonBlank(@Nullable String value, String name) {
    requireNonNull(value, name);
    if (value.isBlank()) {
      throw new InvalidInputException(name + " must not be blank");
    }
    return value;
  }
}
