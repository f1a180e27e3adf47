package dev.switchback.spi;

import java.util.concurrent.CompletionStage;

/**
 * Optional ability of a backend, whatever its capability: one round trip to the server it works
 * with, to tell whether it can be reached now. Readiness checks use it through {@link
 * dev.switchback.Switchback#backends()}.
 *
 * <p>An adapter offers it by having the object its provider creates implement this interface.
 * Unlike the abilities a capability's callers use (listed in its {@code features()}), it is about
 * the backend's connection rather than its data, so every capability's backends offer it the same
 * way.
 *
 * <p><b>Guarantees.</b> Changes nothing. Bounded by the backend's own request timeout. Thread
 * safe.
 */
public interface Pingable {

  /**
   * Completes normally when the server answered; fails with {@link
   * dev.switchback.BackendUnavailableException} when it cannot be reached, {@link
   * dev.switchback.OperationTimeoutException} when it did not answer in time, or {@link
   * dev.switchback.SwitchbackException} once this backend is closed. Never throws itself.
   */
  CompletionStage<Void> ping();
}
