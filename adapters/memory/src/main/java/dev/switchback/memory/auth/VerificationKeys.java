package dev.switchback.memory.auth;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.util.Optional;

/**
 * Where {@link JwtAccessTokenVerifier} looks up the public key a token names in its {@code kid}
 * header: a fixed key set, or a JWKS endpoint with its own caching and fetch limits. Keys offered
 * inside a token ({@code jwk}, {@code jku}, {@code x5u}, {@code x5c}) are never consulted.
 */
@FunctionalInterface
public interface VerificationKeys {

  /** The key with id {@code kid}, or empty if none is known. Must be thread safe. */
  Optional<JWK> find(String kid);

  /** A fixed set of keys; private parts, if any, are dropped. */
  static VerificationKeys of(JWKSet keys) {
    JWKSet publicKeys = keys.toPublicJWKSet();
    return kid -> Optional.ofNullable(publicKeys.getKeyByKeyId(kid));
  }
}
