package dev.switchback.elasticache.internal;

import static java.util.Objects.requireNonNull;

import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisCredentialsProvider;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Credentials of an ElastiCache IAM user for Lettuce: the user and the current token of the
 * supplier, asked when a connection is opened (and re-opened), and again every {@code
 * reauthenticateEvery} for each open connection, which Lettuce sends as {@code AUTH} when the
 * client runs with {@code ReauthenticateBehavior.ON_NEW_CREDENTIALS}.
 *
 * <p>Each connection subscribes to {@link #credentials()} when it becomes active, so its first
 * re-authentication comes {@code reauthenticateEvery} after it connected, not at once. A token
 * that cannot be made (credentials unavailable) fails the connection attempt; for a
 * re-authentication it is logged and the next tick tries again.
 *
 * <p>Signing may resolve AWS credentials over the network, so it runs on {@code signing}, never
 * on a Netty event loop. Thread safe.
 */
public final class IamCredentials implements RedisCredentialsProvider {
  private static final System.Logger LOG = System.getLogger(IamCredentials.class.getName());

  private final String user;
  private final Supplier<String> tokens;
  private final Duration reauthenticateEvery;
  private final Scheduler signing;

  /**
   * @param user the IAM-enabled RBAC user
   * @param tokens the current token on each call
   * @param reauthenticateEvery how often an open connection authenticates again
   * @param signing where tokens are made and ticks run
   */
  public IamCredentials(
      String user, Supplier<String> tokens, Duration reauthenticateEvery, Scheduler signing) {
    this.user = requireNonNull(user, "user");
    this.tokens = requireNonNull(tokens, "tokens");
    this.reauthenticateEvery = requireNonNull(reauthenticateEvery, "reauthenticateEvery");
    this.signing = requireNonNull(signing, "signing");
  }

  @Override
  public Mono<RedisCredentials> resolveCredentials() {
    return Mono.fromCallable(() -> RedisCredentials.just(user, tokens.get()))
        .subscribeOn(signing);
  }

  @Override
  public boolean supportsStreaming() {
    return true;
  }

  @Override
  public Flux<RedisCredentials> credentials() {
    return Flux.interval(reauthenticateEvery, reauthenticateEvery, signing)
        .onBackpressureDrop()
        .concatMap(tick -> resolveCredentials().onErrorResume(failure -> {
          // Only the type: messages of credential failures may quote secrets.
          LOG.log(Level.WARNING, () -> "cannot make an IAM token to re-authenticate an"
              + " ElastiCache connection of user " + user + " ("
              + failure.getClass().getSimpleName() + "); trying again in " + reauthenticateEvery);
          return Mono.empty();
        }));
  }

  @Override
  public String toString() {
    return "IamCredentials[user=" + user + ", reauthenticateEvery=" + reauthenticateEvery + "]";
  }
}
