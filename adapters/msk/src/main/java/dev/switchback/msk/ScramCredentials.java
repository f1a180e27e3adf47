package dev.switchback.msk;

import static java.util.Objects.requireNonNull;

/**
 * The username and password of a SCRAM user, as an MSK SCRAM secret holds them. {@link
 * #toString()} names the user only: the password is a secret.
 *
 * @param username the SCRAM user
 * @param password the user's password
 */
public record ScramCredentials(String username, String password) {

  /**
   * @throws IllegalArgumentException if the username is blank or the password empty
   */
  public ScramCredentials {
    requireNonNull(username, "username");
    requireNonNull(password, "password");
    if (username.isBlank()) {
      throw new IllegalArgumentException("username must not be blank");
    }
    if (password.isEmpty()) {
      throw new IllegalArgumentException("password must not be empty");
    }
  }

  /** Names the user; never the password. */
  @Override
  public String toString() {
    return "ScramCredentials[username=" + username + "]";
  }
}
