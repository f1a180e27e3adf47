package dev.switchback.aws;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The current IAM authentication token for one {@link IamAuthTarget}: a token is reused for
 * {@link Builder#refreshAfter(Duration) refreshAfter} after it was signed (default {@link
 * #DEFAULT_REFRESH_AFTER}, leaving 5 of its 15 minutes as margin for a connection being opened
 * with it), then a fresh one is signed on the next request. Use it as the password supplier of a
 * client that asks again for every new connection.
 *
 * <p>Thread safe: callers that find the token stale at once wait for one signing, not one each.
 */
public final class IamAuthTokenSource implements Supplier<String> {

  /** How long a token is reused after it was signed: 10 minutes. */
  public static final Duration DEFAULT_REFRESH_AFTER = Duration.ofMinutes(10);

  private final IamAuthTokenGenerator generator;
  private final IamAuthTarget target;
  private final Duration refreshAfter;
  private final ReentrantLock signing = new ReentrantLock();
  private volatile @Nullable IamAuthToken current;

  private IamAuthTokenSource(Builder builder) {
    this.generator = builder.generator;
    this.target = builder.target;
    this.refreshAfter = builder.refreshAfter;
  }

  /** A builder for tokens of {@code target} made by {@code generator}. */
  public static Builder builder(IamAuthTokenGenerator generator, IamAuthTarget target) {
    return new Builder(generator, target);
  }

  /**
   * The token's value: the cached one while it is younger than the refresh age on the generator's
   * clock, else a new one.
   *
   * @throws AwsCredentialsUnavailableException if a new token is needed and the credentials
   *     cannot be resolved
   */
  @Override
  public String get() {
    return token().value();
  }

  /** Like {@link #get()}, with the token's times. */
  public IamAuthToken token() {
    IamAuthToken token = current;
    if (token != null && isFresh(token)) {
      return token;
    }
    signing.lock();
    try {
      token = current;
      if (token == null || !isFresh(token)) {
        token = generator.generate(target);
        current = token;
      }
      return token;
    } finally {
      signing.unlock();
    }
  }

  /**
   * Signs a new token now and caches it, for when the service rejected the cached one.
   *
   * @throws AwsCredentialsUnavailableException if the credentials cannot be resolved
   */
  public IamAuthToken refresh() {
    signing.lock();
    try {
      IamAuthToken token = generator.generate(target);
      current = token;
      return token;
    } finally {
      signing.unlock();
    }
  }

  private boolean isFresh(IamAuthToken token) {
    Instant now = generator.clock().instant();
    return now.isBefore(token.issuedAt().plus(refreshAfter));
  }

  @Override
  public String toString() {
    return "IamAuthTokenSource[" + target.service() + ", refreshAfter=" + refreshAfter + "]";
  }

  /** Settings of an {@link IamAuthTokenSource}. */
  public static final class Builder {
    private final IamAuthTokenGenerator generator;
    private final IamAuthTarget target;
    private Duration refreshAfter = DEFAULT_REFRESH_AFTER;

    private Builder(IamAuthTokenGenerator generator, IamAuthTarget target) {
      this.generator = requireNonNull(generator, "generator");
      this.target = requireNonNull(target, "target");
    }

    /**
     * How long a token is reused after it was signed; default {@link #DEFAULT_REFRESH_AFTER}.
     *
     * @throws IllegalArgumentException unless it is positive and shorter than {@link
     *     IamAuthTokenGenerator#TOKEN_LIFETIME}
     */
    public Builder refreshAfter(Duration refreshAfter) {
      requireNonNull(refreshAfter, "refreshAfter");
      if (refreshAfter.isNegative() || refreshAfter.isZero()
          || refreshAfter.compareTo(IamAuthTokenGenerator.TOKEN_LIFETIME) >= 0) {
        throw new IllegalArgumentException("refreshAfter must be positive and shorter than "
            + IamAuthTokenGenerator.TOKEN_LIFETIME + ", got " + refreshAfter);
      }
      this.refreshAfter = refreshAfter;
      return this;
    }

    /** The source; it signs its first token when first asked. */
    public IamAuthTokenSource build() {
      return new IamAuthTokenSource(this);
    }
  }
}
