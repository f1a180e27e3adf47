package dev.switchback.elasticache.internal;

import dev.switchback.BackendUnavailableException;
import dev.switchback.elasticache.ElastiCacheAuth;
import dev.switchback.elasticache.ElastiCacheSettings;
import dev.switchback.spi.support.Causes;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * Says why a connection to ElastiCache could not be opened: unreachable, TLS refused, or
 * credentials refused. Messages name the endpoint, the user and what to check, never a token:
 * the server's replies ({@code WRONGPASS ...}) and TLS errors hold none.
 */
public final class ConnectFailures {
  private static final int MAX_DETAIL = 300;

  private ConnectFailures() {}

  /** The exception to throw for {@code failure}, raised while connecting with {@code settings}. */
  public static BackendUnavailableException translate(
      ElastiCacheSettings settings, Throwable failure) {
    String endpoint = settings.endpoint();
    SSLException tls = Causes.find(failure, SSLException.class);
    if (tls != null) {
      return new BackendUnavailableException("TLS handshake with ElastiCache at " + endpoint
          + " failed, so nothing was sent (there is no plaintext fallback): the server's"
          + " certificate must chain to a trusted authority (the JVM's, or tls.ca-file) and name "
          + settings.host() + "; " + detail(tls), failure);
    }
    RedisCommandExecutionException reply =
        Causes.find(failure, RedisCommandExecutionException.class);
    if (reply != null && isAuthReply(reply.getMessage())) {
      return new BackendUnavailableException("ElastiCache at " + endpoint + " refused the"
          + " credentials of " + who(settings.auth()) + " (" + detail(reply) + "); check "
          + what(settings.auth()), failure);
    }
    if (settings.tls() && Causes.find(failure, RedisCommandTimeoutException.class) != null) {
      return new BackendUnavailableException("cannot connect to ElastiCache at " + endpoint
          + ": the connection was not ready within " + settings.client().connectTimeout()
          + " (with TLS on, a server that does not speak TLS looks like this; there is no"
          + " plaintext fallback)", failure);
    }
    return new BackendUnavailableException("cannot connect to ElastiCache at " + endpoint + " ("
        + detail(Causes.root(failure)) + ")", failure);
  }

  private static boolean isAuthReply(@Nullable String message) {
    return message != null && (message.startsWith("WRONGPASS") || message.startsWith("NOAUTH")
        || message.startsWith("NOPERM") || message.contains("AUTH"));
  }

  private static String who(ElastiCacheAuth auth) {
    if (auth instanceof ElastiCacheAuth.Token token) {
      return token.user().map(u -> "user " + u).orElse("the default user");
    }
    if (auth instanceof ElastiCacheAuth.Iam iam) {
      return "IAM user " + iam.user();
    }
    return "an unauthenticated client";
  }

  private static String what(ElastiCacheAuth auth) {
    if (auth instanceof ElastiCacheAuth.Token) {
      return "the token and user";
    }
    if (auth instanceof ElastiCacheAuth.Iam) {
      return "that the user exists with IAM authentication, the cache name signed into the token,"
          + " the region and the IAM policy (elasticache:Connect)";
    }
    return "whether the cache requires authentication (auth=token or auth=iam)";
  }

  private static String detail(Throwable failure) {
    return Causes.summary(failure, MAX_DETAIL);
  }
}
