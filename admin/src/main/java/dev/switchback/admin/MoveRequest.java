package dev.switchback.admin;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchback.Capability;
import dev.switchback.migration.Stage;
import java.io.IOException;
import java.util.Iterator;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A request to move one capability's migration: to a stage, to a canary share, or both (the
 * stage first; a refused move leaves the share unchanged too).
 *
 * @param capability the capability whose migration moves
 * @param stage the stage to move to, or {@code null} to keep it
 * @param force whether leaving {@code complete} backwards is allowed
 * @param reason why, recorded in the migration's event and log
 * @param canaryPercent the canary share to set, 0 to 100, or {@code null} to keep it
 */
public record MoveRequest(
    Capability capability,
    @Nullable Stage stage,
    boolean force,
    String reason,
    @Nullable Integer canaryPercent) {

  /** The reason recorded when a request gives none. */
  public static final String DEFAULT_REASON = "admin request";

  /** The most characters of a reason kept; the rest is cut. */
  public static final int MAX_REASON_LENGTH = 200;

  private static final Set<String> FIELDS =
      Set.of("capability", "stage", "force", "reason", "canaryPercent");

  public MoveRequest {
    requireNonNull(capability, "capability");
    requireNonNull(reason, "reason");
    if (stage == null && canaryPercent == null) {
      throw new AdminException(AdminError.MALFORMED_REQUEST,
          "give a stage, a canaryPercent or both");
    }
    if (canaryPercent != null && (canaryPercent < 0 || canaryPercent > 100)) {
      throw new AdminException(AdminError.INVALID_CANARY_PERCENT,
          "canaryPercent must be between 0 and 100, not " + canaryPercent);
    }
  }

  /**
   * Reads {@code {"capability": "cache", "stage": "shadow", "force": false, "reason": "...",
   * "canaryPercent": 50}}: {@code capability} and one of {@code stage} and {@code canaryPercent}
   * are required. Names are case-insensitive; control characters in the reason become spaces, so
   * it cannot forge log lines.
   *
   * @throws AdminException {@link AdminError#MALFORMED_REQUEST}, {@link
   *     AdminError#UNKNOWN_CAPABILITY}, {@link AdminError#UNKNOWN_STAGE} or {@link
   *     AdminError#INVALID_CANARY_PERCENT}, with a message naming the field and what it accepts
   */
  public static MoveRequest parse(byte[] json) {
    JsonNode body = readObject(json);
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw new AdminException(AdminError.MALFORMED_REQUEST, "unknown field '" + name
            + "'; accepted fields: capability, stage, force, reason, canaryPercent");
      }
    }
    String capabilityName = text(body, "capability");
    if (capabilityName == null) {
      throw new AdminException(AdminError.MALFORMED_REQUEST,
          "capability is required; accepted values: " + capabilityNames());
    }
    String stageName = text(body, "stage");
    String reason = text(body, "reason");
    return new MoveRequest(
        capability(capabilityName),
        stageName == null ? null : stage(stageName),
        bool(body, "force"),
        reason == null || reason.isBlank() ? DEFAULT_REASON : clean(reason),
        integer(body, "canaryPercent"));
  }

  private static JsonNode readObject(byte[] json) {
    JsonNode body;
    try {
      body = AdminResponse.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new AdminException(AdminError.MALFORMED_REQUEST,
          "the body is not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new AdminException(AdminError.MALFORMED_REQUEST, "the body cannot be read: " + e);
    }
    if (body == null || !body.isObject()) {
      throw new AdminException(AdminError.MALFORMED_REQUEST, "the body must be a JSON object");
    }
    return body;
  }

  private static Capability capability(String name) {
    for (Capability capability : Capability.values()) {
      if (capability.key().equalsIgnoreCase(name.trim())) {
        return capability;
      }
    }
    throw new AdminException(AdminError.UNKNOWN_CAPABILITY,
        "unknown capability '" + clean(name) + "'; accepted values: " + capabilityNames());
  }

  private static Stage stage(String name) {
    try {
      return Stage.parse(name);
    } catch (IllegalArgumentException e) {
      throw new AdminException(AdminError.UNKNOWN_STAGE, "unknown stage '" + clean(name)
          + "'; accepted values: " + Stage.acceptedValues());
    }
  }

  private static String capabilityNames() {
    StringBuilder names = new StringBuilder();
    for (Capability capability : Capability.values()) {
      names.append(names.length() == 0 ? "" : ", ").append(capability.key());
    }
    return names.toString();
  }

  private static @Nullable String text(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw wrongType(field, "a string");
    }
    return value.textValue();
  }

  private static boolean bool(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return false;
    }
    if (!value.isBoolean()) {
      throw wrongType(field, "true or false");
    }
    return value.booleanValue();
  }

  private static @Nullable Integer integer(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      throw new AdminException(AdminError.INVALID_CANARY_PERCENT,
          field + " must be a whole number between 0 and 100, not " + value);
    }
    return value.intValue();
  }

  private static AdminException wrongType(String field, String expected) {
    return new AdminException(AdminError.MALFORMED_REQUEST, field + " must be " + expected);
  }

  /** Without control characters (log forging) and at most {@link #MAX_REASON_LENGTH} long. */
  private static String clean(String text) {
    String flat = text.strip().replaceAll("\\p{Cntrl}", " ");
    return flat.length() <= MAX_REASON_LENGTH ? flat : flat.substring(0, MAX_REASON_LENGTH);
  }

  @Override
  public String toString() {
    return "MoveRequest[" + capability.key() + (stage == null ? "" : " to " + stage)
        + (force ? " (force)" : "") + (canaryPercent == null ? "" : " canary " + canaryPercent)
        + "]";
  }
}
