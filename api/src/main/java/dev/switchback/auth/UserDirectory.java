package dev.switchback.auth;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Optional ability of an {@link Auth} backend: the users behind it. Used by migration
 * (migrate-on-login) and by import tools. Passwords pass through in memory only and are never
 * logged; a backend stores only a hash.
 */
public interface UserDirectory {

  /** The user, or empty if unknown. */
  CompletionStage<Optional<User>> find(String username);

  /** Every user, in username order. */
  CompletionStage<List<User>> list();

  /**
   * Creates {@code username} with {@code password} and {@code groups}, or, if the user exists,
   * sets its password and groups. Completes with the stored user.
   *
   * @throws dev.switchback.InvalidInputException (in the stage) for an empty username or a
   *     password the backend cannot store (for bcrypt, more than 72 bytes)
   */
  CompletionStage<User> upsert(String username, char[] password, Set<String> groups);

  /**
   * Sets the password of an existing user.
   *
   * @return empty if the user does not exist
   */
  CompletionStage<Optional<User>> setPassword(String username, char[] password);

  /** Deletes the user; completes with {@code true} if it existed. */
  CompletionStage<Boolean> delete(String username);
}
