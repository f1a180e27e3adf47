package dev.switchback.msk.sasl;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchback.testkit.aws.SigV4Presign;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The authentication payload of an {@code AWS_MSK_IAM} handshake: a JSON object of the presigned
 * {@code GET /?Action=kafka-cluster:Connect} request's query parameters (names in lower case),
 * {@code host}, {@code version} and {@code user-agent}.
 */
public final class IamPayloads {
  private static final ObjectMapper JSON = new ObjectMapper();

  private IamPayloads() {}

  /** The payload's fields. */
  public static Map<String, String> parse(byte[] payload) {
    try {
      return JSON.readValue(new String(payload, UTF_8), new TypeReference<Map<String, String>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException("not an IAM authentication payload", e);
    }
  }

  /**
   * The signature of {@code payload} as the SigV4 specification computes it with {@code secret}
   * ({@link SigV4Presign}, not the SDK's signer): the query parameters under their canonical
   * names, the host header, the credential scope's date, region and service.
   */
  public static String signature(Map<String, String> payload, String secret) {
    Map<String, String> query = new TreeMap<>();
    query.put("Action", payload.get("action"));
    query.put("X-Amz-Algorithm", payload.get("x-amz-algorithm"));
    query.put("X-Amz-Credential", payload.get("x-amz-credential"));
    query.put("X-Amz-Date", payload.get("x-amz-date"));
    query.put("X-Amz-Expires", payload.get("x-amz-expires"));
    query.put("X-Amz-SignedHeaders", payload.get("x-amz-signedheaders"));
    if (payload.containsKey("x-amz-security-token")) {
      query.put("X-Amz-Security-Token", payload.get("x-amz-security-token"));
    }
    String[] scope = payload.get("x-amz-credential").split("/");
    return SigV4Presign.signature(payload.get("host"), query, secret, scope[1], scope[2], scope[3]);
  }
}
