package dev.switchback.samples.orders;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The service's own settings, under {@code orders.}. */
@ConfigMapping(prefix = "orders")
public interface OrdersSettings {

  /** The user created at start, so a local run can log in at once. */
  DemoUser demoUser();

  /** How long a login's session lives without a request; each authenticated request renews it. */
  @WithDefault("30m")
  Duration sessionTtl();

  /** How long an order (and its notification record) stays in the cache. */
  @WithDefault("7d")
  Duration retention();

  /** The demo user's credentials. */
  interface DemoUser {
    /** Its user name. */
    @WithDefault("demo")
    String username();

    /** Its password; never logged. */
    @WithDefault("demo-password")
    String password();
  }
}
