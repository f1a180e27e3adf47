package dev.switchback.quarkus.runtime;

import io.quarkus.runtime.annotations.Recorder;
import io.vertx.core.Handler;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Consumer;

/** Records the admin endpoints' route at build time, for the application's HTTP server. */
@Recorder
public class AdminRecorder {

  /** Reads the request body (with the application's body limits) before {@link #endpoints}. */
  public Consumer<Route> withBody(Handler<RoutingContext> bodyHandler) {
    return route -> route.handler(bodyHandler);
  }

  /** The endpoints under {@code basePath}. */
  public Handler<RoutingContext> endpoints(String basePath) {
    return new AdminEndpoints(basePath);
  }
}
