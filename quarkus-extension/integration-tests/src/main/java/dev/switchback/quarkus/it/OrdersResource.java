package dev.switchback.quarkus.it;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.switchback.messaging.Message;
import dev.switchback.messaging.Messaging;
import dev.switchback.messaging.Subscription;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/** Publishes orders through the injected {@link Messaging} and lists those its subscriber got. */
@Path("/orders")
@ApplicationScoped
public class OrdersResource {
  static final String TOPIC = "orders";

  private final List<String> received = new CopyOnWriteArrayList<>();
  private Subscription subscription;

  @Inject Messaging messaging;

  void subscribe(@Observes StartupEvent start) {
    subscription = messaging.subscribe(TOPIC, "order-log", message -> {
      received.add(new String(message.payload(), UTF_8));
      return CompletableFuture.completedFuture(null);
    });
  }

  void unsubscribe(@Observes ShutdownEvent stop) {
    subscription.close();
  }

  @POST
  public CompletionStage<Response> publish(String order) {
    return messaging.publish(TOPIC, Message.of(order.getBytes(UTF_8)))
        .thenApply(done -> Response.accepted().build());
  }

  /** The orders received so far, one a line. */
  @GET
  public String received() {
    return String.join("\n", received);
  }
}
