package dev.switchback.pairs;

import dev.switchback.testkit.servers.LocalTlsRedis;

/** The TLS Redis that stands in for ElastiCache in every pair test of this JVM. */
final class PairServers {
  /** The password of {@link LocalTlsRedis#USER}: the AUTH token the pairs present. */
  static final String TOKEN = "pairs-auth-token-0123456789";

  private static LocalTlsRedis tlsRedis; // guarded by PairServers.class

  private PairServers() {}

  /** The shared TLS Redis, started on first use with {@link #TOKEN} as its user's password. */
  static synchronized LocalTlsRedis tlsRedis() {
    if (tlsRedis == null) {
      LocalTlsRedis started = LocalTlsRedis.start();
      started.setPasswords(TOKEN);
      tlsRedis = started;
    }
    return tlsRedis;
  }
}
