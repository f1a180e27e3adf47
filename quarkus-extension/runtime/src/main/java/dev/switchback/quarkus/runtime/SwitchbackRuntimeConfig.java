package dev.switchback.quarkus.runtime;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
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
