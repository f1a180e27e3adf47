package dev.switchback.cli;

import static java.util.Objects.requireNonNull;

import dev.switchback.AsyncCloseable;
import dev.switchback.Capability;
import dev.switchback.ConfigurationException;
import dev.switchback.MigrationBackends;
import dev.switchback.SwitchbackException;
import dev.switchback.cli.resp.RespStore;
import dev.switchback.migration.Side;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The source (the capability's backend, the migration's old side) and the target (its migration
 * target, the new side) of a command, built from the service's configuration through the
 * providers. Failures name the side: {@code the target (elasticache) cannot be opened: ...}.
 */
final class Sides implements AutoCloseable {
  private static final Duration CLOSE_WAIT = AsyncCloseable.CLOSE_TIMEOUT;

  private final Capability capability;
  private final MigrationBackends backends;
  private final Map<Side, Optional<RespStore>> resp = new EnumMap<>(Side.class);
  private final List<AsyncCloseable> opened = new ArrayList<>();

  private Sides(Capability capability, MigrationBackends backends) {
    this.capability = capability;
    this.backends = backends;
  }

  /**
   * Reads the configuration of {@code capability}.
   *
   * @throws CommandFailure with {@link ExitCodes#USAGE} when it is wrong, naming the key
   */
  static Sides open(Capability capability, Map<String, String> properties) {
    try {
      return new Sides(capability, MigrationBackends.fromConfig(capability, properties));
    } catch (ConfigurationException e) {
      throw new CommandFailure(ExitCodes.USAGE, "configuration: " + e.getMessage(), e);
    }
  }

  /** The configured backend name of {@code side}. */
  String name(Side side) {
    return backends.name(side);
  }

  /** {@code the source (redis)} or {@code the target (elasticache)}. */
  String label(Side side) {
    return (side == Side.OLD ? "the source (" : "the target (") + name(side) + ")";
  }

  /**
   * The backend of {@code side}.
   *
   * @throws CommandFailure naming the side when it cannot be created
   */
  <T> T backend(Side side, Class<T> type) {
    return opening(side, () -> backends.backend(side, type));
  }

  /**
   * A raw Redis connection to {@code side}, if its backend speaks the Redis protocol.
   *
   * @throws CommandFailure naming the side when it cannot be opened
   */
  Optional<RespStore> resp(Side side, Duration timeout) {
    requireNonNull(timeout, "timeout");
    Optional<RespStore> known = resp.get(side);
    if (known != null) {
      return known;
    }
    Optional<RespStore> store = opening(side, () -> RespAccess.open(
        capability, name(side), backends.context(side))).map(access -> {
          opened.add(access.connection());
          return RespAccess.store(label(side), access, timeout);
        });
    resp.put(side, store);
    return store;
  }

  /**
   * The source as a Redis-protocol store whose keys can be scanned, for {@code what} ({@code
   * copy}, {@code verify}).
   *
   * @throws CommandFailure when the source does not speak the Redis protocol or is a cluster
   */
  RespStore scannableSource(String what, Duration timeout) {
    RespStore source = resp(Side.OLD, timeout).orElseThrow(() -> new CommandFailure(
        ExitCodes.USAGE, what + " reads the source's keys with SCAN, and " + label(Side.OLD)
            + " does not speak the Redis protocol"));
    if (source.cluster()) {
      throw new CommandFailure(ExitCodes.USAGE, what + " scans a single node, and "
          + label(Side.OLD) + " is in cluster mode; a cluster-mode source is not supported");
    }
    return source;
  }

  private <T> T opening(Side side, Supplier<T> open) {
    try {
      return open.get();
    } catch (ConfigurationException e) {
      throw new CommandFailure(ExitCodes.USAGE, "configuration: " + e.getMessage(), e);
    } catch (SwitchbackException e) {
      throw new CommandFailure(ExitCodes.UNAVAILABLE,
          label(side) + " cannot be opened: " + e.getMessage(), e);
    }
  }

  /** Closes the raw connections, then the backends, each within {@link AsyncCloseable#CLOSE_TIMEOUT}. */
  @Override
  public void close() {
    for (AsyncCloseable closeable : opened) {
      wait(closeable);
    }
    wait(backends);
  }

  private static void wait(AsyncCloseable closeable) {
    try {
      closeable.closeAsync().toCompletableFuture()
          .get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // Closing is best effort at exit; the summary has been printed.
    }
  }
}
