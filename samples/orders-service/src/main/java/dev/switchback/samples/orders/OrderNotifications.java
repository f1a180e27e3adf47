package dev.switchback.samples.orders;

import dev.switchback.messaging.Message;
import dev.switchback.messaging.Messaging;
import dev.switchback.messaging.Subscription;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.concurrent.CompletionStage;
import org.jboss.logging.Logger;

/**
 * The {@code notifications} group on {@code order-created}: records each order as notified (a
 * real service would send a mail here). Delivery is at least once; recording twice is harmless.
 */
@ApplicationScoped
final class OrderNotifications {
  static final String TOPIC = "order-created";
  static final String GROUP = "notifications";
  private static final Logger LOG = Logger.getLogger(OrderNotifications.class);

  private final Messaging messaging;
  private final OrderStore store;
  private volatile Subscription subscription;

  OrderNotifications(Messaging messaging, OrderStore store) {
    this.messaging = messaging;
    this.store = store;
  }

  void subscribe(@Observes StartupEvent start) {
    subscription = messaging.subscribe(TOPIC, GROUP, this::handle);
  }

  void unsubscribe(@Observes ShutdownEvent stop) {
    Subscription current = subscription;
    if (current != null) {
      current.close();
    }
  }

  private CompletionStage<Void> handle(Message message) {
    LOG.debugf("order %s created, notifying", message.id());
    return store.markNotified(message.id(), Instant.now());
  }
}
