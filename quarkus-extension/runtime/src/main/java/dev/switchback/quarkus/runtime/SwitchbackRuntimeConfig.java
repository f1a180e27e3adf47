package dev.switchback.quarkus.runtime;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Run-time settings of the extension itself. Switchback's own settings are the {@code
 * switchback.*} keys; these are Quarkus's, under {@code quarkus.switchback}.
 */
@ConfigMapping(prefix = "quarkus.switchback")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface SwitchbackRuntimeConfig {

  /** The admin endpoints under {@code /q/switchback}. */
  Admin admin();

  /** The readiness check of Switchback's backends. */
  Health health();

  /** The readiness check (registered at build time; see {@code quarkus.switchback.health.enabled}). */
  interface Health {
    /**
     * How long the check waits for its backends' answers before it reports the ones still silent
     * as down. Keep it below the readiness probe's timeout, so the probe reads the reason rather
     * than timing out itself. A ping that outlives it goes on in the background until the
     * adapter's own request timeout.
     */
    @WithDefault("3s")
    Duration timeout();
  }

  /** The admin endpoints: status, stage moves and the migration dashboard. */
  interface Admin {
    /**
     * Whether {@code /q/switchback} answers. When unset: on in dev and test mode, off in
     * production, where it answers only when set to {@code true}.
     */
    Optional<Boolean> enabled();

    /**
     * The role an authenticated user needs to move a stage (the application's Quarkus security
     * authenticates: basic, OIDC, ...). Reading the status and the dashboard needs none.
     */
    @WithDefault("switchback-admin")
    String role();
  }
}
