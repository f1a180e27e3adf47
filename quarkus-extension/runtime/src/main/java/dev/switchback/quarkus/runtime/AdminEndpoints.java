package dev.switchback.quarkus.runtime;

import dev.switchback.Switchback;
import dev.switchback.admin.AdminError;
import dev.switchback.admin.AdminException;
import dev.switchback.admin.AdminOperation;
import dev.switchback.admin.AdminResponse;
import dev.switchback.admin.SwitchbackAdmin;
import io.quarkus.arc.Arc;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.config.SmallRyeConfig;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RequestBody;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The admin endpoints under {@code /q/switchback}: {@code GET status}, {@code POST stage}, {@code
 * GET ui}, answered by the {@code switchback-admin} module's {@link SwitchbackAdmin} on the
 * application's {@link Switchback}. A stage move needs an authenticated user with {@link
 * SwitchbackRuntimeConfig.Admin#role()}: 401 without one, 403 without the role. Off (404) in
 * production unless {@code quarkus.switchback.admin.enabled=true}. Runs on a worker thread.
 */
public final class AdminEndpoints implements Handler<RoutingContext> {
  private final String basePath;
  private volatile Settings settings;

  /** Endpoints under {@code basePath}, for example {@code /q/switchback}. */
  public AdminEndpoints(String basePath) {
    this.basePath = basePath;
  }

  @Override
  public void handle(RoutingContext context) {
    Settings current = settings();
    if (!current.enabled()) {
      // As if nothing were here, whatever the method.
      context.response().setStatusCode(404).end();
      return;
    }
    AdminResponse response;
    try {
      AdminOperation operation = operation(context);
      if (operation.requiresAdmin()) {
        requireRole(context, current.role());
      }
      response = current.admin().handle(
          operation, context.request().getHeader("Content-Type"), body(context));
    } catch (AdminException e) {
      response = AdminResponse.error(e);
    }
    send(context.response(), response, context.request().method().name().equals("HEAD"));
  }

  /**
   * Whether the endpoints answer: {@code configured} when set, else on in dev and test mode and
   * off in production.
   */
  static boolean enabled(java.util.Optional<Boolean> configured, LaunchMode mode) {
    return configured.orElse(mode != LaunchMode.NORMAL);
  }

  private AdminOperation operation(RoutingContext context) {
    String path = context.normalizedPath();
    if (!path.startsWith(basePath + "/")) {
      throw new AdminException(AdminError.NOT_FOUND, "no admin operation at " + path);
    }
    return AdminOperation.route(
        context.request().method().name(), path.substring(basePath.length() + 1));
  }

  private static void requireRole(RoutingContext context, String role) {
    SecurityIdentity identity = QuarkusHttpUser.getSecurityIdentityBlocking(context, null);
    if (identity == null || identity.isAnonymous()) {
      throw new AdminException(AdminError.UNAUTHORIZED, "moving a stage needs an authenticated"
          + " user with the role " + role + " (quarkus.switchback.admin.role)");
    }
    if (!identity.hasRole(role)) {
      throw new AdminException(AdminError.FORBIDDEN, identity.getPrincipal().getName()
          + " lacks the role " + role + " (quarkus.switchback.admin.role) that moving a stage"
          + " needs");
    }
  }

  private static byte[] body(RoutingContext context) {
    RequestBody body = context.body();
    Buffer buffer = body == null ? null : body.buffer();
    byte[] bytes = buffer == null ? new byte[0] : buffer.getBytes();
    if (bytes.length > SwitchbackAdmin.MAX_BODY_BYTES) {
      throw new AdminException(AdminError.PAYLOAD_TOO_LARGE,
          "the body has more than " + SwitchbackAdmin.MAX_BODY_BYTES + " bytes");
    }
    return bytes;
  }

  private static void send(HttpServerResponse http, AdminResponse response, boolean head) {
    http.setStatusCode(response.status());
    for (Map.Entry<String, String> header : response.headers().entrySet()) {
      http.putHeader(header.getKey(), header.getValue());
    }
    if (head) {
      http.end();
    } else {
      http.end(Buffer.buffer(response.body()));
    }
  }

  // Read on first use: the configuration and the Switchback bean exist only once the app runs.
  private Settings settings() {
    Settings current = settings;
    if (current == null) {
      SwitchbackRuntimeConfig.Admin config = ConfigProvider.getConfig()
          .unwrap(SmallRyeConfig.class).getConfigMapping(SwitchbackRuntimeConfig.class).admin();
      boolean on = enabled(config.enabled(), LaunchMode.current());
      current = new Settings(on, config.role(),
          on ? new SwitchbackAdmin(Arc.container().instance(Switchback.class).get()) : null);
      settings = current;
    }
    return current;
  }

  private record Settings(boolean enabled, String role, SwitchbackAdmin admin) {}
}
