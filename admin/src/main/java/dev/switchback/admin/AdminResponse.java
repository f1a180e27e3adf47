package dev.switchback.admin;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a host sends back: the HTTP status, the headers (always {@code Content-Type}, and {@code
 * Cache-Control: no-store}) and the body.
 *
 * @param status the HTTP status
 * @param headers the response headers, by name
 * @param body the body
 */
public record AdminResponse(int status, Map<String, String> headers, byte[] body) {

  /** The media type of the JSON documents. */
  public static final String JSON = "application/json";

  static final ObjectMapper MAPPER = new ObjectMapper();

  public AdminResponse {
    headers = Map.copyOf(headers);
    requireNonNull(body, "body");
  }

  /** The {@code Content-Type} header. */
  public String contentType() {
    return headers.get("Content-Type");
  }

  /** A JSON document with {@code status}. */
  static AdminResponse json(int status, JsonNode document) {
    try {
      return of(status, JSON, MAPPER.writeValueAsBytes(document), Map.of());
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The error document {@code {"status": 409, "error": "move-rejected", "message": "..."}} of
   * {@code failure}, with its HTTP status; a 401 also carries {@code WWW-Authenticate: Bearer}.
   */
  public static AdminResponse error(AdminException failure) {
    AdminError error = failure.error();
    ObjectNode document = MAPPER.createObjectNode()
        .put("status", error.httpStatus())
        .put("error", error.code())
        .put("message", failure.getMessage());
    AdminResponse response = json(error.httpStatus(), document);
    if (error == AdminError.UNAUTHORIZED) {
      return response.with("WWW-Authenticate", "Bearer realm=\"switchback\"");
    }
    return response;
  }

  static AdminResponse of(
      int status, String contentType, byte[] body, Map<String, String> extraHeaders) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", contentType);
    headers.put("Cache-Control", "no-store");
    headers.put("X-Content-Type-Options", "nosniff");
    headers.putAll(extraHeaders);
    return new AdminResponse(status, headers, body);
  }

  /** This response with the header {@code name} set to {@code value}, replacing any. */
  public AdminResponse with(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new AdminResponse(status, more, body);
  }
}
