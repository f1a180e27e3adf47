package dev.switchback.memory.auth;

import dev.switchback.ConfigurationException;
import dev.switchback.auth.Auth;
import dev.switchback.auth.spi.AuthProvider;
import dev.switchback.spi.ProviderContext;
import java.time.Duration;
import java.util.Optional;

/** Makes {@link MemoryAuth} for {@code switchback.auth.backend=memory}. */
public final class MemoryAuthProvider implements AuthProvider {
  private static final String PREFIX = "switchback.auth.memory.";

  /** Called by {@link java.util.ServiceLoader}. */
  public MemoryAuthProvider() {}

  /** {@code memory}. */
  @Override
  public String name() {
    return "memory";
  }

  /** Each instance is a store of its own, so memory to memory migrates between two of them. */
  @Override
  public boolean instancesAreSeparate() {
    return true;
  }

  /** {@link MemoryAuthConfig}. */
  @Override
  public Optional<Class<?>> configMapping() {
    return Optional.of(MemoryAuthConfig.class);
  }

  /**
   * A new {@link MemoryAuth} from {@link MemoryAuthConfig}, with no users and a fresh signing
   * key.
   *
   * @throws ConfigurationException naming the key of a value out of range
   */
  @Override
  public Auth create(ProviderContext context) {
    MemoryAuthConfig config = context.config(MemoryAuthConfig.class);
    notBlank(config.issuer(), "issuer");
    notBlank(config.clientId(), "client-id");
    positive(config.tokenTtl(), "token-ttl");
    positive(config.refreshTokenTtl(), "refresh-token-ttl");
    if (config.clockSkew().isNegative()) {
      throw new ConfigurationException(PREFIX + "clock-skew must not be negative");
    }
    if (config.bcryptCost() < 4 || config.bcryptCost() > 31) {
      throw new ConfigurationException(
          PREFIX + "bcrypt-cost must be 4 to 31, got " + config.bcryptCost());
    }
    return MemoryAuth.builder()
        .issuer(config.issuer())
        .clientId(config.clientId())
        .tokenTtl(config.tokenTtl())
        .refreshTokenTtl(config.refreshTokenTtl())
        .clockSkew(config.clockSkew())
        .bcryptCost(config.bcryptCost())
        .build();
  }

  private static void notBlank(String value, String key) {
    if (value.isBlank()) {
      throw new ConfigurationException(PREFIX + key + " must not be blank");
    }
  }

  private static void positive(Duration value, String key) {
    if (value.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new ConfigurationException(PREFIX + key + " must be at least 1 second, got " + value);
    }
  }
}
