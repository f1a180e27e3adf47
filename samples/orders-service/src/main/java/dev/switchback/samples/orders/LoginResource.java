package dev.switchback.samples.orders;

import dev.switchback.auth.Auth;
import dev.switchback.sessions.Sessions;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code POST /login}: checks the credentials with {@link Auth} and opens a session for the
 * user's subject, returned as the {@code session} cookie and in the body.
 */
@Path("/login")
public class LoginResource {
  private final Auth auth;
  private final Sessions sessions;
  private final OrdersSettings settings;

  LoginResource(Auth auth, Sessions sessions, OrdersSettings settings) {
    this.auth = auth;
    this.sessions = sessions;
    this.settings = settings;
  }

  /** Logs in; 401 for a wrong user name or password, 400 when either is missing. */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public CompletionStage<Response> login(Credentials credentials) {
    if (credentials == null || credentials.username() == null || credentials.password() == null) {
      return CompletableFuture.failedFuture(
          new BadRequestException("username and password are required"));
    }
    String username = credentials.username();
    return auth.login(username, credentials.password().toCharArray())
        .thenCompose(tokens -> auth.verify(tokens.accessToken()))
        .thenCompose(principal -> sessions.create(
            principal.subject(), Map.of("username", principal.username()), settings.sessionTtl()))
        .thenApply(session -> Response.ok(new LoggedIn(session.id(), username, session.expiresAt()))
            .cookie(new NewCookie.Builder(SessionGate.COOKIE)
                .value(session.id())
                .path("/")
                .httpOnly(true)
                .sameSite(NewCookie.SameSite.STRICT)
                .build())
            .build());
  }

  /**
   * The answer to a login.
   *
   * @param session the session id, also set as the {@code session} cookie
   * @param username who logged in
   * @param expiresAt when the session ends unless a request renews it
   */
  public record LoggedIn(String session, String username, Instant expiresAt) {}
}
