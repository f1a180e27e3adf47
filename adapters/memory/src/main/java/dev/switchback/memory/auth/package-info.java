/**
 * In-memory {@link dev.switchback.auth.Auth} with a user directory, bcrypt password hashes and
 * Cognito-shaped RS256 tokens ({@link dev.switchback.memory.auth.MemoryAuth}), and the two halves
 * other token-based adapters reuse: {@link dev.switchback.memory.auth.CognitoStyleTokenIssuer} and
 * {@link dev.switchback.memory.auth.JwtAccessTokenVerifier}.
 */
@NullMarked
package dev.switchback.memory.auth;

import org.jspecify.annotations.NullMarked;
