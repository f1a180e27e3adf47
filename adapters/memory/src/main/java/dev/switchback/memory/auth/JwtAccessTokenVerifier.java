package dev.switchback.memory.auth;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.Header;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.switchback.InvalidTokenException;
import dev.switchback.InvalidTokenException.Reason;
import dev.switchback.auth.Principal;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Verifies Cognito-shaped access tokens strictly, failing with an {@link InvalidTokenException}
 * whose {@link Reason} says what was wrong. Checks, in order:
 *
 * <ol>
 *   <li>shape: three base64url segments (header and payload not empty), a JSON header, at
 *       most {@link #MAX_TOKEN_LENGTH} characters ({@link Reason#MALFORMED});
 *   <li>algorithm: RS256 only, so {@code none}, HMAC and every other algorithm are refused, as is
 *       a key whose own {@code alg} differs ({@link Reason#UNSUPPORTED_ALGORITHM});
 *   <li>key: the {@code kid} header is required and must name a signing key of the {@link
 *       VerificationKeys}; keys carried in the token are ignored ({@link Reason#UNKNOWN_KEY});
 *   <li>signature, which an empty signature segment fails too ({@link Reason#BAD_SIGNATURE});
 *       only then are the claims parsed, and claims of the wrong type are {@link
 *       Reason#MALFORMED};
 *   <li>{@code iss} equal to the expected issuer, exact string match ({@link
 *       Reason#WRONG_ISSUER});
 *   <li>{@code token_use} equal to {@code access} ({@link Reason#WRONG_TOKEN_USE});
 *   <li>{@code client_id} equal to the expected client ({@link Reason#WRONG_AUDIENCE});
 *   <li>{@code exp} not past by more than the clock skew ({@link Reason#EXPIRED}); {@code nbf}
 *       and {@code iat} not in the future by more than the skew ({@link Reason#NOT_YET_VALID});
 *   <li>{@code sub}, {@code username}, {@code iss}, {@code token_use}, {@code client_id}, {@code
 *       exp} and {@code iat} present ({@link Reason#MISSING_CLAIM}); {@code cognito:groups}, if
 *       present, a list of strings.
 * </ol>
 *
 * <p>Messages name the failed check, never the token. Thread safe.
 */
public final class JwtAccessTokenVerifier {

  /** Longest token accepted, in characters: {@value}. Longer ones are refused unread. */
  public static final int MAX_TOKEN_LENGTH = 16 * 1024;
  /** Allowed difference between the issuer's clock and ours unless configured: 60 s. */
  public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(60);

  private static final JWSAlgorithm ALGORITHM = JWSAlgorithm.RS256;
  private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]*");

  private final String issuer;
  private final String clientId;
  private final VerificationKeys keys;
  private final Duration clockSkew;
  private final Clock clock;

  private JwtAccessTokenVerifier(Builder builder) {
    this.issuer = builder.issuer;
    this.clientId = builder.clientId;
    this.keys = builder.keys;
    this.clockSkew = builder.clockSkew;
    this.clock = builder.clock;
  }

  /**
   * A builder for tokens of {@code issuer} (exact {@code iss}) issued to {@code clientId}
   * ({@code client_id}), signed by one of {@code keys}.
   */
  public static Builder builder(String issuer, String clientId, VerificationKeys keys) {
    return new Builder(issuer, clientId, keys);
  }

  /** The issuer tokens must name. */
  public String issuer() {
    return issuer;
  }

  /**
   * Verifies {@code token} and returns the principal it speaks for.
   *
   * @throws InvalidTokenException with the reason the token was refused
   */
  public Principal verify(String token) {
    requireNonNull(token, "token");
    if (token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
      throw refuse(Reason.MALFORMED, "token is empty or longer than " + MAX_TOKEN_LENGTH);
    }
    String[] segments = token.split("\\.", -1);
    if (segments.length != 3) {
      throw refuse(Reason.MALFORMED, "token has " + segments.length + " segments, not 3");
    }
    for (String segment : segments) {
      if (!BASE64URL.matcher(segment).matches()) {
        throw refuse(Reason.MALFORMED, "a segment is not base64url");
      }
    }
    if (segments[0].isEmpty() || segments[1].isEmpty()) {
      throw refuse(Reason.MALFORMED, "header or payload is empty");
    }
    JWSHeader header = header(segments[0]);
    RSASSAVerifier verifier = verifierFor(header);
    if (segments[2].isEmpty()) {
      throw refuse(Reason.BAD_SIGNATURE, "signature is empty");
    }
    SignedJWT jwt;
    try {
      jwt = SignedJWT.parse(token);
    } catch (ParseException e) {
      throw refuse(Reason.MALFORMED, "token cannot be parsed");
    }
    if (!signatureHolds(jwt, verifier)) {
      throw refuse(Reason.BAD_SIGNATURE, "signature does not verify");
    }
    JWTClaimsSet claims;
    try {
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException | RuntimeException e) {
      throw refuse(Reason.MALFORMED, "claims are not a JSON object of the expected types");
    }
    return principal(claims);
  }

  private JWSHeader header(String encoded) {
    Header header;
    try {
      header = Header.parse(new Base64URL(encoded));
    } catch (ParseException | RuntimeException e) {
      throw refuse(Reason.MALFORMED, "header is not a base64url JSON object with an algorithm");
    }
    if (!ALGORITHM.equals(header.getAlgorithm()) || !(header instanceof JWSHeader jws)) {
      throw refuse(
          Reason.UNSUPPORTED_ALGORITHM,
          "algorithm " + header.getAlgorithm() + " is not accepted; only " + ALGORITHM + " is");
    }
    return jws;
  }

  private RSASSAVerifier verifierFor(JWSHeader header) {
    String kid = header.getKeyID();
    if (kid == null || kid.isEmpty()) {
      throw refuse(Reason.UNKNOWN_KEY, "header has no kid");
    }
    Optional<JWK> found = keys.find(kid);
    JWK key = found.orElseThrow(() -> refuse(Reason.UNKNOWN_KEY, "no key is known for the kid"));
    if (key.getKeyUse() != null && !KeyUse.SIGNATURE.equals(key.getKeyUse())) {
      throw refuse(Reason.UNKNOWN_KEY, "the key for the kid is not a signing key");
    }
    if (!(key instanceof RSAKey rsa)
        || (key.getAlgorithm() != null && !ALGORITHM.equals(key.getAlgorithm()))) {
      throw refuse(
          Reason.UNSUPPORTED_ALGORITHM, "the key for the kid is not an " + ALGORITHM + " key");
    }
    try {
      return new RSASSAVerifier(rsa.toPublicJWK());
    } catch (JOSEException e) {
      throw refuse(Reason.UNKNOWN_KEY, "the key for the kid is not a usable RSA public key");
    }
  }

  private static boolean signatureHolds(SignedJWT jwt, RSASSAVerifier verifier) {
    try {
      return jwt.verify(verifier);
    } catch (JOSEException | RuntimeException e) {
      return false;
    }
  }

  private Principal principal(JWTClaimsSet claims) {
    try {
      String tokenIssuer = required(claims.getStringClaim("iss"), "iss");
      if (!issuer.equals(tokenIssuer)) {
        throw refuse(Reason.WRONG_ISSUER, "issuer is not the expected one");
      }
      String tokenUse = required(claims.getStringClaim("token_use"), "token_use");
      if (!"access".equals(tokenUse)) {
        throw refuse(Reason.WRONG_TOKEN_USE, "token_use is " + tokenUse + ", not access");
      }
      String tokenClient = required(claims.getStringClaim("client_id"), "client_id");
      if (!clientId.equals(tokenClient)) {
        throw refuse(Reason.WRONG_AUDIENCE, "client_id is not the expected client");
      }
      Instant expiresAt = required(claims.getExpirationTime(), "exp").toInstant();
      Instant issuedAt = required(claims.getIssueTime(), "iat").toInstant();
      Instant now = clock.instant();
      if (now.isAfter(expiresAt.plus(clockSkew))) {
        throw refuse(Reason.EXPIRED, "token expired beyond the allowed clock skew");
      }
      Date notBefore = claims.getNotBeforeTime();
      Instant latestStart = now.plus(clockSkew);
      if (issuedAt.isAfter(latestStart)
          || (notBefore != null && notBefore.toInstant().isAfter(latestStart))) {
        throw refuse(Reason.NOT_YET_VALID, "token is not valid yet");
      }
      String subject = required(claims.getStringClaim("sub"), "sub");
      String username = required(claims.getStringClaim("username"), "username");
      List<String> groups = claims.getStringListClaim("cognito:groups");
      return new Principal(
          subject,
          username,
          groups == null ? Set.of() : Set.copyOf(groups),
          withoutNulls(claims.toJSONObject()),
          expiresAt,
          tokenIssuer);
    } catch (InvalidTokenException refused) {
      throw refused;
    } catch (ParseException | RuntimeException e) {
      throw refuse(Reason.MALFORMED, "a claim has the wrong type");
    }
  }

  private static <T> T required(@Nullable T value, String claim) {
    if (value == null) {
      throw refuse(Reason.MISSING_CLAIM, "claim " + claim + " is missing");
    }
    return value;
  }

  // Principal copies claims with Map.copyOf, which refuses null values (JSON null).
  private static Map<String, Object> withoutNulls(Map<String, Object> claims) {
    Map<String, Object> copy = new HashMap<>();
    claims.forEach(
        (name, value) -> {
          if (value != null) {
            copy.put(name, value);
          }
        });
    return copy;
  }

  private static InvalidTokenException refuse(Reason reason, String message) {
    return new InvalidTokenException(reason, "token refused: " + message);
  }

  /** {@code skew}, once checked to be a valid clock skew: present and not negative. */
  static Duration checkedClockSkew(Duration skew) {
    requireNonNull(skew, "skew");
    if (skew.isNegative()) {
      throw new IllegalArgumentException("clockSkew must not be negative, got " + skew);
    }
    return skew;
  }

  @Override
  public String toString() {
    return "JwtAccessTokenVerifier[issuer=" + issuer + ", clientId=" + clientId + "]";
  }

  /** Builds a {@link JwtAccessTokenVerifier}. */
  public static final class Builder {
    private final String issuer;
    private final String clientId;
    private final VerificationKeys keys;
    private Duration clockSkew = DEFAULT_CLOCK_SKEW;
    private Clock clock = Clock.systemUTC();

    private Builder(String issuer, String clientId, VerificationKeys keys) {
      this.issuer = requireNonNull(issuer, "issuer");
      this.clientId = requireNonNull(clientId, "clientId");
      this.keys = requireNonNull(keys, "keys");
    }

    /** How far {@code exp}, {@code nbf} and {@code iat} may be off; default 60 s, not negative. */
    public Builder clockSkew(Duration skew) {
      this.clockSkew = checkedClockSkew(skew);
      return this;
    }

    /** The clock expiry is checked against; default the system clock. */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /** The verifier. */
    public JwtAccessTokenVerifier build() {
      return new JwtAccessTokenVerifier(this);
    }
  }
}
