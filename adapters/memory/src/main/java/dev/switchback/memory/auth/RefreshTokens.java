package dev.switchback.memory.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Opaque refresh tokens: 32 random bytes, base64url. Only a SHA-256 digest of each token is kept,
 * so a dump of memory does not hand out usable tokens.
 */
final class RefreshTokens {

  /** What a refresh token stands for. */
  record Grant(String username, Instant authTime, Instant expiresAt) {}

  // Expired grants are swept every so many issues, so the map stays bounded by live grants.
  private static final int SWEEP_EVERY = 1024;

  private final SecureRandom random = new SecureRandom();
  private final ConcurrentHashMap<String, Grant> grants = new ConcurrentHashMap<>();
  private final AtomicInteger issued = new AtomicInteger();

  /** A new token for {@code grant}; {@code now} is used to sweep expired grants. */
  String issue(Grant grant, Instant now) {
    if (issued.incrementAndGet() % SWEEP_EVERY == 0) {
      grants.values().removeIf(old -> !old.expiresAt().isAfter(now));
    }
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    grants.put(digest(token), grant);
    return token;
  }

  /** The grant of {@code token}, or null if unknown or revoked. */
  @Nullable Grant find(String token) {
    return grants.get(digest(token));
  }

  /** Forgets {@code token}. */
  void revoke(String token) {
    grants.remove(digest(token));
  }

  /** Forgets every token of {@code username}. */
  void revokeAll(String username) {
    grants.values().removeIf(grant -> grant.username().equals(username));
  }

  private static String digest(String token) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha256.digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
