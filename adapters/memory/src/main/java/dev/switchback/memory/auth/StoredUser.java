package dev.switchback.memory.auth;

import dev.switchback.auth.User;
import java.util.Set;

/** A user with its bcrypt hash, as {@link MemoryAuth} keeps it. */
record StoredUser(
    String username, String subject, byte[] hash, Set<String> groups, boolean enabled) {

  StoredUser {
    groups = Set.copyOf(groups);
  }

  User toUser() {
    return new User(username, subject, groups, enabled);
  }

  StoredUser withPassword(byte[] newHash) {
    return new StoredUser(username, subject, newHash, groups, enabled);
  }

  StoredUser withEnabled(boolean isEnabled) {
    return new StoredUser(username, subject, hash, groups, isEnabled);
  }

  @Override
  public String toString() {
    return "StoredUser[" + username + "]"; // never the hash
  }
}
