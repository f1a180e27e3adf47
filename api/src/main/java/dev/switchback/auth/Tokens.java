package dev.switchback.auth;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Tokens issued by a login or refresh, in the shape Cognito issues them.
 *
 * @param accessToken signed JWT for calling services ({@code token_use=access})
 * @param idToken signed JWT describing the user ({@code token_use=id})
 * @param refreshToken opaque token for {@link Auth#refresh}, or {@code null} if none was issued
 * @param expiresAt when the access and id tokens expire
 */
public record Tokens(
    String accessToken, String idToken, @Nullable String refreshToken, Instant expiresAt) {

  public Tokens {
    requireNonNull(accessToken, "accessToken");
    requireNonNull(idToken, "idToken");
    requireNonNull(expiresAt, "expiresAt");
  }

  /** The refresh token, if one was issued. */
  public Optional<String> refresh() {
    return Optional.ofNullable(refreshToken);
  }

  @Override
  public String toString() {
    return "Tokens[expiresAt=" + expiresAt + "]"; // never print the tokens themselves
  }
}
