package dev.switchback.admin;

import static java.util.Objects.requireNonNull;

import dev.switchback.Capability;
import dev.switchback.InvalidInputException;
import dev.switchback.Switchback;
import dev.switchback.migration.Migration;
import dev.switchback.migration.Stage;
import dev.switchback.migration.StageChangeRejectedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The admin operations of one {@link Switchback}, framework-neutral: a host turns HTTP requests
 * into calls of {@link #handle} (or of {@link #status()}, {@link #move} and {@link #dashboard()})
 * and sends the {@link AdminResponse} back. Failures come back as error documents, never as
 * exceptions.
 *
 * <p><b>Authorization is the host's.</b> Before {@link AdminOperation#MOVE} (and any operation
 * whose {@link AdminOperation#requiresAdmin()} is true) the host must authenticate the caller as
 * an admin. {@link #move} accepts only {@code application/json} bodies, so a cross-site HTML form
 * cannot post one on a logged-in admin's behalf.
 *
 * <p>Thread safe.
 */
public final class SwitchbackAdmin {

  /** The largest request body read, in bytes. */
  public static final int MAX_BODY_BYTES = 16 * 1024;

  /** The classpath resource of the dashboard page. */
  public static final String DASHBOARD_RESOURCE = "dev/switchback/admin/dashboard.html";

  /**
   * The dashboard's {@code Content-Security-Policy}: nothing is loaded from elsewhere, it talks
   * only to its own origin, and it cannot be framed (its buttons change the service).
   */
  public static final String DASHBOARD_POLICY = "default-src 'none'; script-src 'unsafe-inline';"
      + " style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:;"
      + " frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

  private static final byte[] DASHBOARD = loadDashboard();

  private final Switchback switchback;

  /** The admin surface of {@code switchback}. */
  public SwitchbackAdmin(Switchback switchback) {
    this.switchback = requireNonNull(switchback, "switchback");
  }

  /**
   * Runs {@code operation}. For {@link AdminOperation#MOVE} the host must have authorized the
   * caller first.
   *
   * @param contentType the request's {@code Content-Type}, or {@code null}
   * @param body the request body (empty for a {@code GET})
   */
  public AdminResponse handle(AdminOperation operation, @Nullable String contentType, byte[] body) {
    return switch (operation) {
      case STATUS -> status();
      case MOVE -> move(contentType, body);
      case DASHBOARD -> dashboard();
    };
  }

  /** The status document (200), or 503 once Switchback is closed. */
  public AdminResponse status() {
    return answer(() -> AdminResponse.json(200, StatusDocument.of(switchback)));
  }

  /**
   * Parses a {@link MoveRequest}, applies it and answers 200 with the capability's element of
   * the status document, or an error document: 400 for a malformed body, an unknown stage or a
   * canary share out of range; 404 for an unknown capability or one without a migration; 409
   * when the migration's rules refuse the move; 413 for a body over {@link #MAX_BODY_BYTES};
   * 415 for a body that is not {@code application/json}.
   */
  public AdminResponse move(@Nullable String contentType, byte[] body) {
    return answer(() -> {
      requireJson(contentType);
      if (body.length > MAX_BODY_BYTES) {
        throw new AdminException(AdminError.PAYLOAD_TOO_LARGE,
            "the body has " + body.length + " bytes; at most " + MAX_BODY_BYTES + " are read");
      }
      MoveRequest request = MoveRequest.parse(body);
      Migration migration = apply(request);
      Capability capability = request.capability();
      return AdminResponse.json(200, StatusDocument.capability(
          capability, backendName(capability), Optional.of(migration)));
    });
  }

  /** The dashboard page, with {@link #DASHBOARD_POLICY}. */
  public AdminResponse dashboard() {
    return AdminResponse.of(200, "text/html; charset=utf-8", DASHBOARD,
        Map.of("Content-Security-Policy", DASHBOARD_POLICY, "X-Frame-Options", "DENY"));
  }

  /**
   * Applies {@code request} to its capability's migration: the stage first, then the canary
   * share.
   *
   * @return the migration moved
   * @throws AdminException {@link AdminError#NO_MIGRATION}, {@link AdminError#MOVE_REJECTED} or
   *     {@link AdminError#INVALID_CANARY_PERCENT}
   */
  public Migration apply(MoveRequest request) {
    Capability capability = request.capability();
    Migration migration = switchback.migration(capability).orElseThrow(() -> new AdminException(
        AdminError.NO_MIGRATION, capability.key() + " has no migration; configure "
            + capability.prefix() + ".migration.target to start one"));
    Stage stage = request.stage();
    if (stage != null) {
      try {
        migration.moveTo(stage, request.force(), request.reason());
      } catch (StageChangeRejectedException e) {
        throw new AdminException(AdminError.MOVE_REJECTED, e.getMessage());
      }
    }
    Integer percent = request.canaryPercent();
    if (percent != null) {
      try {
        migration.setCanaryPercent(percent);
      } catch (InvalidInputException e) {
        throw new AdminException(AdminError.INVALID_CANARY_PERCENT, e.getMessage());
      }
    }
    return migration;
  }

  private String backendName(Capability capability) {
    return BackendNames.of(switchback).getOrDefault(capability, "");
  }

  private static void requireJson(@Nullable String contentType) {
    String type = contentType == null ? "" : contentType.split(";", 2)[0].trim();
    if (!type.toLowerCase(Locale.ROOT).equals(AdminResponse.JSON)) {
      throw new AdminException(AdminError.UNSUPPORTED_MEDIA_TYPE, "send the body as "
          + AdminResponse.JSON + ", not " + (type.isEmpty() ? "without a Content-Type" : type));
    }
  }

  private static AdminResponse answer(Supplier<AdminResponse> work) {
    try {
      return work.get();
    } catch (AdminException e) {
      return AdminResponse.error(e);
    } catch (IllegalStateException e) {
      // Switchback refuses every call once closed.
      return AdminResponse.error(new AdminException(AdminError.UNAVAILABLE,
          "Switchback is not running: " + e.getMessage()));
    }
  }

  private static byte[] loadDashboard() {
    try (InputStream in = SwitchbackAdmin.class.getClassLoader()
        .getResourceAsStream(DASHBOARD_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(DASHBOARD_RESOURCE + " is missing from the class path");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + DASHBOARD_RESOURCE, e);
    }
  }
}
