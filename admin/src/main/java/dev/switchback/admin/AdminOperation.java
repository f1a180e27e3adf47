package dev.switchback.admin;

import java.util.Locale;

/**
 * The operations of the admin surface, each at a path relative to the host's base path (for
 * example {@code /q/switchback}). A host authenticates the caller of an operation that {@link
 * #requiresAdmin()} before handing it to {@link SwitchbackAdmin#handle}.
 */
public enum AdminOperation {
  /** {@code GET status}: the status document of every capability. */
  STATUS("GET", "status", false),
  /** {@code POST stage}: moves a migration's stage or canary share; changes the service. */
  MOVE("POST", "stage", true),
  /** {@code GET ui}: the migration dashboard page. */
  DASHBOARD("GET", "ui", false);

  private final String method;
  private final String path;
  private final boolean requiresAdmin;

  AdminOperation(String method, String path, boolean requiresAdmin) {
    this.method = method;
    this.path = path;
    this.requiresAdmin = requiresAdmin;
  }

  /** The HTTP method, upper case. */
  public String method() {
    return method;
  }

  /** The path relative to the base path, without a leading slash. */
  public String path() {
    return path;
  }

  /** Whether only an authenticated admin may call it: true for operations that change state. */
  public boolean requiresAdmin() {
    return requiresAdmin;
  }

  /**
   * The operation at {@code relativePath} (with or without a leading slash) for {@code method}.
   *
   * @throws AdminException {@link AdminError#NOT_FOUND} for an unknown path, {@link
   *     AdminError#METHOD_NOT_ALLOWED} naming the method the path accepts
   */
  public static AdminOperation route(String method, String relativePath) {
    String path = relativePath.startsWith("/") ? relativePath.substring(1) : relativePath;
    for (AdminOperation operation : values()) {
      if (operation.path.equals(path)) {
        if (!operation.method.equals(method.toUpperCase(Locale.ROOT))) {
          throw new AdminException(AdminError.METHOD_NOT_ALLOWED,
              path + " accepts " + operation.method + ", not " + method);
        }
        return operation;
      }
    }
    throw new AdminException(AdminError.NOT_FOUND, "no admin operation at '" + path
        + "'; there are: status (GET), stage (POST), ui (GET)");
  }
}
