package dev.switchback.memory.auth;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.switchback.AuthenticationFailedException;
import dev.switchback.InvalidInputException;
import dev.switchback.InvalidTokenException;
import dev.switchback.InvalidTokenException.Reason;
import dev.switchback.SwitchbackException;
import dev.switchback.auth.Auth;
import dev.switchback.auth.AuthFeature;
import dev.switchback.auth.Principal;
import dev.switchback.auth.Tokens;
import dev.switchback.auth.User;
import dev.switchback.auth.UserDirectory;
import dev.switchback.spi.Pingable;
import dev.switchback.spi.support.CloseOnce;
import dev.switchback.spi.support.DaemonThreads;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * {@link Auth} and {@link UserDirectory} held in memory, for tests and the embedded default.
 *
 * <p>Users are kept with bcrypt hashes (cost {@link Builder#bcryptCost(int)}, default {@value
 * #DEFAULT_BCRYPT_COST}); a password longer than 72 UTF-8 bytes or empty is refused when set. A
 * login issues Cognito-shaped RS256 tokens ({@link CognitoStyleTokenIssuer}) signed with an RSA
 * key (given to the builder, or generated when first needed), and an opaque refresh token kept in
 * memory. {@link #verify(String)} is {@link JwtAccessTokenVerifier} against that key.
 *
 * <p>An unknown user, a wrong password and a disabled user all fail with the same {@link
 * AuthenticationFailedException} message, and an unknown user still costs one bcrypt comparison.
 * Refreshing returns new access and id tokens and the same refresh token; refresh tokens of a
 * deleted user are revoked, those of a disabled user are refused.
 *
 * <p>bcrypt runs on two threads owned by the instance, never on the caller's; other operations
 * complete at once. Passwords and tokens are never logged or put in messages. Thread safe.
 */
public final class MemoryAuth implements Auth, UserDirectory, Pingable {

  /** Issuer unless configured: {@value}. */
  public static final String DEFAULT_ISSUER = "switchback-memory";
  /** Client id unless configured: {@value}. */
  public static final String DEFAULT_CLIENT_ID = "switchback";
  /** bcrypt cost unless configured: {@value}. */
  public static final int DEFAULT_BCRYPT_COST = 10;
  /** How long refresh tokens live unless configured: 30 days, as Cognito's default. */
  public static final Duration DEFAULT_REFRESH_TOKEN_TTL = Duration.ofDays(30);

  private static final String LOGIN_FAILED = "login failed: unknown user or wrong password";

  private final String clientId;
  private final Duration refreshTokenTtl;
  private final Clock clock;
  private final BcryptPasswords passwords;
  private final String issuer;
  // Generating an RSA key takes a good part of a second on a cold JVM. It is made when a login,
  // a verification, a refresh or the public keys first need it, always on a hashing thread but for
  // publicKeys(): made at build, even in the background, it took CPU from a service's start.
  private final Function<RSAKey, Signing> signingWithKey;
  private final Object signingLock = new Object();
  private volatile @Nullable Signing signing;
  private final RefreshTokens refreshTokens = new RefreshTokens();
  private final ConcurrentSkipListMap<String, StoredUser> users = new ConcurrentSkipListMap<>();
  private final ExecutorService hashing;
  private final CloseOnce state = new CloseOnce("MemoryAuth");

  private MemoryAuth(Builder builder, @Nullable RSAKey signingKey) {
    this.clientId = builder.clientId;
    this.issuer = builder.issuer;
    this.refreshTokenTtl = builder.refreshTokenTtl;
    this.clock = builder.clock;
    this.passwords = new BcryptPasswords(builder.bcryptCost);
    this.hashing =
        Executors.newFixedThreadPool(2, DaemonThreads.forNextInstanceOf("switchback-memory-auth"));
    SigningSettings settings = new SigningSettings(
        builder.issuer, builder.clientId, builder.tokenTtl, builder.clockSkew, builder.clock);
    this.signingWithKey = key -> Signing.with(key, settings);
    this.signing = signingKey == null ? null : signingWithKey.apply(signingKey);
  }

  /** What a signing key's issuer and verifier are made with, as the builder had it. */
  private record SigningSettings(
      String issuer, String clientId, Duration tokenTtl, Duration clockSkew, Clock clock) {}

  /** The token issuer and verifier of one signing key. */
  private record Signing(CognitoStyleTokenIssuer tokenIssuer, JwtAccessTokenVerifier verifier) {
    static Signing with(RSAKey key, SigningSettings settings) {
      CognitoStyleTokenIssuer tokenIssuer =
          CognitoStyleTokenIssuer.builder(key, settings.issuer(), settings.clientId())
              .tokenTtl(settings.tokenTtl())
              .clock(settings.clock())
              .build();
      JwtAccessTokenVerifier verifier =
          JwtAccessTokenVerifier.builder(
                  settings.issuer(), settings.clientId(),
                  VerificationKeys.of(tokenIssuer.publicKeys()))
              .clockSkew(settings.clockSkew())
              .clock(settings.clock())
              .build();
      return new Signing(tokenIssuer, verifier);
    }
  }

  /** The signing key's issuer and verifier; the first call makes the key, the others wait for it. */
  private Signing signing() {
    Signing made = signing;
    if (made == null) {
      synchronized (signingLock) {
        made = signing;
        if (made == null) {
          made = signingWithKey.apply(Builder.generateSigningKey());
          signing = made;
        }
      }
    }
    return made;
  }

  /**
   * Runs {@code work}, which may need the signing key, at once on the caller's thread once the key
   * exists, and on a hashing thread before, so no caller's thread waits for a key to be made.
   */
  private <T> CompletionStage<T> needingSigning(Supplier<T> work) {
    return signing != null ? state.completeNow(work) : onHashingThread(work);
  }

  /** An instance with every default. */
  public static MemoryAuth create() {
    return builder().build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Checks the password and issues tokens. Fails with {@link AuthenticationFailedException} for
   * an unknown user, a wrong password or a disabled user, all with the same message.
   */
  @Override
  public CompletionStage<Tokens> login(String username, char[] password) {
    if (username == null || password == null) {
      return CompletableFuture.failedFuture(
          new InvalidInputException("username and password must not be null"));
    }
    return onHashingThread(
        () -> {
          StoredUser user = users.get(username);
          boolean matches = passwords.matches(password, user == null ? null : user.hash());
          if (user == null || !matches || !user.enabled()) {
            throw new AuthenticationFailedException(LOGIN_FAILED);
          }
          Instant now = clock.instant();
          String refresh =
              refreshTokens.issue(
                  new RefreshTokens.Grant(username, now, now.plus(refreshTokenTtl)), now);
          return signing().tokenIssuer().issue(user.toUser(), now, refresh);
        });
  }

  /** Verifies an access token issued by this instance; see {@link JwtAccessTokenVerifier}. */
  @Override
  public CompletionStage<Principal> verify(String accessToken) {
    return needingSigning(
        () -> {
          if (accessToken == null) {
            throw new InvalidTokenException(Reason.MALFORMED, "token refused: token is null");
          }
          return signing().verifier().verify(accessToken);
        });
  }

  /**
   * Issues new access and id tokens for {@code refreshToken}, which is returned again. Fails with
   * {@link InvalidTokenException}: {@link Reason#REVOKED} for an unknown token or a user that was
   * deleted or disabled, {@link Reason#EXPIRED} for an expired one.
   */
  @Override
  public CompletionStage<Tokens> refresh(String refreshToken) {
    return needingSigning(
        () -> {
          RefreshTokens.Grant grant =
              refreshToken == null ? null : refreshTokens.find(refreshToken);
          if (grant == null) {
            throw new InvalidTokenException(Reason.REVOKED, "refresh token is unknown or revoked");
          }
          Instant now = clock.instant();
          if (!grant.expiresAt().isAfter(now)) {
            refreshTokens.revoke(refreshToken);
            throw new InvalidTokenException(Reason.EXPIRED, "refresh token has expired");
          }
          StoredUser user = users.get(grant.username());
          if (user == null || !user.enabled()) {
            throw new InvalidTokenException(Reason.REVOKED, "refresh token's user cannot log in");
          }
          return signing().tokenIssuer().issue(user.toUser(), grant.authTime(), refreshToken);
        });
  }

  @Override
  public String issuer() {
    return issuer;
  }

  /** The {@code client_id} of access tokens and {@code aud} of id tokens. */
  public String clientId() {
    return clientId;
  }

  /**
   * The public keys that verify this instance's tokens, as a JWKS endpoint would serve them. The
   * first call before any login makes the signing key on the caller's thread.
   */
  public JWKSet publicKeys() {
    return signing().tokenIssuer().publicKeys();
  }

  /** {@link AuthFeature#USER_DIRECTORY}. */
  @Override
  public Set<AuthFeature> features() {
    return Set.of(AuthFeature.USER_DIRECTORY);
  }

  @Override
  public CompletionStage<Optional<User>> find(String username) {
    return state.completeNow(
        () -> Optional.ofNullable(users.get(requireUsername(username))).map(StoredUser::toUser));
  }

  @Override
  public CompletionStage<List<User>> list() {
    return state.completeNow(() -> users.values().stream().map(StoredUser::toUser).toList());
  }

  /**
   * Creates the user, enabled, with a new random subject; or sets an existing user's password and
   * groups, keeping its subject and enabled state.
   */
  @Override
  public CompletionStage<User> upsert(String username, char[] password, Set<String> groups) {
    if (username == null || username.isBlank()) {
      return CompletableFuture.failedFuture(
          new InvalidInputException("username must not be null or blank"));
    }
    if (password == null || groups == null || groups.stream().anyMatch(Objects::isNull)) {
      return CompletableFuture.failedFuture(
          new InvalidInputException("password and groups must not be null"));
    }
    Set<String> groupCopy = Set.copyOf(groups);
    return onHashingThread(
        () -> {
          byte[] hash = passwords.hash(password);
          String newSubject = UUID.randomUUID().toString();
          return users
              .compute(
                  username,
                  (name, old) ->
                      old == null
                          ? new StoredUser(name, newSubject, hash, groupCopy, true)
                          : new StoredUser(name, old.subject(), hash, groupCopy, old.enabled()))
              .toUser();
        });
  }

  @Override
  public CompletionStage<Optional<User>> setPassword(String username, char[] password) {
    if (username == null || password == null) {
      return CompletableFuture.failedFuture(
          new InvalidInputException("username and password must not be null"));
    }
    return onHashingThread(
        () -> {
          if (!users.containsKey(username)) {
            return Optional.empty();
          }
          byte[] hash = passwords.hash(password);
          return Optional.ofNullable(
                  users.computeIfPresent(username, (name, old) -> old.withPassword(hash)))
              .map(StoredUser::toUser);
        });
  }

  /**
   * Enables or disables {@code username}. A disabled user cannot log in or refresh; tokens already
   * issued stay valid until they expire, as with Cognito.
   *
   * @return the changed user, or empty if unknown
   */
  public CompletionStage<Optional<User>> setEnabled(String username, boolean enabled) {
    return state.completeNow(
        () ->
            Optional.ofNullable(
                    users.computeIfPresent(
                        requireUsername(username), (name, old) -> old.withEnabled(enabled)))
                .map(StoredUser::toUser));
  }

  /** Deletes the user and revokes its refresh tokens. */
  @Override
  public CompletionStage<Boolean> delete(String username) {
    return state.completeNow(
        () -> {
          boolean existed = users.remove(requireUsername(username)) != null;
          refreshTokens.revokeAll(username);
          return existed;
        });
  }

  /** Stops the hashing threads; later calls fail. Users and tokens are dropped. */
  @Override
  public CompletionStage<Void> closeAsync() {
    return state.close(
        () -> {
          hashing.shutdown();
          return CompletableFuture.completedFuture(null);
        });
  }

  // Completes with the work's own exception, not wrapped in a CompletionException.
  private <T> CompletionStage<T> onHashingThread(Supplier<T> work) {
    CompletableFuture<T> result = new CompletableFuture<>();
    try {
      state.requireOpen();
      hashing.execute(
          () -> {
            try {
              result.complete(work.get());
            } catch (RuntimeException failure) {
              result.completeExceptionally(failure);
            }
          });
    } catch (SwitchbackException refused) {
      result.completeExceptionally(refused);
    } catch (RejectedExecutionException closedMeanwhile) {
      result.completeExceptionally(state.closedException());
    }
    return result;
  }

  private static String requireUsername(@Nullable String username) {
    if (username == null) {
      throw new InvalidInputException("username must not be null");
    }
    return username;
  }

  @Override
  public String toString() {
    return "MemoryAuth[issuer=" + issuer() + ", users=" + users.size() + "]";
  }

  /** Builds a {@link MemoryAuth}; every setting has a documented default. */
  public static final class Builder {
    private String issuer = DEFAULT_ISSUER;
    private String clientId = DEFAULT_CLIENT_ID;
    private Duration tokenTtl = CognitoStyleTokenIssuer.DEFAULT_TOKEN_TTL;
    private Duration refreshTokenTtl = DEFAULT_REFRESH_TOKEN_TTL;
    private Duration clockSkew = JwtAccessTokenVerifier.DEFAULT_CLOCK_SKEW;
    private int bcryptCost = DEFAULT_BCRYPT_COST;
    private Clock clock = Clock.systemUTC();
    private @Nullable RSAKey signingKey;

    private Builder() {}

    /** The {@code iss} of issued tokens, and the only issuer {@code verify} accepts. */
    public Builder issuer(String issuer) {
      this.issuer = requireNonBlank(issuer, "issuer");
      return this;
    }

    /** The {@code client_id} of access tokens, and the only one {@code verify} accepts. */
    public Builder clientId(String clientId) {
      this.clientId = requireNonBlank(clientId, "clientId");
      return this;
    }

    /** How long access and id tokens live; default 1 hour. */
    public Builder tokenTtl(Duration ttl) {
      this.tokenTtl = requirePositive(ttl, "tokenTtl");
      return this;
    }

    /** How long refresh tokens live; default 30 days. */
    public Builder refreshTokenTtl(Duration ttl) {
      this.refreshTokenTtl = requirePositive(ttl, "refreshTokenTtl");
      return this;
    }

    /** How far token times may be off when verifying; default 60 s. */
    public Builder clockSkew(Duration skew) {
      this.clockSkew = JwtAccessTokenVerifier.checkedClockSkew(skew);
      return this;
    }

    /** bcrypt cost, 4 to 31; default 10. Tests may use 4. */
    public Builder bcryptCost(int cost) {
      if (cost < 4 || cost > 31) {
        throw new IllegalArgumentException("bcryptCost must be 4 to 31, got " + cost);
      }
      this.bcryptCost = cost;
      return this;
    }

    /** The clock for token times, expiry and refresh tokens; default the system clock. */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Signs with {@code key} (RSA, with private part and key id) instead of a key generated at
     * build; lets two instances trust each other's signatures.
     */
    public Builder signingKey(RSAKey key) {
      requireNonNull(key, "key");
      if (!key.isPrivate() || key.getKeyID() == null) {
        throw new IllegalArgumentException("signingKey needs a private part and a key id");
      }
      this.signingKey = key;
      return this;
    }

    /**
     * The instance. Unless a signing key was given, a 2048-bit RSA key is generated when first
     * needed (the first login, verification or refresh makes it on the instance's hashing
     * threads), so building one costs no key.
     */
    public MemoryAuth build() {
      return new MemoryAuth(this, signingKey);
    }

    /** A new 2048-bit RSA signing key for RS256 with a random key id. */
    public static RSAKey generateSigningKey() {
      try {
        return new RSAKeyGenerator(2048)
            .keyID(UUID.randomUUID().toString())
            .keyUse(KeyUse.SIGNATURE)
            .algorithm(JWSAlgorithm.RS256)
            .generate();
      } catch (JOSEException e) {
        throw new SwitchbackException("generating an RSA signing key failed", e);
      }
    }

    private static String requireNonBlank(String value, String name) {
      requireNonNull(value, name);
      if (value.isBlank()) {
        throw new IllegalArgumentException(name + " must not be blank");
      }
      return value;
    }

    private static Duration requirePositive(Duration value, String name) {
      requireNonNull(value, name);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, got " + value);
      }
      return value;
    }
  }

  /** In process, so it answers while open and fails once closed. */
  @Override
  public CompletionStage<Void> ping() {
    return state.completeNow(() -> null);
  }
}
