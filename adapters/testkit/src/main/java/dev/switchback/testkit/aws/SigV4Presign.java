package dev.switchback.testkit.aws;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.URLDecoder;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * SigV4 for a presigned GET, written from the AWS specification ("Create a signed AWS API
 * request": canonical request, string to sign, signing key by an HMAC chain) without the SDK, so
 * a token the SDK signed (an RDS or ElastiCache IAM token, an MSK IAM handshake) can be checked
 * against it: a test that verified the SDK's signer with the SDK's signer would prove nothing.
 */
public final class SigV4Presign {

  /** The hex SHA-256 of an empty body, the payload hash of a presigned GET. */
  public static final String EMPTY_PAYLOAD_HASH = hex(sha256(""));

  private SigV4Presign() {}

  /** The query of {@code token} (a presigned URL without scheme), decoded, in order of name. */
  public static TreeMap<String, String> query(String token) {
    String rawQuery = token.substring(token.indexOf('?') + 1);
    TreeMap<String, String> params = new TreeMap<>();
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      params.put(URLDecoder.decode(pair.substring(0, eq), UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), UTF_8));
    }
    return params;
  }

  /** The host header {@code token} was signed for: everything before the first slash. */
  public static String host(String token) {
    return token.substring(0, token.indexOf('/'));
  }

  /**
   * The signature of a presigned {@code GET /} to {@code host} with the query {@code params}
   * (without {@code X-Amz-Signature}), signing only the host header.
   */
  public static String signature(String host, Map<String, String> params, String secretKey,
      String date, String region, String service) {
    StringBuilder canonicalQuery = new StringBuilder();
    new TreeMap<>(params).forEach((name, value) -> {
      if (!name.equals("X-Amz-Signature")) {
        if (canonicalQuery.length() > 0) {
          canonicalQuery.append('&');
        }
        canonicalQuery.append(encode(name)).append('=').append(encode(value));
      }
    });
    String canonicalRequest = String.join("\n",
        "GET", "/", canonicalQuery.toString(), "host:" + host, "", "host", EMPTY_PAYLOAD_HASH);
    String scope = date + "/" + region + "/" + service + "/aws4_request";
    String stringToSign = String.join("\n",
        "AWS4-HMAC-SHA256", params.get("X-Amz-Date"), scope, hex(sha256(canonicalRequest)));
    byte[] key = hmac(("AWS4" + secretKey).getBytes(UTF_8), date);
    key = hmac(key, region);
    key = hmac(key, service);
    key = hmac(key, "aws4_request");
    return hex(hmac(key, stringToSign));
  }

  /** URI encoding as SigV4 wants it: unreserved characters kept, everything else %XX upper case. */
  public static String encode(String text) {
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '-' || c == '_' || c == '.' || c == '~') {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return out.toString();
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(UTF_8));
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(UTF_8));
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
