package dev.switchback.auth;

import dev.switchback.AsyncCloseable;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Log users in, verify their tokens, refresh them.
 *
 * <p><b>Errors.</b> A failed login fails the stage with
 * {@link dev.switchback.AuthenticationFailedException}, with the same message for an unknown user
 * and a wrong password. A refused token fails with {@link dev.switchback.InvalidTokenException}
 * carrying a {@link dev.switchback.InvalidTokenException.Reason}. Passwords and tokens never
 * appear in logs or messages.
 *
 * <p><b>Threads.</b> Implementations are thread safe; stages may complete on I/O threads.
 */
public interface Auth extends AsyncCloseable {

  /** Checks the password and issues tokens. */
  CompletionStage<Tokens> login(String username, char[] password);

  /**
   * Verifies an access token: signature, algorithm, issuer, expiry with the configured skew,
   * token use and client. Completes with the principal it names.
   */
  CompletionStage<Principal> verify(String accessToken);

  /** Issues new access and id tokens for a refresh token. */
  CompletionStage<Tokens> refresh(String refreshToken);

  /** The issuer this backend puts in its tokens ({@code iss}). */
  String issuer();

  /** The optional abilities this backend offers. */
  Set<AuthFeature> features();

  /**
   * This backend as the optional ability {@code type}, present exactly when the matching
   * {@link AuthFeature} is reported.
   */
  default <T> Optional<T> ability(Class<T> type) {
    if (type == UserDirectory.class && features().contains(AuthFeature.USER_DIRECTORY)) {
      return Optional.of(type.cast(this));
    }
    return Optional.empty();
  }
}
