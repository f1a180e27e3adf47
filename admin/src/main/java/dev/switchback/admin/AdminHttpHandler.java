package dev.switchback.admin;

import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;

/**
 * Serves a {@link SwitchbackAdmin} on the JDK's {@code com.sun.net.httpserver} under a base path,
 * for services that already run an {@code HttpServer}:
 *
 * <pre>{@code
 * server.createContext("/q/switchback",
 *     new AdminHttpHandler(new SwitchbackAdmin(switchback), "/q/switchback", adminToken));
 * }</pre>
 *
 * <p>Operations that {@linkplain AdminOperation#requiresAdmin() require an admin} need the header
 * {@code Authorization: Bearer <admin token>}; without it, or with another token, they answer 401
 * and change nothing. The token is compared in constant time and never logged or shown.
 */
public final class AdminHttpHandler implements HttpHandler {

  /** The fewest characters an admin token must have. */
  public static final int MIN_TOKEN_LENGTH = 16;

  private static final String BEARER = "Bearer ";

  private final SwitchbackAdmin admin;
  private final String basePath;
  private final byte[] tokenDigest;

  /**
   * A handler for the context at {@code basePath}.
   *
   * @param basePath where the operations live, for example {@code /q/switchback}: {@code
   *     <basePath>/status}, {@code <basePath>/stage}, {@code <basePath>/ui}
   * @param adminToken the bearer token an admin presents, at least {@value #MIN_TOKEN_LENGTH}
   *     characters
   * @throws IllegalArgumentException if the token is shorter or the base path does not start
   *     with {@code /}
   */
  public AdminHttpHandler(SwitchbackAdmin admin, String basePath, String adminToken) {
    this.admin = requireNonNull(admin, "admin");
    this.basePath = normalize(basePath);
    requireNonNull(adminToken, "adminToken");
    if (adminToken.strip().length() < MIN_TOKEN_LENGTH) {
      throw new IllegalArgumentException("the admin token must have at least "
          + MIN_TOKEN_LENGTH + " characters (it was shorter; the value is not shown)");
    }
    this.tokenDigest = sha256(adminToken.strip());
  }

  /** The base path, without a trailing slash. */
  public String basePath() {
    return basePath;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    AdminResponse response;
    try {
      String path = exchange.getRequestURI().getPath();
      if (!path.startsWith(basePath + "/")) {
        throw new AdminException(AdminError.NOT_FOUND, "no admin operation at " + path);
      }
      AdminOperation operation = AdminOperation.route(
          exchange.getRequestMethod(), path.substring(basePath.length() + 1));
      if (operation.requiresAdmin() && !isAdmin(exchange)) {
        throw new AdminException(AdminError.UNAUTHORIZED, operation.path() + " needs the header"
            + " 'Authorization: Bearer <admin token>' with the admin token this host was given");
      }
      byte[] body = readBody(exchange.getRequestBody());
      response = admin.handle(
          operation, exchange.getRequestHeaders().getFirst("Content-Type"), body);
    } catch (AdminException e) {
      response = AdminResponse.error(e);
    }
    send(exchange, response);
  }

  private boolean isAdmin(HttpExchange exchange) {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return false;
    }
    return MessageDigest.isEqual(tokenDigest, sha256(header.substring(BEARER.length()).strip()));
  }

  private static byte[] readBody(InputStream in) throws IOException {
    try (in) {
      byte[] body = in.readNBytes(SwitchbackAdmin.MAX_BODY_BYTES + 1);
      if (body.length > SwitchbackAdmin.MAX_BODY_BYTES) {
        throw new AdminException(AdminError.PAYLOAD_TOO_LARGE,
            "the body has more than " + SwitchbackAdmin.MAX_BODY_BYTES + " bytes");
      }
      return body;
    }
  }

  private static void send(HttpExchange exchange, AdminResponse response) throws IOException {
    for (Map.Entry<String, String> header : response.headers().entrySet()) {
      exchange.getResponseHeaders().set(header.getKey(), header.getValue());
    }
    boolean head = exchange.getRequestMethod().equalsIgnoreCase("HEAD");
    exchange.sendResponseHeaders(response.status(), head ? -1 : response.body().length);
    try (OutputStream out = exchange.getResponseBody()) {
      if (!head) {
        out.write(response.body());
      }
    }
  }

  private static String normalize(String basePath) {
    requireNonNull(basePath, "basePath");
    if (!basePath.startsWith("/")) {
      throw new IllegalArgumentException("basePath must start with /, not '" + basePath + "'");
    }
    String trimmed = basePath;
    while (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    return trimmed;
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  @Override
  public String toString() {
    return "AdminHttpHandler[" + basePath + "]";
  }
}
