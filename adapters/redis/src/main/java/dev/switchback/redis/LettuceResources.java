package dev.switchback.redis;

import static java.util.Objects.requireNonNull;

import dev.switchback.spi.SharedResources;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The Lettuce {@link ClientResources} (event loops, timers, reconnect delay) shared by every
 * Redis-based adapter of one {@code Switchback} instance, created on first use and shut down once
 * when the instance closes.
 *
 * <p>Reconnect attempts back off exponentially from {@link #RECONNECT_DELAY_MIN} to {@link
 * #RECONNECT_DELAY_MAX} (Lettuce's own cap is 30 seconds, long for a cache that came back), so a
 * connection returns at most about two seconds after its server does.
 */
public final class LettuceResources {

  /** The key the resources are shared under. */
  public static final String KEY = "lettuce.client-resources";

  /** The first reconnect delay: 10 milliseconds. */
  public static final Duration RECONNECT_DELAY_MIN = Duration.ofMillis(10);

  /** The longest reconnect delay: 2 seconds. */
  public static final Duration RECONNECT_DELAY_MAX = Duration.ofSeconds(2);

  /** How long shutting the event loops down may take: 2 seconds. */
  public static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(2);

  private LettuceResources() {}

  /** The client resources of the instance {@code shared} belongs to, created on first call. */
  public static ClientResources shared(SharedResources shared) {
    requireNonNull(shared, "shared");
    return shared.computeIfAbsent(
        KEY, ClientResources.class, LettuceResources::create, LettuceResources::shutdown);
  }

  /** New client resources with Switchback's reconnect delay; the caller shuts them down. */
  public static ClientResources create() {
    return DefaultClientResources.builder()
        .reconnectDelay(
            Delay.exponential(
                RECONNECT_DELAY_MIN, RECONNECT_DELAY_MAX, 2, TimeUnit.MILLISECONDS))
        .build();
  }

  /** Shuts {@code resources} down, waiting at most {@link #SHUTDOWN_TIMEOUT}. */
  public static void shutdown(ClientResources resources) {
    resources
        .shutdown(0, SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        .awaitUninterruptibly(SHUTDOWN_TIMEOUT.toMillis() + 500);
  }
}
