package dev.switchback.samples.orders;

import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /login}.
 *
 * @param username the user name
 * @param password the password; never logged
 */
public record Credentials(@Nullable String username, @Nullable String password) {
  @Override
  public String toString() {
    return "Credentials[username=" + username + "]";
  }
}
