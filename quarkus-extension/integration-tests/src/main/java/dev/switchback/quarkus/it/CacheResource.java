package dev.switchback.quarkus.it;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.switchback.cache.Cache;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletionStage;

/** Text values in the injected {@link Cache}. */
@Path("/cache/{key}")
public class CacheResource {

  @Inject Cache cache;

  @PUT
  public CompletionStage<Response> put(@PathParam("key") String key, String value) {
    return cache.put(key, value.getBytes(UTF_8)).thenApply(done -> Response.noContent().build());
  }

  @GET
  public CompletionStage<Response> get(@PathParam("key") String key) {
    return cache.get(key).thenApply(value -> value
        .map(bytes -> Response.ok(new String(bytes, UTF_8)).build())
        .orElseGet(() -> Response.status(Response.Status.NOT_FOUND).build()));
  }
}
