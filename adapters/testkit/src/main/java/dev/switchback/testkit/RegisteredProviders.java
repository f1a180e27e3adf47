package dev.switchback.testkit;

import static java.util.Objects.requireNonNull;

import dev.switchback.spi.AdapterProvider;
import java.util.ServiceLoader;

/** Finds adapter providers the way Switchback does, through {@link ServiceLoader}. */
public final class RegisteredProviders {
  private RegisteredProviders() {}

  /**
   * The provider of {@code spi} registered under {@code name}.
   *
   * @throws AssertionError if none is registered under that name
   */
  public static <P extends AdapterProvider<?>> P named(Class<P> spi, String name) {
    requireNonNull(spi, "spi");
    requireNonNull(name, "name");
    return ServiceLoader.load(spi).stream()
        .map(ServiceLoader.Provider::get)
        .filter(provider -> provider.name().equals(name))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("no " + spi.getSimpleName() + " is registered as " + name));
  }
}
