package dev.switchback.migration.internal;

import static java.util.Objects.requireNonNull;

import dev.switchback.AuthenticationFailedException;
import dev.switchback.ConfigurationException;
import dev.switchback.InvalidTokenException;
import dev.switchback.SwitchbackException;
import dev.switchback.auth.Auth;
import dev.switchback.auth.AuthFeature;
import dev.switchback.auth.Principal;
import dev.switchback.auth.Tokens;
import dev.switchback.auth.UserDirectory;
import dev.switchback.migration.Side;
import dev.switchback.migration.Stage;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * {@link Auth} over an old and a new backend, routed by the migration's stage. Login is the
 * write and verify the read:
 *
 * <ul>
 *   <li>off: old only.
 *   <li>dualwrite, shadow: login against old; after a successful login the user is created or
 *       updated in new with the same password and groups (migrate-on-login, no forced reset),
 *       off the caller's path. A failed migration is counted; the next login tries again.
 *   <li>live, rampdown: login against new; a user new does not know (or knows with another
 *       password) is tried against old, migrated on success, and then logged in against new.
 *   <li>complete: new only.
 * </ul>
 *
 * Verify and refresh try the backend that answers in the stage first and the other one next, so
 * tokens of both issuers are accepted until complete. The new backend must offer a
 * {@link UserDirectory}.
 */
public final class AuthRouter implements Auth {
  private final StageController controller;
  private final Auth oldAuth;
  private final Auth newAuth;
  private final UserDirectory newDirectory;
  private volatile boolean closed;

  public AuthRouter(StageController controller, Auth oldAuth, Auth newAuth) {
    this.controller = requireNonNull(controller, "controller");
    this.oldAuth = requireNonNull(oldAuth, "oldAuth");
    this.newAuth = requireNonNull(newAuth, "newAuth");
    this.newDirectory =
        newAuth
            .ability(UserDirectory.class)
            .orElseThrow(
                () -> new ConfigurationException(
                    "switchback.auth.migration.target names a backend without a user directory;"
                        + " migrate-on-login needs one (feature " + AuthFeature.USER_DIRECTORY + ")"));
  }

  @Override
  public CompletionStage<Tokens> login(String username, char[] password) {
    if (closed) {
      return CompletableFuture.failedFuture(new SwitchbackException("auth router is closed"));
    }
    Stage stage = controller.stage();
    char[] secret = password == null ? null : password.clone();
    CompletionStage<Tokens> result =
        switch (stage) {
          case OFF -> timed(Side.OLD, oldAuth.login(username, password));
          case DUALWRITE, SHADOW -> timed(Side.OLD, oldAuth.login(username, password))
              .thenApply(tokens -> {
                migrate(username, secret, tokens); // off the caller's path
                return tokens;
              });
          case LIVE, RAMPDOWN -> loginNewFallingBackToOld(username, secret);
          case COMPLETE -> timed(Side.NEW, newAuth.login(username, password));
        };
    if (stage == Stage.OFF || stage == Stage.COMPLETE) {
      wipe(secret);
    }
    return result;
  }

  private CompletionStage<Tokens> loginNewFallingBackToOld(String username, char[] secret) {
    return timed(Side.NEW, newAuth.login(username, secret))
        .handle((tokens, t) -> t)
        .thenCompose(
            failure -> {
              if (failure == null) {
                return newAuth.login(username, secret).whenComplete((v, t) -> wipe(secret));
              }
              if (!(KeyedRouting.cause(failure) instanceof AuthenticationFailedException)) {
                wipe(secret);
                return CompletableFuture.failedFuture(KeyedRouting.cause(failure));
              }
              return timed(Side.OLD, oldAuth.login(username, secret))
                  .thenCompose(oldTokens -> migrateNow(username, secret, oldTokens)
                      .thenCompose(x -> newAuth.login(username, secret))
                      .exceptionally(t -> oldTokens))
                  .whenComplete((v, t) -> wipe(secret));
            });
  }

  private void migrate(String username, char[] secret, Tokens oldTokens) {
    migrateNow(username, secret, oldTokens).whenComplete((v, t) -> wipe(secret));
  }

  private CompletionStage<Void> migrateNow(String username, char[] secret, Tokens oldTokens) {
    long t0 = System.nanoTime();
    return oldAuth
        .verify(oldTokens.accessToken())
        .thenCompose(p -> newDirectory.upsert(username, secret, p.groups()))
        .whenComplete((v, t) -> controller.recordOutcome(Side.NEW, System.nanoTime() - t0, t != null))
        .thenApply(u -> null);
  }

  @Override
  public CompletionStage<Principal> verify(String accessToken) {
    return eitherIssuer(a -> a.verify(accessToken));
  }

  @Override
  public CompletionStage<Tokens> refresh(String refreshToken) {
    return eitherIssuer(a -> a.refresh(refreshToken));
  }

  private <T> CompletionStage<T> eitherIssuer(Function<Auth, CompletionStage<T>> op) {
    if (closed) {
      return CompletableFuture.failedFuture(new SwitchbackException("auth router is closed"));
    }
    Stage stage = controller.stage();
    if (stage == Stage.OFF) {
      return op.apply(oldAuth);
    }
    if (stage == Stage.COMPLETE) {
      return op.apply(newAuth);
    }
    Side first = stage.newIsAuthoritative() ? Side.NEW : Side.OLD;
    Auth a = first == Side.NEW ? newAuth : oldAuth;
    Auth b = first == Side.NEW ? oldAuth : newAuth;
    return KeyedRouting.call(op, a)
        .handle((v, t) -> t == null ? CompletableFuture.completedFuture(v)
            : KeyedRouting.cause(t) instanceof InvalidTokenException
                ? KeyedRouting.call(op, b).handle((v2, t2) -> {
                    if (t2 != null) {
                      throw KeyedRouting.propagate(t); // the answering backend's reason
                    }
                    return v2;
                  })
                : CompletableFuture.<T>failedFuture(KeyedRouting.cause(t)))
        .thenCompose(Function.identity());
  }

  @Override
  public String issuer() {
    return controller.stage().newIsAuthoritative() ? newAuth.issuer() : oldAuth.issuer();
  }

  @Override
  public Set<AuthFeature> features() {
    return EnumSet.noneOf(AuthFeature.class);
  }

  @Override
  public CompletionStage<Void> closeAsync() {
    closed = true;
    return CompletableFuture.completedFuture(null);
  }

  private <T> CompletionStage<T> timed(Side side, CompletionStage<T> stage) {
    long t0 = System.nanoTime();
    return stage.whenComplete(
        (v, t) -> controller.recordOutcome(
            side,
            System.nanoTime() - t0,
            t != null && !(KeyedRouting.cause(t) instanceof AuthenticationFailedException)));
  }

  private static void wipe(char[] secret) {
    if (secret != null) {
      Arrays.fill(secret, '\0');
    }
  }
}
