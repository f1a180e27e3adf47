package dev.switchback.samples.orders;

import dev.switchback.auth.Auth;
import dev.switchback.auth.UserDirectory;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Creates (or resets) the demo user through the auth backend's {@link UserDirectory} at start.
 * A backend without one fails the start, naming the key that chose it.
 */
@ApplicationScoped
final class DemoUser {
  private static final Logger LOG = Logger.getLogger(DemoUser.class);

  void create(@Observes StartupEvent start, Auth auth, OrdersSettings settings) {
    UserDirectory users = auth.ability(UserDirectory.class).orElseThrow(() ->
        new IllegalStateException("the auth backend chosen by switchback.auth.backend offers no"
            + " user directory, so the demo user (orders.demo-user.*) cannot be created"));
    String username = settings.demoUser().username();
    users.upsert(username, settings.demoUser().password().toCharArray(), Set.of("customers"))
        .toCompletableFuture().join();
    LOG.infof("demo user '%s' ready (orders.demo-user.username, orders.demo-user.password)",
        username);
  }
}
