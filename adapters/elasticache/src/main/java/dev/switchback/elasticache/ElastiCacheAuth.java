package dev.switchback.elasticache;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * How connections to ElastiCache authenticate. {@link #toString()} never shows a token.
 *
 * <ul>
 *   <li>{@link #none()}: no {@code AUTH} at all.
 *   <li>{@link #token(String, String)}: an AUTH token, alone ({@code AUTH <token>}, the {@code
 *       default} user) or with an RBAC user ({@code AUTH <user> <token>}).
 *   <li>{@link #iam(String, Supplier, Duration)}: an RBAC user whose password is an IAM auth
 *       token: each new connection asks the supplier for the current token, and each open
 *       connection authenticates again with a fresh one every {@code reauthenticateEvery}, before
 *       ElastiCache's 12-hour limit on IAM connections closes it.
 * </ul>
 */
public sealed interface ElastiCacheAuth {

  /** ElastiCache closes a connection authenticated with an IAM token this long after it authenticated. */
  Duration IAM_CONNECTION_LIMIT = Duration.ofHours(12);

  /** No authentication. */
  static ElastiCacheAuth none() {
    return None.INSTANCE;
  }

  /**
   * An AUTH token, with an RBAC user or (when {@code user} is null) for the {@code default}
   * user.
   *
   * @throws IllegalArgumentException if the token or a given user is blank
   */
  static ElastiCacheAuth token(@Nullable String user, String token) {
    return new Token(Optional.ofNullable(user), token);
  }

  /**
   * IAM authentication as {@code user}, with tokens from {@code tokens} (an {@code
   * IamAuthTokenSource} from {@code switchback-aws-core}).
   *
   * @throws IllegalArgumentException if the user is blank, or {@code reauthenticateEvery} is not
   *     positive or not under {@link #IAM_CONNECTION_LIMIT}
   */
  static ElastiCacheAuth iam(String user, Supplier<String> tokens, Duration reauthenticateEvery) {
    return new Iam(user, tokens, reauthenticateEvery);
  }

  /** No authentication. */
  final class None implements ElastiCacheAuth {
    private static final None INSTANCE = new None();

    private None() {}

    @Override
    public String toString() {
      return "none";
    }
  }

  /**
   * An AUTH token.
   *
   * @param user the RBAC user, or empty for the {@code default} user
   * @param token the token; a secret
   */
  record Token(Optional<String> user, String token) implements ElastiCacheAuth {
    public Token {
      requireNonNull(user, "user");
      requireNonNull(token, "token");
      if (token.isBlank()) {
        throw new IllegalArgumentException("token must not be blank");
      }
      user.ifPresent(u -> requireNotBlank(u, "user"));
    }

    /** Names the user only. */
    @Override
    public String toString() {
      return "token" + user.map(u -> "[user=" + u + "]").orElse("");
    }
  }

  /**
   * IAM authentication.
   *
   * @param user the RBAC user (its user id and name must be the same for ElastiCache IAM)
   * @param tokens the current token on each call; may sign a new one
   * @param reauthenticateEvery how often an open connection authenticates again
   */
  record Iam(String user, Supplier<String> tokens, Duration reauthenticateEvery)
      implements ElastiCacheAuth {
    public Iam {
      requireNotBlank(user, "user");
      requireNonNull(tokens, "tokens");
      requireNonNull(reauthenticateEvery, "reauthenticateEvery");
      if (reauthenticateEvery.isNegative() || reauthenticateEvery.isZero()
          || reauthenticateEvery.compareTo(IAM_CONNECTION_LIMIT) >= 0) {
        throw new IllegalArgumentException("reauthenticateEvery must be positive and under "
            + IAM_CONNECTION_LIMIT + ", got " + reauthenticateEvery);
      }
    }

    /** Names the user and the interval; the tokens are secrets. */
    @Override
    public String toString() {
      return "iam[user=" + user + ", reauthenticateEvery=" + reauthenticateEvery + "]";
    }
  }

  private static String requireNotBlank(@Nullable String value, String name) {
    requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    return value;
  }
}
