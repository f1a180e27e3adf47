package dev.switchback.memory.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Settings of the memory auth backend, under {@code switchback.auth.memory}. Durations are
 * ISO-8601 ({@code PT1H}).
 */
@ConfigMapping(prefix = "switchback.auth.memory")
public interface MemoryAuthConfig {

  /** {@code issuer}: the {@code iss} of issued tokens and the only one accepted. */
  @WithDefault(MemoryAuth.DEFAULT_ISSUER)
  String issuer();

  /** {@code client-id}: the {@code client_id} of access tokens and the only one accepted. */
  @WithDefault(MemoryAuth.DEFAULT_CLIENT_ID)
  String clientId();

  /** {@code token-ttl}: how long access and id tokens live. */
  @WithDefault("PT1H")
  Duration tokenTtl();

  /** {@code refresh-token-ttl}: how long refresh tokens live. */
  @WithDefault("P30D")
  Duration refreshTokenTtl();

  /** {@code bcrypt-cost}: 4 to 31. */
  @WithDefault("10")
  int bcryptCost();

  /** {@code clock-skew}: how far token times may be off when verifying. */
  @WithDefault("PT60S")
  Duration clockSkew();
}
