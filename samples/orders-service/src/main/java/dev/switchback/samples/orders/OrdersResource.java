package dev.switchback.samples.orders;

import dev.switchback.messaging.Message;
import dev.switchback.messaging.Messaging;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Orders of the logged-in customer: placed into the cache and announced on {@code
 * order-created}, read back through the cache. Every route needs the {@code session} cookie.
 */
@Path("/orders")
@Produces(MediaType.APPLICATION_JSON)
public class OrdersResource {
  private final SessionGate gate;
  private final OrderStore store;
  private final Messaging messaging;

  OrdersResource(SessionGate gate, OrderStore store, Messaging messaging) {
    this.gate = gate;
    this.store = store;
    this.messaging = messaging;
  }

  /**
   * Places an order: 201 with the order, stored before its {@code order-created} event (message
   * id = order id) is published; 400 naming each bad field, with nothing written.
   */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public CompletionStage<Response> place(
      @CookieParam(SessionGate.COOKIE) String session, NewOrder request) {
    return gate.subject(session).thenCompose(customer -> {
      List<String> problems = request == null ? List.of("a JSON body is required") : request.problems();
      if (!problems.isEmpty()) {
        return CompletableFuture.failedFuture(new BadRequestException(String.join("; ", problems)));
      }
      Order order = new Order(UUID.randomUUID().toString(), request.item().strip(),
          request.quantity(), customer, Instant.now());
      return store.save(order)
          .thenCompose(saved -> messaging.publish(OrderNotifications.TOPIC,
              new Message(order.id(), order.id(), store.toJson(order), Map.of())))
          // Response.created(URI) would resolve the URI against the request, whose context is
          // not active on the backend's thread that completes the stage.
          .thenApply(published -> Response.status(Response.Status.CREATED)
              .header(HttpHeaders.LOCATION, "/orders/" + order.id()).entity(order).build());
    });
  }

  /** The order, if it is the caller's; 404 otherwise. */
  @GET
  @Path("/{id}")
  public CompletionStage<Order> get(
      @CookieParam(SessionGate.COOKIE) String session, @PathParam("id") String id) {
    return gate.subject(session).thenCompose(customer -> store.find(id).thenApply(order -> order
        .filter(o -> o.customer().equals(customer))
        .orElseThrow(() -> new NotFoundException("no order " + id))));
  }

  /** When the {@code notifications} subscriber handled the order's event; 404 until it has. */
  @GET
  @Path("/{id}/notified")
  public CompletionStage<OrderStore.Notification> notified(
      @CookieParam(SessionGate.COOKIE) String session, @PathParam("id") String id) {
    return gate.subject(session).thenCompose(customer -> store.notification(id).thenApply(n -> n
        .orElseThrow(() -> new NotFoundException("order " + id + " has not been notified"))));
  }
}
