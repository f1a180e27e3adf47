package dev.switchback.admin;

import dev.switchback.Switchback;
import java.util.Map;

/** A real Switchback on memory backends with a cache migration, as the admin tests use it. */
final class AdminFixture {
  /** A token long enough for {@link AdminHttpHandler}. */
  static final String TOKEN = "s3cret-admin-token-for-tests";

  private AdminFixture() {}

  /** Cache migrating memory to memory from {@code off}; sessions configured without one. */
  static Switchback switchback() {
    return Switchback.fromConfig(Map.of(
        "switchback.cache.backend", "memory",
        "switchback.cache.migration.target", "memory",
        "switchback.cache.migration.stage", "off",
        "switchback.sessions.backend", "memory"));
  }
}
