package dev.switchback.admin;

import dev.switchback.Capability;
import dev.switchback.Switchback;
import dev.switchback.migration.Stage;
import java.net.URI;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

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

  /**
   * A fresh {@link AdminFixture#switchback()} served by an {@link AdminHttpServer} that wants
   * {@link #TOKEN}, for each test of a class that registers it with {@code @RegisterExtension}.
   * Fresh per test because tests move the cache migration.
   */
  static final class Served implements BeforeEachCallback, AfterEachCallback {
    private @Nullable Switchback switchback;
    private @Nullable AdminHttpServer server;

    @Override
    public void beforeEach(ExtensionContext context) {
      switchback = AdminFixture.switchback();
      server = AdminHttpServer.builder(switchback).adminToken(TOKEN).start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
      // Closes whatever beforeEach got to start, so a failed start leaks nothing.
      try {
        if (server != null) {
          server.close();
        }
      } finally {
        if (switchback != null) {
          switchback.close();
        }
        server = null;
        switchback = null;
      }
    }

    /** The Switchback behind the server. */
    Switchback switchback() {
      return requireStarted(switchback);
    }

    /** The server's base URI, {@code http://127.0.0.1:<port>/q/switchback/}. */
    URI baseUri() {
      return requireStarted(server).baseUri();
    }

    /** The admin token the server accepts. */
    String token() {
      return TOKEN;
    }

    /** The stage the cache migration is in now. */
    Stage cacheStage() {
      return switchback().migration(Capability.CACHE).orElseThrow().stage();
    }

    private static <T> T requireStarted(@Nullable T started) {
      if (started == null) {
        throw new IllegalStateException("used outside a test: the admin server is not running");
      }
      return started;
    }
  }
}
