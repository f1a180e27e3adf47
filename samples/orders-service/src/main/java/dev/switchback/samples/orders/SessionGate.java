package dev.switchback.samples.orders;

import dev.switchback.sessions.Session;
import dev.switchback.sessions.Sessions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotAuthorizedException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * Who a request's {@code session} cookie speaks for. A valid session is renewed (sliding
 * expiry); a missing, unknown or expired one fails the request with 401.
 */
@ApplicationScoped
public class SessionGate {
  /** The cookie holding the session id. */
  public static final String COOKIE = "session";

  private final Sessions sessions;

  SessionGate(Sessions sessions) {
    this.sessions = sessions;
  }

  /** The session's subject; fails with {@link NotAuthorizedException} when there is none. */
  public CompletionStage<String> subject(@Nullable String sessionId) {
    if (sessionId == null || sessionId.isBlank()) {
      return CompletableFuture.failedFuture(unauthorized("log in first: POST /login"));
    }
    return sessions.touch(sessionId).thenApply(session -> session.map(Session::subject)
        .orElseThrow(() -> unauthorized("the session has expired or does not exist; log in again")));
  }

  private static NotAuthorizedException unauthorized(String message) {
    return new NotAuthorizedException(message, "Session");
  }
}
