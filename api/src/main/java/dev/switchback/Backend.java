package dev.switchback;

import static java.util.Objects.requireNonNull;

import dev.switchback.migration.Side;
import dev.switchback.spi.Pingable;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * One backend a {@link Switchback} created: which capability it serves, on which side of a
 * migration, under which name, and a way to ask whether its server can be reached. During a
 * migration a capability has two, the {@linkplain Side#OLD old} and the {@linkplain Side#NEW new}
 * one. Immutable and thread safe.
 */
public final class Backend {
  private final Capability capability;
  private final @Nullable Side side;
  private final String name;
  private final @Nullable Pingable ping;

  /**
   * @param side the side of a migration, or {@code null} when the capability has none
   * @param instance what the backend's provider created; pingable when it implements {@link
   *     Pingable}
   */
  Backend(Capability capability, @Nullable Side side, String name, Object instance) {
    this.capability = requireNonNull(capability, "capability");
    this.side = side;
    this.name = requireNonNull(name, "name");
    this.ping = instance instanceof Pingable pingable ? pingable : null;
  }

  /** The capability this backend serves. */
  public Capability capability() {
    return capability;
  }

  /** Its side of the capability's migration; empty when the capability is not migrating. */
  public Optional<Side> side() {
    return Optional.ofNullable(side);
  }

  /** The backend's configured name, such as {@code redis}. */
  public String name() {
    return name;
  }

  /** Whether the backend offers {@link #ping()} (its adapter implements {@link Pingable}). */
  public boolean pingable() {
    return ping != null;
  }

  /**
   * One round trip to the backend's server, as {@link Pingable#ping()}. Completes at once, having
   * checked nothing, when the backend is not {@linkplain #pingable() pingable}.
   */
  public CompletionStage<Void> ping() {
    if (ping == null) {
      return CompletableFuture.completedFuture(null);
    }
    try {
      return ping.ping();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** For example {@code cache redis (old)}. */
  @Override
  public String toString() {
    return capability.key() + " " + name + (side == null ? "" : " (" + side + ")");
  }
}
