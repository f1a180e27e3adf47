package dev.switchback.auth;

/**
 * Optional abilities of an {@link Auth} backend, offered through {@link Auth#ability(Class)}
 * exactly when reported by {@link Auth#features()}.
 */
public enum AuthFeature {
  /** {@link UserDirectory}: list, create and change users. Needed to migrate users on login. */
  USER_DIRECTORY
}
