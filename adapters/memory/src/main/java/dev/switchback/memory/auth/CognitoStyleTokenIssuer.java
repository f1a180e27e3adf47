package dev.switchback.memory.auth;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.switchback.SwitchbackException;
import dev.switchback.auth.Tokens;
import dev.switchback.auth.User;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.TreeSet;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Issues RS256 access and id tokens shaped like Amazon Cognito's, so services and {@link
 * JwtAccessTokenVerifier} treat a local issuer and Cognito alike.
 *
 * <p>Header: {@code alg=RS256} and the signing key's {@code kid}. Access token claims: {@code
 * sub}, {@code iss}, {@code client_id}, {@code token_use=access}, {@code username}, {@code
 * cognito:groups} (omitted when the user has none, as Cognito does), {@code scope}, {@code
 * auth_time}, {@code iat}, {@code exp}, {@code jti}. Id token claims: {@code sub}, {@code iss},
 * {@code aud} (the client id), {@code token_use=id}, {@code cognito:username}, {@code
 * cognito:groups}, {@code auth_time}, {@code iat}, {@code exp}, {@code jti}. Times are whole
 * seconds. Thread safe.
 */
public final class CognitoStyleTokenIssuer {

  /** How long tokens live unless configured: 1 hour, as Cognito's default. */
  public static final Duration DEFAULT_TOKEN_TTL = Duration.ofHours(1);
  /** The {@code scope} of access tokens, as Cognito sets it for a password login. */
  public static final String SCOPE = "aws.cognito.signin.user.admin";

  private final RSAKey signingKey;
  private final RSASSASigner signer;
  private final String issuer;
  private final String clientId;
  private final Duration tokenTtl;
  private final Clock clock;

  private CognitoStyleTokenIssuer(Builder builder) {
    this.signingKey = builder.signingKey;
    this.issuer = builder.issuer;
    this.clientId = builder.clientId;
    this.tokenTtl = builder.tokenTtl;
    this.clock = builder.clock;
    try {
      this.signer = new RSASSASigner(signingKey);
    } catch (JOSEException e) {
      throw new IllegalArgumentException("signingKey is not a usable RSA private key", e);
    }
  }

  /**
   * A builder signing with {@code signingKey} (an RSA key with a private part and a key id),
   * putting {@code issuer} in {@code iss} and {@code clientId} in {@code client_id} and {@code
   * aud}.
   */
  public static Builder builder(RSAKey signingKey, String issuer, String clientId) {
    return new Builder(signingKey, issuer, clientId);
  }

  /** The {@code iss} of issued tokens. */
  public String issuer() {
    return issuer;
  }

  /** The {@code client_id} of access tokens and {@code aud} of id tokens. */
  public String clientId() {
    return clientId;
  }

  /** The public key set that verifies issued tokens, as a JWKS endpoint would serve it. */
  public JWKSet publicKeys() {
    return new JWKSet(signingKey.toPublicJWK());
  }

  /**
   * Issues an access and an id token for {@code user}.
   *
   * @param authTime when the user authenticated with a password ({@code auth_time})
   * @param refreshToken returned as is in the tokens, or null for none
   */
  public Tokens issue(User user, Instant authTime, @Nullable String refreshToken) {
    requireNonNull(user, "user");
    requireNonNull(authTime, "authTime");
    Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Instant expiresAt = issuedAt.plus(tokenTtl);
    JWTClaimsSet.Builder access =
        common(user, authTime, issuedAt, expiresAt)
            .claim("client_id", clientId)
            .claim("token_use", "access")
            .claim("username", user.username())
            .claim("scope", SCOPE);
    JWTClaimsSet.Builder id =
        common(user, authTime, issuedAt, expiresAt)
            .audience(clientId)
            .claim("token_use", "id")
            .claim("cognito:username", user.username());
    return new Tokens(sign(access.build()), sign(id.build()), refreshToken, expiresAt);
  }

  private JWTClaimsSet.Builder common(
      User user, Instant authTime, Instant issuedAt, Instant expiresAt) {
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .subject(user.subject())
            .issuer(issuer)
            .claim("auth_time", authTime.getEpochSecond())
            .issueTime(Date.from(issuedAt))
            .expirationTime(Date.from(expiresAt))
            .jwtID(UUID.randomUUID().toString());
    if (!user.groups().isEmpty()) {
      claims.claim("cognito:groups", new ArrayList<>(new TreeSet<>(user.groups())));
    }
    return claims;
  }

  private String sign(JWTClaimsSet claims) {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID()).build(), claims);
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new SwitchbackException("signing a token failed", e);
    }
    return jwt.serialize();
  }

  @Override
  public String toString() {
    return "CognitoStyleTokenIssuer[issuer=" + issuer + ", kid=" + signingKey.getKeyID() + "]";
  }

  /** Builds a {@link CognitoStyleTokenIssuer}. */
  public static final class Builder {
    private final RSAKey signingKey;
    private final String issuer;
    private final String clientId;
    private Duration tokenTtl = DEFAULT_TOKEN_TTL;
    private Clock clock = Clock.systemUTC();

    private Builder(RSAKey signingKey, String issuer, String clientId) {
      this.signingKey = requireNonNull(signingKey, "signingKey");
      this.issuer = requireNonNull(issuer, "issuer");
      this.clientId = requireNonNull(clientId, "clientId");
      if (!signingKey.isPrivate() || signingKey.getKeyID() == null) {
        throw new IllegalArgumentException("signingKey needs a private part and a key id");
      }
    }

    /** How long access and id tokens live; default 1 hour, at least 1 second. */
    public Builder tokenTtl(Duration ttl) {
      requireNonNull(ttl, "ttl");
      if (ttl.compareTo(Duration.ofSeconds(1)) < 0) {
        throw new IllegalArgumentException("tokenTtl must be at least 1 second, got " + ttl);
      }
      this.tokenTtl = ttl;
      return this;
    }

    /** The clock {@code iat} and {@code exp} come from; default the system clock. */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /** The issuer. */
    public CognitoStyleTokenIssuer build() {
      return new CognitoStyleTokenIssuer(this);
    }
  }
}
