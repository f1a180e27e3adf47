package dev.switchback.samples.orders;

import dev.switchback.AuthenticationFailedException;
import dev.switchback.ConflictException;
import dev.switchback.InvalidInputException;
import dev.switchback.InvalidTokenException;
import dev.switchback.SwitchbackException;
import dev.switchback.TooLargeException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletionException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every failure as {@code {"error": "..."}} with the status it means: the service's own
 * refusals, and Switchback's errors (bad input 400, wrong credentials 401, conflict 409, too
 * large 413, a backend down or slow 503).
 */
final class ErrorResponses {
  private static final Logger LOG = Logger.getLogger(ErrorResponses.class);

  @ServerExceptionMapper
  Response refused(WebApplicationException e) {
    return error(e.getResponse().getStatus(), e.getMessage());
  }

  @ServerExceptionMapper
  Response switchback(SwitchbackException e) {
    if (e instanceof AuthenticationFailedException) {
      return error(401, "wrong user name or password");
    }
    if (e instanceof InvalidTokenException) {
      return error(401, e.getMessage());
    }
    if (e instanceof ConflictException) {
      return error(409, e.getMessage());
    }
    if (e instanceof TooLargeException) {
      return error(413, e.getMessage());
    }
    if (e instanceof InvalidInputException) {
      return error(400, e.getMessage());
    }
    LOG.warnf("a backend failed the request: %s", e.getMessage());
    return error(503, "a backend is unavailable, try again");
  }

  @ServerExceptionMapper
  Response completion(CompletionException e) {
    if (e.getCause() instanceof WebApplicationException refusal) {
      return refused(refusal);
    }
    if (e.getCause() instanceof SwitchbackException failure) {
      return switchback(failure);
    }
    LOG.error("request failed", e);
    return error(500, "internal error");
  }

  private static Response error(int status, String message) {
    return Response.status(status).type(MediaType.APPLICATION_JSON)
        .entity(new ErrorBody(message)).build();
  }

  /**
   * The body of an error answer.
   *
   * @param error what went wrong, for a person
   */
  record ErrorBody(String error) {}
}
