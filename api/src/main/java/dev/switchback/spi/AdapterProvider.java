package dev.switchback.spi;

import java.util.Optional;

/**
 * Makes one kind of backend for one capability. Implementations are registered in {@code
 * META-INF/services} under the capability's provider interface ({@code CacheProvider} and so
 * on) and found with {@link java.util.ServiceLoader}.
 *
 * <p>A provider is tiny: a {@link #name()} that configuration selects it by (the value of
 * {@code switchback.<capability>.backend}), an optional configuration mapping, and a factory.
 *
 * @param <T> what it makes
 */
public interface AdapterProvider<T> {

  /** The backend name used in configuration, for example {@code redis}. Lower case. */
  String name();

  /**
   * The SmallRye {@code @ConfigMapping} interface of this backend's settings, whose prefix is
   * {@code switchback.<capability>.<name>}; empty if the backend has no settings. Registered
   * before configuration is read, so unknown keys under the prefix fail at start.
   */
  default Optional<Class<?>> configMapping() {
    return Optional.empty();
  }

  /**
   * Whether two instances this provider creates from the same settings are separate stores, so a
   * migration from this backend to itself moves data (true for in-process stores). False by
   * default: a backend reached at an address would be the same store on both sides, as both
   * read {@code switchback.<capability>.<name>.*}, and such a migration is refused at start.
   */
  default boolean instancesAreSeparate() {
    return false;
  }

  /**
   * Creates the backend. Fails fast: a configuration problem throws
   * {@link dev.switchback.ConfigurationException} naming the key. Does not wait for the backend
   * to be reachable unless the backend needs it to start.
   */
  T create(ProviderContext context);
}
