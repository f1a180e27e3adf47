package dev.switchback.memory.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.switchback.InvalidInputException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * bcrypt hashing and checking of passwords, counted in UTF-8 bytes.
 *
 * <p>bcrypt reads at most 72 bytes, so a longer password would match every password sharing its
 * first 72 bytes: such passwords are refused when set and never match at login. Checking a
 * password for an unknown user still runs one bcrypt comparison, against a dummy hash, so the
 * answer takes about as long as for a known user.
 *
 * <p>That dummy hash is a random salt and random hash bytes in bcrypt's format at the configured
 * cost: checking a password against it costs exactly what checking against a real hash costs,
 * while making it costs nothing (hashing a random password, as it once did, added a whole bcrypt
 * round to every start).
 */
final class BcryptPasswords {

  /** The most bytes bcrypt reads of a password. */
  static final int MAX_PASSWORD_BYTES = 72;

  /** Sizes of bcrypt's salt and of the part of its hash that the format keeps. */
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 23;

  private final int cost;
  private final byte[] dummyHash;

  BcryptPasswords(int cost) {
    if (cost < BCrypt.MIN_COST || cost > BCrypt.MAX_COST) {
      throw new IllegalArgumentException(
          "bcrypt cost must be " + BCrypt.MIN_COST + " to " + BCrypt.MAX_COST + ", got " + cost);
    }
    this.cost = cost;
    this.dummyHash = dummyHash(cost, new SecureRandom());
  }

  /**
   * Hashes {@code password}.
   *
   * @throws InvalidInputException if it is empty or longer than 72 bytes
   */
  byte[] hash(char[] password) {
    byte[] bytes = utf8(password);
    try {
      if (bytes.length == 0) {
        throw new InvalidInputException("password must not be empty");
      }
      if (bytes.length > MAX_PASSWORD_BYTES) {
        throw new InvalidInputException(
            "password is " + bytes.length + " bytes in UTF-8; bcrypt allows at most "
                + MAX_PASSWORD_BYTES);
      }
      return BCrypt.withDefaults().hash(cost, bytes);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /** Whether {@code password} matches {@code hash}; for a null hash, spends the time, says no. */
  boolean matches(char[] password, byte @Nullable [] hash) {
    byte[] bytes = utf8(password);
    try {
      boolean comparable = hash != null && bytes.length > 0 && bytes.length <= MAX_PASSWORD_BYTES;
      if (!comparable) {
        BCrypt.verifyer().verify(new byte[] {0}, dummyHash);
        return false;
      }
      return BCrypt.verifyer().verify(bytes, hash).verified;
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /** A hash no password is known to match, in the format {@link #hash} writes. */
  static byte[] dummyHash(int cost, SecureRandom random) {
    byte[] salt = new byte[SALT_BYTES];
    byte[] hash = new byte[HASH_BYTES];
    random.nextBytes(salt);
    random.nextBytes(hash);
    BCrypt.Version version = BCrypt.Version.VERSION_2A;
    return version.formatter.createHashMessage(new BCrypt.HashData(cost, version, salt, hash));
  }

  private static byte[] utf8(char[] password) {
    ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
    byte[] bytes = new byte[encoded.remaining()];
    encoded.get(bytes);
    // Wipe the encoder's copy; ours is wiped by the caller.
    if (encoded.hasArray()) {
      Arrays.fill(encoded.array(), (byte) 0);
    }
    return bytes;
  }
}
