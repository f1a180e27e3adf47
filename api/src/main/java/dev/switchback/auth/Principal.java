package dev.switchback.auth;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Who a verified token speaks for.
 *
 * @param subject stable user id ({@code sub})
 * @param username login name
 * @param groups groups the user belongs to ({@code cognito:groups})
 * @param claims every claim of the token, as JSON-compatible values (String, Number, Boolean,
 *     List, Map)
 * @param expiresAt the token's {@code exp}
 * @param issuer the token's {@code iss}
 */
public record Principal(
    String subject,
    String username,
    Set<String> groups,
    Map<String, Object> claims,
    Instant expiresAt,
    String issuer) {

  public Principal {
    requireNonNull(subject, "subject");
    requireNonNull(username, "username");
    groups = Set.copyOf(requireNonNull(groups, "groups"));
    claims = Map.copyOf(requireNonNull(claims, "claims"));
    requireNonNull(expiresAt, "expiresAt");
    requireNonNull(issuer, "issuer");
  }
}
