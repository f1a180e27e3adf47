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
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticator;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.config.SmallRyeConfig;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RequestBody;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
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
  private static final Duration CHALLENGE_TIMEOUT = Duration.ofSeconds(5);
  private static final String WWW_AUTHENTICATE = "WWW-Authenticate";

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
      if (e.error() == AdminError.UNAUTHORIZED) {
        response = withChallenge(context, response);
      }
    }
    send(context.response(), response, context.request().method().name().equals("HEAD"));
  }

  /**
   * {@code response} with the application's authentication challenge ({@code WWW-Authenticate:
   * Basic ...} with basic authentication, say), so a browser asks for the login it needs.
   */
  private static AdminResponse withChallenge(RoutingContext context, AdminResponse response) {
    HttpAuthenticator authenticator = context.get(HttpAuthenticator.class.getName());
    if (authenticator == null) {
      return response;
    }
    ChallengeData challenge =
        authenticator.getChallenge(context).await().atMost(CHALLENGE_TIMEOUT);
    AdminResponse challenged = response;
    if (challenge != null && challenge.getHeaders() != null) {
      for (Map.Entry<CharSequence, String> header : challenge.getHeaders().entrySet()) {
        // The admin module's own challenge is spelt WWW-Authenticate; Quarkus's in lower case.
        String name = header.getKey().toString();
        challenged = challenged.with(
            name.equalsIgnoreCase(WWW_AUTHENTICATE) ? WWW_AUTHENTICATE : name, header.getValue());
      }
    }
    return challenged;
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
