package dev.switchback.sessions;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * New session ids, the same for every store and the migration router: {@value #ID_BYTES} bytes
 * from {@link SecureRandom}, base64url without padding (22 characters). Unguessable, since an id
 * is a bearer credential, and safe in cookies and URLs. Thread safe.
 */
public final class SessionIds {

  /** Random bytes in a session id: 16, that is 128 bits. */
  public static final int ID_BYTES = 16;

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  private SessionIds() {}

  /** A new random session id. */
  public static String newId() {
    byte[] bytes = new byte[ID_BYTES];
    RANDOM.nextBytes(bytes);
    return ENCODER.encodeToString(bytes);
  }
}
