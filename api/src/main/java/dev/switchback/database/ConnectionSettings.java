package dev.switchback.database;

import static java.util.Objects.requireNonNull;

import java.util.function.Supplier;

/**
 * What an ORM or a reactive SQL client needs to open its own connections to the configured
 * database. The password supplier is asked again for every new connection, so short-lived
 * credentials (RDS IAM tokens, rotated secrets) work.
 *
 * @param host server host
 * @param port server port
 * @param database database name
 * @param user user name
 * @param password asked once per new connection; never logged
 * @param sslMode Postgres sslmode ({@code disable}, {@code require}, {@code verify-ca},
 *     {@code verify-full})
 */
public record ConnectionSettings(
    String host, int port, String database, String user, Supplier<char[]> password, String sslMode) {

  public ConnectionSettings {
    requireNonNull(host, "host");
    requireNonNull(database, "database");
    requireNonNull(user, "user");
    requireNonNull(password, "password");
    requireNonNull(sslMode, "sslMode");
  }

  @Override
  public String toString() {
    return "ConnectionSettings[" + user + "@" + host + ":" + port + "/" + database
        + ", sslmode=" + sslMode + "]";
  }
}
