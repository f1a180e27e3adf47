package dev.switchback.memory.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.switchback.AuthenticationFailedException;
import dev.switchback.InvalidInputException;
import dev.switchback.InvalidTokenException;
import dev.switchback.InvalidTokenException.Reason;
import dev.switchback.SwitchbackException;
import dev.switchback.auth.Principal;
import dev.switchback.auth.Tokens;
import dev.switchback.auth.User;
import dev.switchback.testkit.ManualClock;
import dev.switchback.testkit.Stages;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MemoryAuthTest {
  // Generating an RSA key is slow; one serves every instance of this class.
  private static final RSAKey KEY = MemoryAuth.Builder.generateSigningKey();
  private static final Duration DEADLINE = Duration.ofSeconds(10);
  private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

  private final ManualClock clock = new ManualClock(START);
  private final List<MemoryAuth> instances = new ArrayList<>();

  @AfterEach
  void closeInstances() {
    instances.forEach(MemoryAuth::close);
  }

  @Test
  void passwordOfSeventyTwoBytesIsAcceptedAndOfSeventyThreeRefused() {
    MemoryAuth auth = open(builder());
    String ascii72 = "a".repeat(72);
    String twoByte72 = "\u00e9".repeat(36);
    String threeByte72 = "\u20ac".repeat(24);
    for (String accepted : List.of(ascii72, twoByte72, threeByte72)) {
      join(auth.upsert("u", accepted.toCharArray(), Set.of()));
      assertThat(join(auth.login("u", accepted.toCharArray()))).isNotNull();
    }
    for (String refused : List.of("a".repeat(73), "\u00e9".repeat(37), "\u20ac".repeat(24) + "a")) {
      assertThat(failureOf(auth.upsert("u", refused.toCharArray(), Set.of())))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageNotContaining(refused);
      assertThat(failureOf(auth.setPassword("u", refused.toCharArray())))
          .isInstanceOf(InvalidInputException.class);
    }
    assertThat(join(auth.login("u", threeByte72.toCharArray()))).isNotNull();
  }

  @Test
  void passwordLongerThanSeventyTwoBytesNeverMatchesItsPrefix() {
    MemoryAuth auth = open(builder());
    String stored = "p".repeat(72);
    join(auth.upsert("u", stored.toCharArray(), Set.of()));
    assertThat(failureOf(auth.login("u", (stored + "extra").toCharArray())))
        .isInstanceOf(AuthenticationFailedException.class);
  }

  @Test
  void emptyPasswordAndBlankUsernameAreRefused() {
    MemoryAuth auth = open(builder());
    assertThat(failureOf(auth.upsert("u", new char[0], Set.of())))
        .isInstanceOf(InvalidInputException.class);
    assertThat(failureOf(auth.upsert(" ", "pw".toCharArray(), Set.of())))
        .isInstanceOf(InvalidInputException.class);
    assertThat(join(auth.find("u"))).isEmpty();
  }

  @Test
  void accessTokenExpiresOnlyBeyondTheClockSkew() {
    MemoryAuth auth =
        open(builder().tokenTtl(Duration.ofMinutes(5)).clockSkew(Duration.ofSeconds(60)));
    Tokens tokens = login(auth, "u", "pw", Set.of());
    assertThat(tokens.expiresAt()).isEqualTo(START.plus(Duration.ofMinutes(5)));

    clock.advance(Duration.ofMinutes(5).plusSeconds(59));
    assertThat(join(auth.verify(tokens.accessToken())).username()).isEqualTo("u");
    clock.advance(Duration.ofSeconds(1));
    assertThat(join(auth.verify(tokens.accessToken())).username()).isEqualTo("u");
    clock.advance(Duration.ofSeconds(1));
    assertThat(reasonOf(auth.verify(tokens.accessToken()))).isEqualTo(Reason.EXPIRED);
  }

  @Test
  void tokenOfAnotherIssuerWithTheSameKeyIsWrongIssuer() {
    MemoryAuth ours = open(builder().issuer("https://ours.example"));
    MemoryAuth theirs = open(builder().issuer("https://theirs.example"));
    Tokens tokens = login(theirs, "u", "pw", Set.of());
    assertThat(reasonOf(ours.verify(tokens.accessToken()))).isEqualTo(Reason.WRONG_ISSUER);
  }

  @Test
  void tokenOfAnotherClientIsWrongAudience() {
    MemoryAuth ours = open(builder().clientId("ours"));
    MemoryAuth theirs = open(builder().clientId("theirs"));
    Tokens tokens = login(theirs, "u", "pw", Set.of());
    assertThat(reasonOf(ours.verify(tokens.accessToken()))).isEqualTo(Reason.WRONG_AUDIENCE);
  }

  @Test
  void tokenSignedWithAnotherKeyIsUnknownKey() {
    MemoryAuth ours = open(builder());
    MemoryAuth theirs =
        open(builder().signingKey(MemoryAuth.Builder.generateSigningKey()));
    Tokens tokens = login(theirs, "u", "pw", Set.of());
    assertThat(reasonOf(ours.verify(tokens.accessToken()))).isEqualTo(Reason.UNKNOWN_KEY);
  }

  @Test
  void withoutAGivenKeyTheFirstUsesRacingShareTheOneKeyMadeForThem() throws Exception {
    MemoryAuth auth = open(MemoryAuth.builder().bcryptCost(4).clock(clock));
    join(auth.upsert("u", "pw".toCharArray(), Set.of()));
    String foreign = login(open(builder()), "u", "pw", Set.of()).accessToken();

    // A verification and logins on both hashing threads all need the key that is not made yet.
    CompletionStage<Principal> early = auth.verify(foreign);
    List<CompletionStage<Tokens>> logins = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      logins.add(auth.login("u", "pw".toCharArray()));
    }

    Set<String> keyIds = new HashSet<>();
    for (CompletionStage<Tokens> login : logins) {
      String accessToken = join(login).accessToken();
      keyIds.add(SignedJWT.parse(accessToken).getHeader().getKeyID());
      assertThat(join(auth.verify(accessToken)).username()).isEqualTo("u");
    }
    assertThat(keyIds).hasSize(1);
    assertThat(auth.publicKeys().getKeys()).extracting(k -> k.getKeyID())
        .containsExactlyElementsOf(keyIds);
    assertThat(reasonOf(early)).isEqualTo(Reason.UNKNOWN_KEY);
  }

  @Test
  void tokensCarryCognitoClaims() throws Exception {
    MemoryAuth auth = open(builder().issuer("iss-1").clientId("client-1"));
    Tokens tokens = login(auth, "alice", "pw", Set.of("b", "a"));
    User alice = join(auth.find("alice")).orElseThrow();

    SignedJWT access = SignedJWT.parse(tokens.accessToken());
    assertThat(access.getHeader().getKeyID()).isEqualTo(KEY.getKeyID());
    assertThat(access.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
    JWTClaimsSet claims = access.getJWTClaimsSet();
    assertThat(claims.getSubject()).isEqualTo(alice.subject());
    assertThat(claims.getIssuer()).isEqualTo("iss-1");
    assertThat(claims.getStringClaim("client_id")).isEqualTo("client-1");
    assertThat(claims.getStringClaim("token_use")).isEqualTo("access");
    assertThat(claims.getStringClaim("username")).isEqualTo("alice");
    assertThat(claims.getStringListClaim("cognito:groups")).containsExactly("a", "b");
    assertThat(claims.getStringClaim("scope")).isEqualTo(CognitoStyleTokenIssuer.SCOPE);
    assertThat(claims.getLongClaim("auth_time")).isEqualTo(START.getEpochSecond());
    assertThat(claims.getIssueTime().toInstant()).isEqualTo(START);
    assertThat(claims.getExpirationTime().toInstant()).isEqualTo(tokens.expiresAt());
    assertThat(claims.getJWTID()).isNotBlank();

    JWTClaimsSet id = SignedJWT.parse(tokens.idToken()).getJWTClaimsSet();
    assertThat(id.getSubject()).isEqualTo(alice.subject());
    assertThat(id.getAudience()).containsExactly("client-1");
    assertThat(id.getStringClaim("token_use")).isEqualTo("id");
    assertThat(id.getStringClaim("cognito:username")).isEqualTo("alice");
    assertThat(id.getStringListClaim("cognito:groups")).containsExactly("a", "b");
    assertThat(id.getClaim("client_id")).isNull();
  }

  @Test
  void publishedKeysVerifyIssuedTokens() throws Exception {
    MemoryAuth auth = open(builder());
    Tokens tokens = login(auth, "u", "pw", Set.of());
    assertThat(auth.publicKeys().getKeys()).allMatch(key -> !key.isPrivate());
    JwtAccessTokenVerifier verifier =
        JwtAccessTokenVerifier.builder(
                auth.issuer(), auth.clientId(), VerificationKeys.of(auth.publicKeys()))
            .clock(clock)
            .build();
    assertThat(verifier.verify(tokens.accessToken()).username()).isEqualTo("u");
  }

  @Test
  void disabledUserCannotLogInOrRefreshAndFailsLikeAWrongPassword() {
    MemoryAuth auth = open(builder());
    Tokens tokens = login(auth, "u", "pw", Set.of());
    assertThat(join(auth.setEnabled("u", false))).map(User::enabled).contains(false);

    Throwable disabled = failureOf(auth.login("u", "pw".toCharArray()));
    Throwable wrong = failureOf(auth.login("u", "nope".toCharArray()));
    assertThat(disabled).isInstanceOf(AuthenticationFailedException.class);
    assertThat(disabled.getMessage()).isEqualTo(wrong.getMessage());
    assertThat(reasonOf(auth.refresh(tokens.refresh().orElseThrow()))).isEqualTo(Reason.REVOKED);

    join(auth.setEnabled("u", true));
    assertThat(join(auth.login("u", "pw".toCharArray()))).isNotNull();
    assertThat(join(auth.setEnabled("ghost", true))).isEmpty();
  }

  @Test
  void deletingAUserRevokesItsRefreshTokens() {
    MemoryAuth auth = open(builder());
    Tokens tokens = login(auth, "u", "pw", Set.of());
    join(auth.delete("u"));
    join(auth.upsert("u", "pw".toCharArray(), Set.of()));
    assertThat(reasonOf(auth.refresh(tokens.refresh().orElseThrow()))).isEqualTo(Reason.REVOKED);
  }

  @Test
  void refreshTokenExpiresAfterItsLifetime() {
    MemoryAuth auth = open(builder().refreshTokenTtl(Duration.ofHours(2)));
    String refresh = login(auth, "u", "pw", Set.of()).refresh().orElseThrow();
    clock.advance(Duration.ofHours(1));
    assertThat(join(auth.refresh(refresh)).refresh()).contains(refresh);
    clock.advance(Duration.ofHours(1));
    assertThat(reasonOf(auth.refresh(refresh))).isEqualTo(Reason.EXPIRED);
    assertThat(reasonOf(auth.refresh(refresh))).isEqualTo(Reason.REVOKED);
  }

  @Test
  void refreshedTokensCarryTheUsersCurrentGroupsAndOriginalAuthTime() throws Exception {
    MemoryAuth auth = open(builder());
    String refresh = login(auth, "u", "pw", Set.of("old")).refresh().orElseThrow();
    join(auth.upsert("u", "pw".toCharArray(), Set.of("new")));
    clock.advance(Duration.ofMinutes(10));

    Tokens refreshed = join(auth.refresh(refresh));
    Principal principal = join(auth.verify(refreshed.accessToken()));
    assertThat(principal.groups()).containsExactly("new");
    assertThat(SignedJWT.parse(refreshed.accessToken()).getJWTClaimsSet().getLongClaim("auth_time"))
        .isEqualTo(START.getEpochSecond());
  }

  @Test
  void upsertKeepsTheSubjectAndEnabledState() {
    MemoryAuth auth = open(builder());
    User first = join(auth.upsert("u", "pw".toCharArray(), Set.of()));
    join(auth.setEnabled("u", false));
    User second = join(auth.upsert("u", "pw2".toCharArray(), Set.of("g")));
    assertThat(second.subject()).isEqualTo(first.subject());
    assertThat(second.enabled()).isFalse();
  }

  @Test
  void closedInstanceRefusesEveryOperation() {
    MemoryAuth auth = open(builder());
    join(auth.upsert("u", "pw".toCharArray(), Set.of()));
    auth.close();
    assertThat(failureOf(auth.login("u", "pw".toCharArray())))
        .isInstanceOf(SwitchbackException.class);
    assertThat(failureOf(auth.verify("a.b.c"))).isInstanceOf(SwitchbackException.class);
    assertThat(failureOf(auth.list())).isInstanceOf(SwitchbackException.class);
    assertThat(auth.closeAsync().toCompletableFuture()).isCompleted();
  }

  @Test
  void builderRefusesBadSettings() {
    assertThatThrownBy(() -> MemoryAuth.builder().bcryptCost(3))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MemoryAuth.builder().tokenTtl(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MemoryAuth.builder().issuer(" "))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MemoryAuth.builder().signingKey(KEY.toPublicJWK()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private MemoryAuth.Builder builder() {
    return MemoryAuth.builder().bcryptCost(4).signingKey(KEY).clock(clock);
  }

  private MemoryAuth open(MemoryAuth.Builder builder) {
    MemoryAuth auth = builder.build();
    instances.add(auth);
    return auth;
  }

  private static Tokens login(MemoryAuth auth, String user, String password, Set<String> groups) {
    join(auth.upsert(user, password.toCharArray(), groups));
    return join(auth.login(user, password.toCharArray()));
  }

  private static Reason reasonOf(CompletionStage<?> stage) {
    Throwable failure = failureOf(stage);
    assertThat(failure).isInstanceOf(InvalidTokenException.class);
    return ((InvalidTokenException) failure).reason();
  }

  static <T> T join(CompletionStage<T> stage) {
    return Stages.join(stage, DEADLINE);
  }

  static Throwable failureOf(CompletionStage<?> stage) {
    return Stages.failureOf(stage, DEADLINE);
  }
}
