package dev.switchback.quarkus.runtime;

import dev.switchback.Backend;
import dev.switchback.Switchback;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of every backend Switchback created: one round trip to each (both the old and the new
 * one of a migration, since the router writes to both), in parallel. Down when any fails; the
 * data names each backend ({@code cache redis (old)}) with {@code up}, {@code up (not checked)}
 * for a backend that offers no ping, or {@code down: <reason>}; a backend that has not answered
 * within {@code quarkus.switchback.health.timeout} is down. Registered only when the application
 * has SmallRye Health and {@code quarkus.switchback.health.enabled} is true.
 */
@Readiness
@ApplicationScoped
public class SwitchbackReadinessCheck implements HealthCheck {

  /** The name of the check in the health report. */
  public static final String NAME = "Switchback backends";

  private final Switchback switchback;
  private final Duration timeout;

  SwitchbackReadinessCheck(Switchback switchback, SwitchbackRuntimeConfig config) {
    this.switchback = switchback;
    this.timeout = config.health().timeout();
  }

  @Override
  public HealthCheckResponse call() {
    Map<Backend, CompletableFuture<Void>> pings = new LinkedHashMap<>();
    for (Backend backend : switchback.backends()) {
      pings.put(backend, backend.ping().toCompletableFuture());
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).up();
    for (Map.Entry<Backend, CompletableFuture<Void>> ping : pings.entrySet()) {
      Backend backend = ping.getKey();
      String problem = problem(ping.getValue(), deadline);
      if (problem == null) {
        response.withData(backend.toString(), backend.pingable() ? "up" : "up (not checked)");
      } else {
        response.down().withData(backend.toString(), "down: " + problem);
      }
    }
    return response.build();
  }

  private String problem(CompletableFuture<Void> ping, long deadline) {
    try {
      ping.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      return null;
    } catch (ExecutionException e) {
      return String.valueOf(e.getCause().getMessage());
    } catch (TimeoutException e) {
      return "no answer within " + timeout.toMillis()
          + " ms (quarkus.switchback.health.timeout)";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }
}
