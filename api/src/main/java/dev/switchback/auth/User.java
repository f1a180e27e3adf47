package dev.switchback.auth;

import static java.util.Objects.requireNonNull;

import java.util.Set;

/**
 * A user as a {@link UserDirectory} knows it. Carries no password or hash.
 *
 * @param username login name, unique within the directory
 * @param subject stable user id used as {@code sub} in tokens
 * @param groups groups the user belongs to
 * @param enabled whether the user may log in
 */
public record User(String username, String subject, Set<String> groups, boolean enabled) {
  public User {
    requireNonNull(username, "username");
    requireNonNull(subject, "subject");
    groups = Set.copyOf(requireNonNull(groups, "groups"));
  }
}
