package dev.switchback.memory.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.switchback.InvalidTokenException;
import dev.switchback.InvalidTokenException.Reason;
import dev.switchback.auth.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JwtAccessTokenVerifierTest {
  private static final RSAKey KEY = MemoryAuth.Builder.generateSigningKey();
  private static final RSAKey OTHER_KEY = MemoryAuth.Builder.generateSigningKey();
  private static final Instant NOW = Instant.parse("2030-06-01T12:00:00Z");
  private static final Duration SKEW = Duration.ofSeconds(60);
  private static final String ISSUER = "https://issuer.example/pool";
  private static final String CLIENT = "client-1";

  private final JwtAccessTokenVerifier verifier = verifierWith(VerificationKeys.of(new JWKSet(KEY)));

  @Test
  void validTokenYieldsItsPrincipal() throws Exception {
    Principal principal =
        verifier.verify(sign(claims().claim("cognito:groups", List.of("a", "b")).build()));
    assertThat(principal.subject()).isEqualTo("sub-1");
    assertThat(principal.username()).isEqualTo("alice");
    assertThat(principal.groups()).containsExactlyInAnyOrder("a", "b");
    assertThat(principal.issuer()).isEqualTo(ISSUER);
    assertThat(principal.expiresAt()).isEqualTo(NOW.plusSeconds(600));
    assertThat(principal.claims()).containsEntry("client_id", CLIENT);
  }

  @Test
  void jsonNullClaimIsLeftOutOfThePrincipal() throws Exception {
    Principal principal = verifier.verify(sign(claims().claim("nickname", null).build()));
    assertThat(principal.claims()).doesNotContainKey("nickname");
  }

  @Test
  void headerWithoutKidIsUnknownKey() throws Exception {
    JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).build();
    assertThat(reasonOf(sign(header, claims().build(), new RSASSASigner(KEY))))
        .isEqualTo(Reason.UNKNOWN_KEY);
  }

  @Test
  void kidOfNoKnownKeyIsUnknownKey() throws Exception {
    assertThat(reasonOf(sign(rs256(OTHER_KEY.getKeyID()), claims().build(), signer(OTHER_KEY))))
        .isEqualTo(Reason.UNKNOWN_KEY);
  }

  @Test
  void keyCarriedInTheTokenIsIgnored() throws Exception {
    JWSHeader offersItsOwnKey =
        new JWSHeader.Builder(JWSAlgorithm.RS256)
            .keyID(KEY.getKeyID())
            .jwk(OTHER_KEY.toPublicJWK())
            .build();
    assertThat(reasonOf(sign(offersItsOwnKey, claims().build(), signer(OTHER_KEY))))
        .isEqualTo(Reason.BAD_SIGNATURE);
  }

  @Test
  void hmacSignedWithThePublicKeyAsSecretIsUnsupportedAlgorithm() throws Exception {
    byte[] publicKeyBytes = KEY.toRSAPublicKey().getEncoded();
    JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(KEY.getKeyID()).build();
    assertThat(reasonOf(sign(header, claims().build(), new MACSigner(publicKeyBytes))))
        .isEqualTo(Reason.UNSUPPORTED_ALGORITHM);
  }

  @Test
  void otherRsaAlgorithmsAreUnsupported() throws Exception {
    for (JWSAlgorithm algorithm : List.of(JWSAlgorithm.RS384, JWSAlgorithm.RS512, JWSAlgorithm.PS256)) {
      JWSHeader header = new JWSHeader.Builder(algorithm).keyID(KEY.getKeyID()).build();
      assertThat(reasonOf(sign(header, claims().build(), signer(KEY))))
          .as(algorithm.getName())
          .isEqualTo(Reason.UNSUPPORTED_ALGORITHM);
    }
  }

  @Test
  void ellipticCurveTokenIsUnsupportedAlgorithm() throws Exception {
    ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("ec").generate();
    JwtAccessTokenVerifier trustsEc = verifierWith(VerificationKeys.of(new JWKSet(ec)));
    JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("ec").build();
    String token = sign(header, claims().build(), new ECDSASigner(ec));
    assertThat(reasonOf(trustsEc, token)).isEqualTo(Reason.UNSUPPORTED_ALGORITHM);
  }

  @Test
  void keyDeclaringAnotherAlgorithmIsUnsupportedAlgorithm() throws Exception {
    RSAKey rs512 =
        new RSAKeyGenerator(2048).keyID("rs512").algorithm(JWSAlgorithm.RS512).generate();
    JwtAccessTokenVerifier trusts = verifierWith(VerificationKeys.of(new JWKSet(rs512)));
    assertThat(reasonOf(trusts, sign(rs256("rs512"), claims().build(), signer(rs512))))
        .isEqualTo(Reason.UNSUPPORTED_ALGORITHM);
  }

  @Test
  void encryptionKeyIsNotASigningKey() throws Exception {
    RSAKey encryption = new RSAKey.Builder(KEY).keyUse(KeyUse.ENCRYPTION).build();
    JwtAccessTokenVerifier trusts = verifierWith(VerificationKeys.of(new JWKSet(encryption)));
    assertThat(reasonOf(trusts, sign(claims().build()))).isEqualTo(Reason.UNKNOWN_KEY);
  }

  @Test
  void symmetricKeyUnderTheKidIsUnsupportedAlgorithm() throws Exception {
    JWK oct = new OctetSequenceKey.Builder(new byte[32]).keyID(KEY.getKeyID()).build();
    JwtAccessTokenVerifier trusts = verifierWith(kid -> Optional.of(oct));
    assertThat(reasonOf(trusts, sign(claims().build()))).isEqualTo(Reason.UNSUPPORTED_ALGORITHM);
  }

  @Test
  void expiryIsEnforcedOneSecondPastTheSkewAndNotBefore() throws Exception {
    Date withinSkew = Date.from(NOW.minus(SKEW).plusSeconds(1));
    Date atSkew = Date.from(NOW.minus(SKEW));
    Date pastSkew = Date.from(NOW.minus(SKEW).minusSeconds(1));
    assertThatCode(() -> verifier.verify(sign(claims().expirationTime(withinSkew).build())))
        .doesNotThrowAnyException();
    assertThatCode(() -> verifier.verify(sign(claims().expirationTime(atSkew).build())))
        .doesNotThrowAnyException();
    assertThat(reasonOf(sign(claims().expirationTime(pastSkew).build())))
        .isEqualTo(Reason.EXPIRED);
  }

  @Test
  void issuedOrValidFromTheFutureBeyondTheSkewIsNotYetValid() throws Exception {
    Date pastSkew = Date.from(NOW.plus(SKEW).plusSeconds(1));
    Date withinSkew = Date.from(NOW.plus(SKEW));
    assertThat(reasonOf(sign(claims().issueTime(pastSkew).build())))
        .isEqualTo(Reason.NOT_YET_VALID);
    assertThat(reasonOf(sign(claims().notBeforeTime(pastSkew).build())))
        .isEqualTo(Reason.NOT_YET_VALID);
    assertThatCode(
            () -> verifier.verify(sign(claims().issueTime(withinSkew).notBeforeTime(withinSkew).build())))
        .doesNotThrowAnyException();
  }

  @Test
  void expiryGivenAsAStringIsMalformed() throws Exception {
    assertThat(reasonOf(sign(claims().claim("exp", "tomorrow").build())))
        .isEqualTo(Reason.MALFORMED);
  }

  @Test
  void requiredClaimsThatAreAbsentAreMissingClaim() throws Exception {
    for (String claim : List.of("exp", "iat", "sub", "username", "token_use", "client_id", "iss")) {
      JWTClaimsSet without = new JWTClaimsSet.Builder(claims().build()).claim(claim, null).build();
      assertThat(reasonOf(sign(without))).as(claim).isEqualTo(Reason.MISSING_CLAIM);
    }
  }

  @Test
  void claimsThatDoNotMatchAreRefusedWithTheirReason() throws Exception {
    assertThat(reasonOf(sign(claims().issuer(ISSUER + "/").build())))
        .isEqualTo(Reason.WRONG_ISSUER);
    assertThat(reasonOf(sign(claims().claim("token_use", "id").build())))
        .isEqualTo(Reason.WRONG_TOKEN_USE);
    assertThat(reasonOf(sign(claims().claim("client_id", "other").build())))
        .isEqualTo(Reason.WRONG_AUDIENCE);
    assertThat(reasonOf(sign(claims().claim("cognito:groups", "admins").build())))
        .isEqualTo(Reason.MALFORMED);
  }

  @Test
  void alteredOrMissingSignatureIsBadSignature() throws Exception {
    String token = sign(claims().build());
    String withoutSignature = token.substring(0, token.lastIndexOf('.') + 1);
    String truncated = token.substring(0, token.length() - 10);
    assertThat(reasonOf(withoutSignature)).isEqualTo(Reason.BAD_SIGNATURE);
    assertThat(reasonOf(truncated)).isEqualTo(Reason.BAD_SIGNATURE);
  }

  @Test
  void segmentOutsideTheBase64urlAlphabetIsMalformed() throws Exception {
    String token = sign(claims().build());
    String withoutSignature = token.substring(0, token.lastIndexOf('.') + 1);
    assertThat(reasonOf(withoutSignature + "not+base64/url")).isEqualTo(Reason.MALFORMED);
    assertThat(reasonOf("." + token.substring(token.indexOf('.') + 1)))
        .isEqualTo(Reason.MALFORMED);
  }

  @Test
  void headerWithoutAlgorithmOrOversizedTokenIsMalformed() throws Exception {
    String token = sign(claims().build());
    String noAlg =
        com.nimbusds.jose.util.Base64URL.encode("{\"kid\":\"" + KEY.getKeyID() + "\"}")
            + token.substring(token.indexOf('.'));
    assertThat(reasonOf(noAlg)).isEqualTo(Reason.MALFORMED);
    assertThat(reasonOf("a".repeat(JwtAccessTokenVerifier.MAX_TOKEN_LENGTH + 1) + ".b.c"))
        .isEqualTo(Reason.MALFORMED);
  }

  @Test
  void deeplyNestedClaimsAreRefusedWithoutOverflowingTheStack() throws Exception {
    String deep = "[".repeat(5000) + "]".repeat(5000);
    String json = claims().build().toString().replaceFirst("\\{", "{\"deep\":" + deep + ",");
    JWSObject jws = new JWSObject(rs256(KEY.getKeyID()), new Payload(json));
    jws.sign(signer(KEY));
    assertThat(reasonOf(jws.serialize())).isEqualTo(Reason.MALFORMED);
  }

  @Test
  void typHeaderDoesNotMatter() throws Exception {
    JWSHeader header =
        new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY.getKeyID()).type(JOSEObjectType.JWT).build();
    assertThat(verifier.verify(sign(header, claims().build(), signer(KEY))).username())
        .isEqualTo("alice");
  }

  @Test
  void refusalMessagesNeverContainTheToken() throws Exception {
    String token = sign(claims().claim("token_use", "id").build());
    InvalidTokenException refused =
        catchThrowableOfType(InvalidTokenException.class, () -> verifier.verify(token));
    assertThat(refused.getMessage()).doesNotContain(token).doesNotContain(token.split("\\.")[1]);
  }

  private static JWTClaimsSet.Builder claims() {
    return new JWTClaimsSet.Builder()
        .subject("sub-1")
        .issuer(ISSUER)
        .claim("client_id", CLIENT)
        .claim("token_use", "access")
        .claim("username", "alice")
        .issueTime(Date.from(NOW))
        .expirationTime(Date.from(NOW.plusSeconds(600)));
  }

  private static JwtAccessTokenVerifier verifierWith(VerificationKeys keys) {
    return JwtAccessTokenVerifier.builder(ISSUER, CLIENT, keys)
        .clockSkew(SKEW)
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .build();
  }

  private static JWSHeader rs256(String kid) {
    return new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build();
  }

  private static JWSSigner signer(RSAKey key) throws Exception {
    return new RSASSASigner(key);
  }

  private static String sign(JWTClaimsSet claims) throws Exception {
    return sign(rs256(KEY.getKeyID()), claims, signer(KEY));
  }

  private static String sign(JWSHeader header, JWTClaimsSet claims, JWSSigner signer)
      throws Exception {
    JWSObject jws = new JWSObject(header, new Payload(claims.toJSONObject()));
    jws.sign(signer);
    return jws.serialize();
  }

  private Reason reasonOf(String token) {
    return reasonOf(verifier, token);
  }

  private static Reason reasonOf(JwtAccessTokenVerifier verifier, String token) {
    InvalidTokenException refused =
        catchThrowableOfType(InvalidTokenException.class, () -> verifier.verify(token));
    assertThat(refused).as("refused").isNotNull();
    return refused.reason();
  }

}
